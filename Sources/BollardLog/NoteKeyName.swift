/// Key-name rules of C2SP signed-note §Format: "Key names MUST be non-empty and MUST NOT contain
/// any Unicode spaces or plus (U+002B) characters."
///
/// Control characters are refused as well: a note may not contain them (§Format), so a name with
/// one could never appear in a signature line, and refusing it at key-load time reports the
/// mistake where it was made.
public enum NoteKeyName {
    public static func isValid(_ name: some StringProtocol) -> Bool {
        guard !name.isEmpty else { return false }
        for scalar in name.unicodeScalars {
            if scalar == "+" || scalar.value < 0x20 || scalar.properties.isWhitespace { return false }
        }
        return true
    }

    static func validate(_ name: some StringProtocol, _ what: String) throws(NoteError) {
        guard isValid(name) else {
            throw NoteError(.invalidKeyName, "\(what) key name \"\(name)\" is empty or contains a space, plus or control character")
        }
    }
}
