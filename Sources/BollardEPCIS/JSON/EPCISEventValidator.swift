/// Type checks of EPCIS 2.0 §7.4 / the JSON schema of §10 on a JSON event, so a document with a
/// number where a string belongs, or an unknown bizStep, is refused with the JSON path of the
/// fault instead of being hashed or mapped into something else.
enum EPCISEventValidator {
    static let stringFields: Set<String> = [
        "eventTime", "eventTimeZoneOffset", "recordTime", "eventID", "parentID", "transformationID",
        "action", "bizStep", "disposition", "certificationInfo",
    ]
    static let stringArrayFields: Set<String> = ["epcList", "inputEPCList", "outputEPCList", "childEPCs"]
    static let objectArrayFields: Set<String> = [
        "quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList",
        "bizTransactionList", "sourceList", "destinationList", "sensorElementList",
    ]
    static let objectFields: Set<String> = ["readPoint", "bizLocation", "ilmd", "persistentDisposition", "errorDeclaration"]
    static let actions: Set<String> = ["ADD", "OBSERVE", "DELETE"]

    enum Shape { case string, stringArray, objectArray, object }

    static let shapes: [String: Shape] = {
        var d: [String: Shape] = [:]
        for k in stringFields { d[k] = .string }
        for k in stringArrayFields { d[k] = .stringArray }
        for k in objectArrayFields { d[k] = .objectArray }
        for k in objectFields { d[k] = .object }
        return d
    }()

    static func validate(member m: JSONMember, path: String) throws(EPCISError) {
        do {
            let key = m.key
            guard let shape = shapes[key] else { return }
            if shape == .string {
                guard let s = m.value.stringValue else { throw wrongType(path, key, "a string", m.value) }
                switch key {
                case "action" where !actions.contains(s):
                    throw EPCISError(.unknownVocabulary, position: "\(path).\(key)", context: "action must be ADD, OBSERVE or DELETE, not '\(s)'")
                case "bizStep": try check(s, .bizStep, "\(path).\(key)")
                case "disposition": try check(s, .disposition, "\(path).\(key)")
                default: break
                }
            } else if shape == .stringArray {
                guard case .array(let items) = m.value else { throw wrongType(path, key, "an array", m.value) }
                for (i, item) in items.enumerated() where item.stringValue == nil {
                    throw wrongType(path, "\(key)[\(i)]", "a string", item)
                }
            } else if shape == .objectArray {
                guard case .array(let items) = m.value else { throw wrongType(path, key, "an array", m.value) }
                for (i, item) in items.enumerated() {
                    guard case .object(let entry) = item else { throw wrongType(path, "\(key)[\(i)]", "an object", item) }
                    try validateEntry(entry, list: key, path: "\(path).\(key)[\(i)]")
                }
            } else {
                guard case .object(let inner) = m.value else { throw wrongType(path, key, "an object", m.value) }
                if key == "readPoint" || key == "bizLocation" {
                    if let id = inner.first(where: { $0.key == "id" })?.value, id.stringValue == nil {
                        throw wrongType("\(path).\(key)", "id", "a string", id)
                    }
                }
                if key == "persistentDisposition" {
                    for e in inner where e.key == "set" || e.key == "unset" {
                        guard case .array(let items) = e.value else { throw wrongType("\(path).\(key)", e.key, "an array", e.value) }
                        for (i, item) in items.enumerated() {
                            guard let s = item.stringValue else { throw wrongType("\(path).\(key)", "\(e.key)[\(i)]", "a string", item) }
                            try check(s, .disposition, "\(path).\(key).\(e.key)[\(i)]")
                        }
                    }
                }
            }
        }
    }

    static func validateEntry(_ entry: [JSONMember], list: String, path: String) throws(EPCISError) {
        let vocabulary: CBVVocabulary?
        switch list {
        case "bizTransactionList": vocabulary = .bizTransactionType
        case "sourceList", "destinationList": vocabulary = .sourceDestinationType
        default: vocabulary = nil
        }
        guard let vocabulary else { return }
        for e in entry {
            if e.key == "type" {
                guard let s = e.value.stringValue else { throw wrongType(path, "type", "a string", e.value) }
                try check(s, vocabulary, "\(path).type")
            } else if e.key == "bizTransaction" || e.key == "source" || e.key == "destination" {
                if e.value.stringValue == nil { throw wrongType(path, e.key, "a string", e.value) }
            }
        }
    }

    static func check(_ value: String, _ vocabulary: CBVVocabulary, _ position: String) throws(EPCISError) {
        if !vocabulary.accepts(value) {
            throw EPCISError(.unknownVocabulary, position: position,
                             context: "'\(value)' is neither a CBV 2.0 \(vocabulary) nor a private-extension URI")
        }
    }

    static func wrongType(_ path: String, _ key: String, _ expected: String, _ found: JSONValue) -> EPCISError {
        EPCISError(.wrongType, position: "\(path).\(key)", context: "expected \(expected), found a \(found.typeName)")
    }
}
