/// Builds segments byte by byte for the acknowledgments Bollard sends back.
///
/// EDIFACT values are escaped with the release character (ISO 9735-1 §10); X12 has no release
/// character, so X12 values are checked by the caller to hold no delimiter.
struct SegmentWriter {
    private(set) var bytes: [UInt8] = []
    private(set) var segmentCount = 0
    let elementSeparator: UInt8
    let componentSeparator: UInt8
    let terminator: UInt8
    let release: UInt8?
    let reserved: [UInt8]
    /// Appended after each terminator (a line feed keeps acknowledgments readable).
    let afterTerminator: [UInt8]

    init(edifact chars: EdifactServiceCharacters, afterTerminator: [UInt8] = [0x0A]) {
        elementSeparator = chars.elementSeparator
        componentSeparator = chars.componentSeparator
        terminator = chars.segmentTerminator
        release = chars.releaseCharacter
        reserved = [chars.elementSeparator, chars.componentSeparator, chars.segmentTerminator]
            + [chars.releaseCharacter, chars.repetitionSeparator].compactMap { $0 }
        self.afterTerminator = afterTerminator
    }

    init(x12 delimiters: X12Delimiters, afterTerminator: [UInt8] = [0x0A]) {
        elementSeparator = delimiters.elementSeparator
        componentSeparator = delimiters.componentSeparator
        terminator = delimiters.segmentTerminator
        release = nil
        reserved = [delimiters.elementSeparator, delimiters.componentSeparator, delimiters.segmentTerminator]
            + [delimiters.repetitionSeparator].compactMap { $0 }
        self.afterTerminator = afterTerminator == [delimiters.segmentTerminator] ? [] : afterTerminator
    }

    /// Appends raw bytes that are not a segment (the UNA service string advice).
    mutating func raw(_ data: [UInt8]) {
        bytes += data
        bytes += afterTerminator
    }

    /// Appends a segment. Each element is a list of components; trailing empty elements and
    /// components are dropped (ISO 9735-1 §9.4, X12.6 §3.6).
    mutating func segment(_ tag: String, _ elements: [[String]]) {
        var trimmed = elements.map { comps -> [String] in
            var c = comps
            while let last = c.last, last.isEmpty, c.count > 1 { c.removeLast() }
            return c
        }
        while let last = trimmed.last, last.allSatisfy(\.isEmpty) { trimmed.removeLast() }
        bytes += Array(tag.utf8)
        for element in trimmed {
            bytes.append(elementSeparator)
            for (i, component) in element.enumerated() {
                if i > 0 { bytes.append(componentSeparator) }
                for b in component.utf8 {
                    if reserved.contains(b) {
                        if let release { bytes.append(release) } else { bytes.append(UInt8(ascii: " ")); continue }
                    }
                    bytes.append(b)
                }
            }
        }
        bytes.append(terminator)
        bytes += afterTerminator
        segmentCount += 1
    }

    /// Appends a segment whose elements are simple values.
    mutating func segment(_ tag: String, simple elements: [String]) {
        segment(tag, elements.map { [$0] })
    }

    /// Appends an X12 segment with fixed-width elements kept as given (ISA).
    mutating func fixedSegment(_ tag: String, _ elements: [String]) {
        bytes += Array(tag.utf8)
        for e in elements {
            bytes.append(elementSeparator)
            bytes += Array(e.utf8)
        }
        bytes.append(terminator)
        bytes += afterTerminator
        segmentCount += 1
    }
}
