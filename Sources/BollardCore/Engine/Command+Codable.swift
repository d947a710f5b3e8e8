/// Log form of a command: a one-key object naming the case, e.g. `{"issueReceipt":{…}}`.
/// Written by hand because the synthesised form wraps payloads in `_0`, and these bytes are
/// leaves of the public log that outside verifiers parse.
extension Command {
    enum CodingKeys: String, CodingKey {
        case captureEvent, issueReceipt, closeReceipt, pledgeReceipt, defineToken, bindReceipt, releaseEncumbrance, reportInventory
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard c.allKeys.count == 1, let key = c.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "a command is an object with exactly one key"))
        }
        switch key {
        case .captureEvent: self = .captureEvent(try c.decode(EPCISEvent.self, forKey: key))
        case .issueReceipt: self = .issueReceipt(try c.decode(ReceiptIssuance.self, forKey: key))
        case .closeReceipt: self = .closeReceipt(try c.decode(ReceiptClosure.self, forKey: key))
        case .pledgeReceipt: self = .pledgeReceipt(try c.decode(PledgeInstruction.self, forKey: key))
        case .defineToken: self = .defineToken(try c.decode(TokenListing.self, forKey: key))
        case .bindReceipt: self = .bindReceipt(try c.decode(TokenBindingInstruction.self, forKey: key))
        case .releaseEncumbrance: self = .releaseEncumbrance(try c.decode(EncumbranceRelease.self, forKey: key))
        case .reportInventory: self = .reportInventory(try c.decode(InventoryReport.self, forKey: key))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .captureEvent(let v): try c.encode(v, forKey: .captureEvent)
        case .issueReceipt(let v): try c.encode(v, forKey: .issueReceipt)
        case .closeReceipt(let v): try c.encode(v, forKey: .closeReceipt)
        case .pledgeReceipt(let v): try c.encode(v, forKey: .pledgeReceipt)
        case .defineToken(let v): try c.encode(v, forKey: .defineToken)
        case .bindReceipt(let v): try c.encode(v, forKey: .bindReceipt)
        case .releaseEncumbrance(let v): try c.encode(v, forKey: .releaseEncumbrance)
        case .reportInventory(let v): try c.encode(v, forKey: .reportInventory)
        }
    }
}
