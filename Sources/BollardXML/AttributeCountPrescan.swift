#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A linear pass that finds the first start tag with more attributes than allowed, before
/// libxml2 parses it.
///
/// libxml2 2.9 checks each new attribute of a tag against every earlier one for duplicates
/// (XML 1.0 §3.1, "Unique Att Spec"), which is quadratic: one tag with a million attributes
/// costs hours. Counting the `=` signs of each start tag outside quoted values, skipping
/// comments, CDATA sections, processing instructions and declarations, bounds that work
/// cheaply. On well-formed input the count is exact; on malformed input libxml2 reports the
/// real error.
enum AttributeCountPrescan {
    /// Offset (in code units) of the first offending tag's `<`, or nil.
    static func firstTagExceeding<Unit: FixedWidthInteger & UnsignedInteger>(
        _ limit: Int, in units: UnsafeBufferPointer<Unit>
    ) -> Int? {
        let lt: Unit = 0x3C, gt: Unit = 0x3E, bang: Unit = 0x21, question: Unit = 0x3F
        let slash: Unit = 0x2F, equals: Unit = 0x3D, dquote: Unit = 0x22, squote: Unit = 0x27
        let dash: Unit = 0x2D, lbracket: Unit = 0x5B, rbracket: Unit = 0x5D
        let n = units.count
        var i = 0
        while i < n {
            guard units[i] == lt else {
                i = nextMarkup(after: i, in: units)
                continue
            }
            let tagStart = i
            i += 1
            guard i < n else { return nil }
            let next = units[i]
            if next == bang {
                if i + 2 < n && units[i + 1] == dash && units[i + 2] == dash {
                    // Comment: up to "-->".
                    i += 3
                    while i + 2 < n && !(units[i] == dash && units[i + 1] == dash && units[i + 2] == gt) { i += 1 }
                    i += 3
                } else if i + 7 < n && units[i + 1] == lbracket && units[i + 7] == lbracket {
                    // CDATA section: up to "]]>".
                    i += 8
                    while i + 2 < n && !(units[i] == rbracket && units[i + 1] == rbracket && units[i + 2] == gt) { i += 1 }
                    i += 3
                } else {
                    // Declaration (DOCTYPE, refused later by the parser): up to the next '>'.
                    while i < n && units[i] != gt { i += 1 }
                }
            } else if next == question {
                while i + 1 < n && !(units[i] == question && units[i + 1] == gt) { i += 1 }
                i += 2
            } else if next == slash {
                while i < n && units[i] != gt { i += 1 }
            } else {
                var count = 0
                var quote: Unit = 0
                while i < n {
                    let u = units[i]
                    if quote != 0 {
                        if u == quote { quote = 0 }
                    } else if u == dquote || u == squote {
                        quote = u
                    } else if u == equals {
                        count += 1
                        if count > limit { return tagStart }
                    } else if u == gt || u == lt {
                        break
                    }
                    i += 1
                }
            }
        }
        return nil
    }

    /// Index of the next `<` after `i` (or the end). Character data is most of a document, so
    /// for bytes this is `memchr`, which scans a word or vector at a time.
    @inline(__always)
    private static func nextMarkup<Unit: FixedWidthInteger & UnsignedInteger>(
        after i: Int, in units: UnsafeBufferPointer<Unit>
    ) -> Int {
        if Unit.self == UInt8.self, let base = units.baseAddress {
            let start = UnsafeRawPointer(base + (i + 1))
            let remaining = units.count - (i + 1)
            guard remaining > 0, let found = memchr(start, 0x3C, remaining) else { return units.count }
            return i + 1 + (UnsafeRawPointer(found) - start)
        }
        var j = i + 1
        while j < units.count && units[j] != 0x3C { j += 1 }
        return j
    }

    /// 1-based line and column of a code-unit offset, counting LF as XML 1.0 §2.11 normalises.
    static func position<Unit: FixedWidthInteger & UnsignedInteger>(
        of offset: Int, in units: UnsafeBufferPointer<Unit>
    ) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        var i = 0
        while i < offset && i < units.count {
            if units[i] == 0x0A {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        return (line, offset - lineStart + 1)
    }
}
