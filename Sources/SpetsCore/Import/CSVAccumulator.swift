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
    /// The rows being written (see RowColumns.swift for the layout), after the full `segments`.
    var cols: RowColumns
    var segments: [RowColumns] = []
    /// Rows parsed by side accumulators from the bytes after ours, in file order, with the
    /// maps from their codes to ours (`absorb`); put behind ours by `assembled`.
    var pieces: [(segments: [RowColumns], region: [Int32], industry: [Int32], texts: [[Int32]])] = []
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
    /// Key columns of two bytes a row (CodeColumn.swift); when a value does not fit
    /// (`overflows`), the load reads the file again with four.
    let narrow: Bool
    /// A year that a narrow column cannot keep was read.
    var wideYear = false
    /// Per measure, the decimals it is kept with as four-byte words (ScaledValues.swift), or
    /// nil for Double; `escaped` marks those that met a value the words cannot keep (the load
    /// then reads the file again with that measure as Double).
    let decimals: [Int?]
    var escaped: [Bool]

    init(layout: CSVLayout, columns: Int, markers: MissingMarkers = MissingMarkers([]), narrow: Bool = true, decimals: [Int?]? = nil) {
        self.layout = layout
        self.narrow = narrow
        self.decimals = decimals ?? Array(repeating: nil, count: layout.measureNames.count)
        escaped = Array(repeating: false, count: layout.measureNames.count)
        self.markers = markers
        markerCounts = Array(repeating: 0, count: markers.labels.count)
        self.columns = columns
        texts = Array(repeating: ByteInterner(), count: layout.textNames.count)
        cols = RowColumns(texts: layout.textNames.count, decimals: self.decimals, narrow: narrow)
        hasIndustry = layout.roles.contains(.industry) || layout.roles.contains { if case .industryValue = $0 { return true }; return false }
        var spread: [(col: Int, year: Int32?, industry: Int32?, region: Int32?)] = []
        for (c, role) in layout.roles.enumerated() {
            switch role {
            case .yearValue(let y):   // 1800–2200 (`CSVLayout.headerYear`)
                spread.append((c, Int32(y), nil, nil))
                if !CodeColumn.fitsNarrow(Int32(y)) { wideYear = true }
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

    /// Whether the rows are not all here as read, so the file must be read again
    /// (`CSVLoader.load`): the pass was cut short, a scaled measure met a value its words
    /// cannot keep, or a narrow key column met a code past 32,767 in some dimension (local or,
    /// after `absorb`, for the whole file) or a year outside Int16.
    var overflows: Bool { cutShort || keysOverflow || escaped.contains(true) }
    /// The pass stopped early (`CSVLoader.parse`): at the first block after which the columns
    /// had lost a value, or because the other half's had. The rest of the file is read only
    /// by the pass that reads it again.
    var cutShort = false
    /// Whether a pass that reads the file again may keep narrow key columns.
    var narrowAgain: Bool { narrow && !keysOverflow }
    /// Per measure, the decimals a pass that reads the file again keeps it with.
    var decimalsAgain: [Int?] { zip(decimals, escaped).map { $1 ? nil : $0 } }

    var keysOverflow: Bool {
        guard narrow else { return false }
        let most = Int(Int16.max) + 1
        return wideYear || region.count > most || industry.count > most || texts.contains { $0.count > most }
    }

    /// Observations the file is expected to give (each file row gives one per year column in
    /// the wide layout), capped so that a huge file grows into the memory it needs instead of
    /// asking for all of it at once.
    func observations(rows: Int) -> Int { min(rows * max(spread.count, 1), 1 << 26) }

    /// Writes the rows into `columns` from row `at`, `capacity` of them; the rest go to
    /// columns of their own, put in place at the end.
    mutating func write(into columns: DatasetColumns, at: Int, capacity: Int) {
        cols = RowColumns(window: columns, at: at, capacity: capacity)
    }

    /// Room for one more observation; false when memory ran out.
    @inline(__always)
    mutating func room() -> Bool {
        if cols.count < cols.capacity { return true }
        if cols.window != nil {
            segments.append(cols)
            cols = RowColumns(texts: texts.count, decimals: decimals, narrow: narrow)
        }
        return cols.reserve(max(cols.count * 2, 1 << 16))
    }

    var measures: Int { layout.measureNames.count }

    static let outOfMemory = "not enough memory to read more rows"

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

    /// Takes the rows of `side` (parsed from the bytes after ours) behind ours: its codes
    /// new to us are added in side's order, so the first appearance order is the file's; its
    /// rows are put behind ours, through the code maps, by `assembled`.
    mutating func absorb(_ side: CSVAccumulator) {
        func map(_ from: ByteInterner, _ into: inout ByteInterner) -> [Int32] {
            (0..<from.count).map { c in from.withBytes(Int32(c)) { into.intern($0, $1) } }
        }
        let r = map(side.region, &region)
        let i = hasIndustry ? map(side.industry, &industry) : []
        var t: [[Int32]] = []
        for k in texts.indices { t.append(map(side.texts[k], &texts[k])) }
        pieces.append((side.segments + [side.cols], r, i, t))
        for s in side.lineShifts { lineShifts.append((s.row + rows, s.shift)) }
        rows += side.rows
        if side.wideYear { wideYear = true }
        for k in escaped.indices where side.escaped[k] { escaped[k] = true }
        for k in markerCounts.indices { markerCounts[k] += side.markerCounts[k] }
    }

    /// The dataset's columns: ours, then each absorbed piece's, renumbered. When our first
    /// rows were written into dataset columns with room for all, rows are moved within them
    /// and the arrays cut to length; otherwise every row is copied into new arrays, each
    /// source's memory returned as it goes. Either way this runs once, at the end; key and
    /// measure columns are done on two threads.
    func assembled() -> (region: CodeColumn, industry: CodeColumn, years: CodeColumn, texts: [CodeColumn], measures: [LoadedValues]) {
        typealias Segment = (rows: RowColumns, region: [Int32]?, industry: [Int32]?, texts: [[Int32]]?)
        var all: [Segment] = (segments + [cols]).map { ($0, nil, nil, nil) }
        for p in pieces { all += p.segments.map { ($0, p.region, p.industry, p.texts) } }
        let total = all.reduce(0) { $0 + $1.rows.count }
        func map(_ s: Segment, _ k: Int) -> [Int32]? {
            k == RowColumns.region ? s.region : k == RowColumns.industry ? s.industry
                : k >= RowColumns.firstText ? s.texts?[k - RowColumns.firstText] : nil
        }
        let codeCount = cols.codeCount, valueCount = cols.valueCount
        if let (dataset, at) = all[0].rows.window, at == 0, total <= dataset.capacity {
            // In place: rows written into the dataset's columns move to where they belong
            // first (a later window of at most one more piece moves as a block, up or down),
            // then rows that overflowed into columns of their own are copied behind.
            var offsets: [Int] = [], at = 0
            for s in all { offsets.append(at); at += s.rows.count }
            let order = all.indices.filter { all[$0].rows.window != nil } + all.indices.filter { all[$0].rows.window == nil }
            Parallel.both({
                for k in 0..<codeCount where k != RowColumns.industry || hasIndustry {
                    for j in order {
                        let dst = dataset.keyBases[k].advanced(by: offsets[j])
                        if all[j].rows.window != nil { all[j].rows.shiftCodes(k, to: dst, map: map(all[j], k)) }
                        else { all[j].rows.moveCodes(k, to: dst, map: map(all[j], k)) }
                    }
                }
            }, {
                for k in 0..<valueCount {
                    for j in order {
                        let dst = dataset.valueBases[k].advanced(by: offsets[j])
                        if all[j].rows.window != nil { all[j].rows.shiftValues(k, to: dst) } else { all[j].rows.moveValues(k, to: dst) }
                    }
                }
            })
            var (keys, values) = dataset.take(rows: total)
            if !hasIndustry { keys[RowColumns.industry] = [] }
            return (keys[RowColumns.region], keys[RowColumns.industry], keys[RowColumns.year],
                    Array(keys[RowColumns.firstText...]), values)
        }
        var keys: [CodeColumn] = [], values: [LoadedValues] = []
        Parallel.both({
            for k in 0..<codeCount {
                if k == RowColumns.industry && !hasIndustry { keys.append([]); continue }
                func fill(_ dst: UnsafeMutableRawPointer) {
                    var at = 0
                    for s in all { s.rows.moveCodes(k, to: KeyColumn(base: dst, narrow: narrow).advanced(by: at), map: map(s, k)); at += s.rows.count }
                }
                keys.append(narrow ? CodeColumn(narrow: HugePages.array(total) { (p: UnsafeMutablePointer<Int16>) in fill(UnsafeMutableRawPointer(p)) })
                                   : CodeColumn(wide: HugePages.array(total) { (p: UnsafeMutablePointer<Int32>) in fill(UnsafeMutableRawPointer(p)) }))
            }
        }, {
            for k in 0..<valueCount {
                func fill(_ dst: UnsafeMutableRawPointer, _ divisor: Double) {
                    var at = 0
                    for s in all { s.rows.moveValues(k, to: ValueColumn(base: dst, divisor: divisor).advanced(by: at)); at += s.rows.count }
                }
                if let d = decimals[k] {
                    values.append(.words(HugePages.array(total) { (p: UnsafeMutablePointer<Int32>) in fill(UnsafeMutableRawPointer(p), ScaledValues.power(d)) }, decimals: d))
                } else {
                    values.append(.doubles(HugePages.array(total) { (p: UnsafeMutablePointer<Double>) in fill(UnsafeMutableRawPointer(p), 0) }))
                }
            }
        })
        return (keys[RowColumns.region], keys[RowColumns.industry], keys[RowColumns.year],
                Array(keys[RowColumns.firstText...]), values)
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
        var rowValues = [Double](repeating: 0, count: cols.valueCount)
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
                if !CodeColumn.fitsNarrow(y) { wideYear = true }
            case .measure(let k):
                guard let v = CSVLoader.cellNumber(base + s, e - s, conv) ?? marker(base + s, e - s) ?? Self.unicodeMinus(base + s, e - s, conv) else {
                    return numberError(b, s, e, f[c].start, layout.measureNames[k], conv, column: c)
                }
                rowValues[k] = v
            case .text(let k):
                textRow[k] = Self.intern(&texts[k], &scratch, b, f[c], s, e)
            case .yearValue, .industryValue, .regionValue, .ignored:
                break
            }
        }
        if spread.isEmpty {
            guard room() else { return RowError(message: Self.outOfMemory, at: f[0].start) }
            put(r, ind, year, textRow, rowValues)
        } else {
            // Wide: one observation per year (or industry) column.
            for (c, y, i, rg) in spread {
                var s = f[c].start, e = f[c].end
                while s < e && b[s] == 32 { s += 1 }
                while e > s && b[e - 1] == 32 { e -= 1 }
                guard let v = CSVLoader.cellNumber(base + s, e - s, conv) ?? marker(base + s, e - s) ?? Self.unicodeMinus(base + s, e - s, conv) else {
                    return numberError(b, s, e, f[c].start, y.map { String($0) } ?? layout.measureNames[0], conv, column: c)
                }
                guard room() else { return RowError(message: Self.outOfMemory, at: f[c].start) }
                rowValues[0] = v
                put(rg ?? r, i ?? ind, y ?? year, textRow, rowValues)
            }
        }
        rows += 1
        return nil
    }

    /// Writes one observation (after `room`).
    private mutating func put(_ r: Int32, _ i: Int32, _ y: Int32, _ textRow: [Int32], _ values: [Double]) {
        let n = cols.count
        cols.codes[RowColumns.region][n] = r
        if hasIndustry { cols.codes[RowColumns.industry][n] = i }
        cols.codes[RowColumns.year][n] = y
        for k in textRow.indices { cols.codes[RowColumns.firstText + k][n] = textRow[k] }
        for k in values.indices where !cols.values[k].set(n, values[k]) { escaped[k] = true }
        cols.count = n + 1
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
