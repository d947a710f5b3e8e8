/// CBV 2.0 source/destination type.
public struct SourceDestType: CBVVocabulary {
    public let uri: String
    public init(canonicalURI: String) { uri = canonicalURI }

    public static let webPrefix = "SDT"
    public static let urnPrefix = "sdt"
    public static let vocabularyName = "SDT"
    public static let standardTerms: Set<String> = ["owning_party", "possessing_party", "location"]

    public static let owningParty = standard("owning_party")
    public static let possessingParty = standard("possessing_party")
    public static let location = standard("location")
}

/// CBV 2.0 error reason, used in an errorDeclaration.
public struct ErrorReason: CBVVocabulary {
    public let uri: String
    public init(canonicalURI: String) { uri = canonicalURI }

    public static let webPrefix = "ER"
    public static let urnPrefix = "er"
    public static let vocabularyName = "ER"
    public static let standardTerms: Set<String> = ["did_not_occur", "incorrect_data"]

    public static let didNotOccur = standard("did_not_occur")
    public static let incorrectData = standard("incorrect_data")
}
