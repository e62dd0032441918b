// CSVAccumulator.swift — turns scanned CSV rows into columns (codes, years, values) and, at
// the end, into a Cube: label columns become display names, duplicates are refused.

struct RowError {
    var message: String
    var at: Int
    var help: String?
    /// A measure column that met a text value: the load may read it again as codes.
    var codeColumn: Int? = nil
}

/// A bad row found by `consume`: what, where (line within the range, row start, byte).
struct ConsumeError {
    var message: String
    var help: String?
    var line: Int
    var rowStart: Int
    var at: Int
    var codeColumn: Int? = nil
}

struct ConsumeResult {
    /// The first byte not consumed (the start of an incomplete row).
    var next = 0
    /// Physical lines consumed.
    var lines = 0
    var error: ConsumeError? = nil
}

struct CSVAccumulator {
    let layout: CSVLayout
    let columns: Int
    var region = ByteInterner()
    var industry = ByteInterner()
    var texts: [ByteInterner]
    var regionCodes: [Int32] = []
    var industryCodes: [Int32] = []
    var years: [Int32] = []
    var textCodes: [[Int32]]
    var measures: [[Double]]
    let hasIndustry: Bool
    /// A wide table's value columns: each gives one observation per row, of its year or its
    /// industry (the other key from the row).
    let spread: [(col: Int, year: Int32?, industry: Int32?, region: Int32?)]
    // Data rows seen, and where physical lines and rows part (blank lines, multi-line cells),
    // so a row's line can be named in errors found after the pass.
    var rows = 0
    /// Cells read as missing through a marker (`Inf`, a `missing "…"` text), per marker.
    let markers: MissingMarkers
    var markerCounts: [Int]
    var lineShifts: [(row: Int, shift: Int)] = []
    var scratch: [UInt8] = []

    init(layout: CSVLayout, columns: Int, markers: MissingMarkers = MissingMarkers([])) {
        self.layout = layout
        self.markers = markers
        markerCounts = Array(repeating: 0, count: markers.labels.count)
        self.columns = columns
        texts = Array(repeating: ByteInterner(), count: layout.textNames.count)
        textCodes = Array(repeating: [], count: layout.textNames.count)
        measures = Array(repeating: [], count: layout.measureNames.count)
        hasIndustry = layout.roles.contains(.industry) || layout.roles.contains { if case .industryValue = $0 { return true }; return false }
        var spread: [(col: Int, year: Int32?, industry: Int32?, region: Int32?)] = []
        for (c, role) in layout.roles.enumerated() {
            switch role {
            case .yearValue(let y): spread.append((c, Int32(y), nil, nil))
            // Codes from headers are interned in column order, so every accumulator of a load
            // gives a code the same number.
            case .industryValue(let code): spread.append((c, nil, Self.intern(code, into: &industry), nil))
            case .regionValue(let code): spread.append((c, nil, nil, Self.intern(code, into: &region)))
            default: break
            }
        }
        self.spread = spread
        if !layout.roles.contains(.region) && !spread.contains(where: { $0.region != nil }) {
            // A firm panel without regions: every row in one region, `ALL`.
            let all: [UInt8] = Array("ALL".utf8)
            _ = all.withUnsafeBufferPointer { region.intern($0.baseAddress!, $0.count) }
        }
    }

    /// Sizes the columns for the rows expected (each file row gives one observation per year
    /// column in the wide layout).
    mutating func reserve(rows: Int) {
        let n = rows * max(spread.count, 1)
        guard n > 0 else { return }
        regionCodes.reserveCapacity(n)
        if hasIndustry { industryCodes.reserveCapacity(n) }
        years.reserveCapacity(n)
        for k in textCodes.indices { textCodes[k].reserveCapacity(n) }
        for k in measures.indices { measures[k].reserveCapacity(n) }
    }

    // Code maps of a side accumulator into this one (see `absorb`).
    var regionMap: [Int32] = [], industryMap: [Int32] = [], textMaps: [[Int32]] = []

    /// Parses the rows in b[from..<to] (the hot loop of every load).
    mutating func consume(_ whole: UnsafeBufferPointer<UInt8>, from: Int, to: Int, eof: Bool, scanner: inout CSVScanner,
                          conv: NumberParsing.Convention) -> ConsumeResult {
        let b = UnsafeBufferPointer(rebasing: whole[0..<to])
        var r = ConsumeResult(next: from)
        var p = from
        while p < b.count {
            guard let next = scanner.scanRow(b, from: p, eof: eof) else { break }
            if scanner.unterminatedQuote {
                r.error = ConsumeError(message: "a quoted field is never closed (missing \")", help: "every \" that opens a field needs a closing \"",
                                       line: r.lines, rowStart: p, at: scanner.row.last?.start ?? p)
                return r
            }
            if scanner.count == 1 && scanner.fields[0].start == scanner.fields[0].end {
                lineShifts.append((rows, 1))   // a blank line
            } else {
                let err = scanner.fields.withUnsafeBufferPointer { f in add(b, UnsafeBufferPointer(rebasing: f[0..<scanner.count]), conv: conv) }
                if let err {
                    r.error = ConsumeError(message: err.message, help: err.help, line: r.lines, rowStart: p, at: err.at, codeColumn: err.codeColumn)
                    return r
                }
                noteLines(scanner.linesInRow)
            }
            r.lines += scanner.linesInRow
            p = next
            r.next = p
        }
        return r
    }

    /// Appends the rows of `side` (parsed from the bytes after ours), renumbering its codes
    /// into ours, and empties it. Codes new to us are added in side's order, so the first
    /// appearance order is the file's.
    mutating func absorb(_ side: inout CSVAccumulator) {
        func extend(_ map: inout [Int32], _ from: ByteInterner, _ into: inout ByteInterner) {
            while map.count < from.count {
                let c = Int32(map.count)
                map.append(from.withBytes(c) { into.intern($0, $1) })
            }
        }
        extend(&side.regionMap, side.region, &region)
        regionCodes.reserveCapacity(regionCodes.count + side.regionCodes.count)
        for c in side.regionCodes { regionCodes.append(side.regionMap[Int(c)]) }
        if hasIndustry {
            extend(&side.industryMap, side.industry, &industry)
            industryCodes.reserveCapacity(industryCodes.count + side.industryCodes.count)
            for c in side.industryCodes { industryCodes.append(side.industryMap[Int(c)]) }
        }
        if side.textMaps.count < texts.count { side.textMaps = Array(repeating: [], count: texts.count) }
        for k in texts.indices {
            extend(&side.textMaps[k], side.texts[k], &texts[k])
            for c in side.textCodes[k] { textCodes[k].append(side.textMaps[k][Int(c)]) }
            side.textCodes[k].removeAll(keepingCapacity: true)
        }
        years += side.years
        for k in measures.indices { measures[k] += side.measures[k]; side.measures[k].removeAll(keepingCapacity: true) }
        for s in side.lineShifts { lineShifts.append((s.row + rows, s.shift)) }
        rows += side.rows
        for k in markerCounts.indices { markerCounts[k] += side.markerCounts[k]; side.markerCounts[k] = 0 }
        side.regionCodes.removeAll(keepingCapacity: true)
        side.industryCodes.removeAll(keepingCapacity: true)
        side.years.removeAll(keepingCapacity: true)
        side.lineShifts.removeAll()
        side.rows = 0
    }

    /// Adds one row; returns what was wrong with it, if anything.
    mutating func add(_ b: UnsafeBufferPointer<UInt8>, _ f: UnsafeBufferPointer<FieldRef>, conv: NumberParsing.Convention) -> RowError? {
        if f.count != columns {
            if f.count < columns {
                return RowError(message: "expected \(columns) fields, found \(f.count)", at: f.last?.end ?? 0,
                                help: "every line needs one value per header column; a value containing the delimiter must be in quotes")
            }
            for x in f[columns..<f.count] where x.end > x.start {
                return RowError(message: "expected \(columns) fields, found \(f.count)", at: x.start,
                                help: "every line needs one value per header column; a value containing the delimiter must be in quotes")
            }
        }
        var r: Int32 = 0, ind: Int32 = 0, year: Int32 = 0
        var textRow = layout.textNames.isEmpty ? [] : [Int32](repeating: 0, count: layout.textNames.count)
        let base = b.baseAddress!
        for c in 0..<columns {
            var s = f[c].start, e = f[c].end
            while s < e && (b[s] == 32 || b[s] == 9) { s += 1 }
            while e > s && (b[e - 1] == 32 || b[e - 1] == 9) { e -= 1 }
            switch layout.roles[c] {
            case .region:
                if s == e { return RowError(message: "empty region code", at: f[c].start, help: "every row needs a region") }
                r = Self.intern(&region, &scratch, b, f[c], s, e)
            case .industry:
                if s == e { return RowError(message: "empty industry code", at: f[c].start, help: "every row needs an industry") }
                ind = Self.intern(&industry, &scratch, b, f[c], s, e)
            case .year:
                guard let y = CSVLoader.cellYear(base + s, e - s) else {
                    return RowError(message: "expected a year in column `year`, found `\(text(b, s, e))`", at: f[c].start,
                                    help: "years are written with four digits, e.g. 2023")
                }
                year = y
            case .measure(let k):
                guard let v = CSVLoader.cellNumber(base + s, e - s, conv) ?? marker(base + s, e - s) ?? Self.unicodeMinus(base + s, e - s, conv) else {
                    return numberError(b, s, e, f[c].start, layout.measureNames[k], conv, column: c)
                }
                measures[k].append(v)
            case .text(let k):
                textRow[k] = Self.intern(&texts[k], &scratch, b, f[c], s, e)
            case .yearValue, .industryValue, .regionValue, .ignored:
                break
            }
        }
        if spread.isEmpty {
            regionCodes.append(r)
            if hasIndustry { industryCodes.append(ind) }
            years.append(year)
            for k in textRow.indices { textCodes[k].append(textRow[k]) }
        } else {
            // Wide: one observation per year (or industry) column.
            for (c, y, i, rg) in spread {
                var s = f[c].start, e = f[c].end
                while s < e && b[s] == 32 { s += 1 }
                while e > s && b[e - 1] == 32 { e -= 1 }
                guard let v = CSVLoader.cellNumber(base + s, e - s, conv) ?? marker(base + s, e - s) ?? Self.unicodeMinus(base + s, e - s, conv) else {
                    return numberError(b, s, e, f[c].start, y.map { String($0) } ?? layout.measureNames[0], conv, column: c)
                }
                regionCodes.append(rg ?? r)
                if hasIndustry { industryCodes.append(i ?? ind) }
                years.append(y ?? year)
                for k in textRow.indices { textCodes[k].append(textRow[k]) }
                measures[0].append(v)
            }
        }
        rows += 1
        return nil
    }

    /// `−12.5` with the typographic minus (U+2212) that word processors and some agencies write.
    static func unicodeMinus(_ p: UnsafePointer<UInt8>, _ n: Int, _ conv: NumberParsing.Convention) -> Double? {
        guard n > 3, p[0] == 0xE2, p[1] == 0x88, p[2] == 0x92, let v = NumberParsing.parse(p + 3, n - 3, conv), v >= 0 else { return nil }
        return -v
    }

    /// A missing marker: NaN, counted; nil when the cell is not one.
    private mutating func marker(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
        guard let k = markers.match(p, n) else { return nil }
        markerCounts[k] += 1
        return .nan
    }

    private func numberError(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, _ at: Int, _ column: String,
                             _ conv: NumberParsing.Convention, column c: Int) -> RowError {
        let found = text(b, s, e)
        let isText = found.unicodeScalars.first.map { $0.properties.isAlphabetic } ?? false
        var e = RowError(message: "expected a number in column `\(column)`, found `\(found)`", at: at,
                         help: "numbers are written like 1234.5 or \"1,234.5\"\(conv == .comma ? " (this file: 1 234,5)" : ""); missing values as empty, .., : or NA"
                            + (isText ? "; if `\(column)` holds codes, load with `text \(column)`; if `\(found)` means missing, with `missing \"\(found)\"`" : ""))
        if isText, case .measure = layout.roles[c] { e.codeColumn = c }
        return e
    }

    private func text(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> String {
        let t = Text.decode(UnsafeBufferPointer(rebasing: b[s..<min(e, s + 40)])).0
        return e - s > 40 ? t + "…" : t
    }

    private static func intern(_ code: String, into i: inout ByteInterner) -> Int32 {
        let bytes = Array(code.utf8)
        return bytes.withUnsafeBufferPointer { i.intern($0.baseAddress!, $0.count) }
    }

    @inline(__always)
    private static func intern(_ i: inout ByteInterner, _ scratch: inout [UInt8], _ b: UnsafeBufferPointer<UInt8>,
                               _ f: FieldRef, _ s: Int, _ e: Int) -> Int32 {
        if !f.escaped { return i.intern(b.baseAddress! + s, e - s) }
        scratch = CSVScanner.bytes(b, FieldRef(start: s, end: e, quoted: true, escaped: true))
        return scratch.withUnsafeBufferPointer { i.intern($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) }
    }

    mutating func noteLines(_ physical: Int) {
        if physical != 1 { lineShifts.append((rows, physical - 1)) }
    }

    /// The file line of data row `row` (0-based), given the header's last line.
    func line(ofRow row: Int, headerLine: Int) -> Int {
        var l = headerLine + 1 + row
        for s in lineShifts where s.row <= row { l += s.shift }
        return l
    }
}
