/// One named check of a bundle and its outcome.
public struct VerificationCheck: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Outcome: String, Sendable, Hashable, Codable {
        case passed
        case failed
        /// Not performed (for instance, no event hasher was configured); never counts as passed.
        case skipped
    }

    /// e.g. `checkpoint.signature`, `item[3].inclusion`, `anchor[0].commitment`.
    public var name: String
    public var outcome: Outcome
    public var reason: String

    public init(_ name: String, _ outcome: Outcome, _ reason: String) {
        self.name = name
        self.outcome = outcome
        self.reason = reason
    }

    public var description: String { "\(outcome.rawValue.uppercased()) \(name): \(reason)" }
}

/// Every check made on a bundle, in order.
public struct VerificationReport: Sendable, Hashable, Codable {
    public var checks: [VerificationCheck]

    public init(checks: [VerificationCheck] = []) { self.checks = checks }

    public var failures: [VerificationCheck] { checks.filter { $0.outcome == .failed } }
    public var skipped: [VerificationCheck] { checks.filter { $0.outcome == .skipped } }
    /// True when at least one check ran and none failed.
    public var passed: Bool { !checks.isEmpty && failures.isEmpty }

    public func check(_ name: String) -> VerificationCheck? { checks.first { $0.name == name } }

    mutating func pass(_ name: String, _ reason: String) { checks.append(VerificationCheck(name, .passed, reason)) }
    mutating func fail(_ name: String, _ reason: String) { checks.append(VerificationCheck(name, .failed, reason)) }
    mutating func skip(_ name: String, _ reason: String) { checks.append(VerificationCheck(name, .skipped, reason)) }
}
