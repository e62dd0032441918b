// CSVLoader.swift — `load` for CSV files: long or wide layout, one streaming pass over bytes,
// all-or-nothing (an error anywhere returns no cube, so the workspace is untouched).

import Glibc

public enum CSVLoader {
    /// Bytes read per chunk: enough to amortise the syscall, and few enough that a thread's
    /// buffer stays in its core's L2 between the read and the parse and costs few fresh pages
    /// (L load 411 → 377 ms and 7 MB less RSS than with 4 MB; docs/performance.md).
    static let chunkSize = 256 << 10
    /// Bytes read first, for the title rows, comments, header and the 1000-row sample the
    /// layout is judged from (wide tables' rows run to kilobytes: a chunk would sample few).
    static let headSize = 4 << 20
    /// Whether quote-free chunks take the plain path (CSVPlainRows.swift); off only to check,
    /// in tests and the fuzzer, that both paths give the same dataset or the same error.
    public nonisolated(unsafe) static var plainRows = true
    /// Passes over the data the last load made (tests: a pass stops early and is read again).
    nonisolated(unsafe) static var passes = 0
    /// Rows sampled after the header to decide which columns are numbers.
    static let sampleRows = 1000
    /// Cell texts read as missing (not zero): empty, SCB's `..`, Eurostat's `:`, and NA forms.
    /// (Written as byte comparisons: this runs for every cell.)
    @inline(__always)
    static func isMissing(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        switch n {
        case 0: return true
        case 1: return p[0] == 58 || p[0] == 45                                   // : -
        case 2: return (p[0] == 46 && p[1] == 46) || ((p[0] | 32) == 110 && (p[1] | 32) == 97)  // .. NA na
        case 3: return (p[0] == 46 && p[1] == 46 && p[2] == 46)                   // ...
                || ((p[0] | 32) == 110 && p[1] == 47 && (p[2] | 32) == 97)        // N/A n/a
                || ((p[0] | 32) == 110 && (p[1] | 32) == 97 && (p[2] | 32) == 110) // NaN nan
        case 4: return (p[0] | 32) == 110 && (p[1] | 32) == 117 && (p[2] | 32) == 108 && (p[3] | 32) == 108  // null
        default: return false
        }
    }

    /// A measure cell: its number, NaN when it is a missing-value text, nil when it is
    /// neither (an error). Shared by the general and the plain row paths so they agree.
    @inline(__always)
    static func cellNumber(_ p: UnsafePointer<UInt8>, _ n: Int, _ conv: NumberParsing.Convention) -> Double? {
        isMissing(p, n) ? .nan : NumberParsing.parse(p, n, conv)
    }
}

/// Texts read as missing beyond the usual ones: R's `Inf`, `-Inf` (always, case-insensitive)
/// and the markers a `missing "…"` clause names (as written). Only consulted when a cell is
/// not a number, so the hot path does not pay for them; each is counted for the load notes.
struct MissingMarkers {
    /// What the load notes call each marker: `Inf` for the whole infinity family.
    let labels: [String]
    private let bytes: [[UInt8]]
    private let exact: [Bool]
    private let label: [Int]
    init(_ custom: [String]) {
        let builtIn = ["Inf", "-Inf", "+Inf", "Infinity", "-Infinity"]
        labels = ["Inf"] + custom
        bytes = (builtIn + custom).map { Array($0.utf8) }
        exact = builtIn.map { _ in false } + custom.map { _ in true }
        label = builtIn.map { _ in 0 } + custom.indices.map { $0 + 1 }
    }
    /// The index into `labels` of the marker the cell is, or nil.
    func match(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
        for (k, m) in bytes.enumerated() where m.count == n {
            var same = true
            for j in 0..<n where exact[k] ? p[j] != m[j] : (p[j] | 32) != (m[j] | 32) { same = false; break }
            if same { return label[k] }
        }
        return nil
    }
}

extension CSVLoader {

    /// A year cell: four digits, or a date whose first four are the year (2008-12-31); nil
    /// otherwise.
    @inline(__always)
    static func cellYear(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32? {
        let digits = n > 4 && p[4] == UInt8(ascii: "-") ? 4 : n
        guard let y = NumberParsing.parseInt(p, digits), y >= 1000, y <= 9999 else { return nil }
        return Int32(y)
    }

    /// `source` names the data in messages and `describe` when the CSV is a stand-in (an Excel
    /// sheet written out as CSV): `report.xlsx, sheet Data`.
    public static func load(path filePath: String, name: String, options: LoadOptions = LoadOptions(),
                            registry: Registry? = nil, source: String? = nil) throws(Diagnostic) -> Cube {
        let path = source ?? filePath
        let file = try ChunkedFile(filePath)
        defer { file.close() }
        var buf: [UInt8] = []   // the head: header, sample, layout
        buf.reserveCapacity(headSize)
        while buf.count < headSize, try file.read(into: &buf, count: headSize - buf.count) > 0 {}
        let eof = buf.count < headSize   // the whole file is in the head
        var pos = 0
        var line = 1
        if buf.count >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF { pos = 3 }
        if buf.contains(0) && buf.count > 0 {
            let at = buf.firstIndex(of: 0)!
            let l = buf[0..<at].reduce(1) { $0 + ($1 == 10 ? 1 : 0) }
            throw Diagnostic(.containsNulBytesTextCsv, path,
                             location: FileLocation(file: path, line: l), help: "export the data as CSV (UTF-8) and load that")
        }
        // `skip N`: title rows above the header.
        if let n = options.skipRows, n > 0 {
            for k in 0..<n {
                while pos < buf.count && buf[pos] != 10 { pos += 1 }
                guard pos < buf.count else {
                    throw Diagnostic(.hasOnly, n, path, plural(k + 1, "line"),
                                     location: FileLocation(file: path, line: 1), help: "skip the title rows above the header, no more")
                }
                pos += 1; line += 1
            }
        }
        // Comment lines and blank lines before the header.
        var comments: [String] = []
        while true {
            while pos < buf.count && (buf[pos] == 10 || buf[pos] == 13) { if buf[pos] == 10 { line += 1 }; pos += 1 }
            guard pos < buf.count, buf[pos] == UInt8(ascii: "#") else { break }
            var e = pos
            while e < buf.count && buf[e] != 10 { e += 1 }
            comments.append(buf.withUnsafeBufferPointer { Text.decode(UnsafeBufferPointer(rebasing: $0[(pos + 1)..<e])).0 }.trimmed())
            pos = e
        }
        if pos >= buf.count {
            throw Diagnostic(.emptyNoHeaderLine, path, location: FileLocation(file: path, line: line),
                             help: "a CSV needs a header line naming the columns, then one line per observation")
        }
        var headerEnd = pos
        while headerEnd < buf.count && buf[headerEnd] != 10 { headerEnd += 1 }
        if headerEnd == buf.count && !eof {
            throw Diagnostic(.headerLineLongerThan, path, headSize >> 20, location: FileLocation(file: path, line: line),
                             help: "a CSV's first line names its columns; check that this is a CSV file and that its lines end")
        }
        let delimiter = buf.withUnsafeBufferPointer { CSVScanner.sniffDelimiter(UnsafeBufferPointer(rebasing: $0[pos..<headerEnd])) }
        var scanner = CSVScanner(delimiter: delimiter)
        var header: [String] = []
        var sample: [[[UInt8]]] = []
        var sampleBytes = 0
        buf.withUnsafeBufferPointer { b in
            guard let next = scanner.scanRow(b, from: pos, eof: true) else { return }
            header = scanner.row.map { CSVScanner.bytes(b, $0).withUnsafeBufferPointer { Text.decode($0).0 }.trimmed() }
            line += scanner.linesInRow
            pos = next
            var p = pos
            while sample.count < sampleRows, p < b.count, let nx = scanner.scanRow(b, from: p, eof: eof) {
                sample.append(scanner.row.map { CSVScanner.bytes(b, $0) })
                p = nx
            }
            sampleBytes = p - pos
        }
        if let dup = Self.firstDuplicate(header) {
            throw Diagnostic(.headerNamesColumnTwice, path, dup, location: FileLocation(file: path, line: line - 1),
                             help: "column names must be unique")
        }
        let conv: NumberParsing.Convention = Self.convention(delimiter: delimiter, sample: sample)
        let markers = MissingMarkers(options.missingMarkers)
        // A column is numeric when its sampled cells are numbers or missing, allowing a few
        // that are not (`12a`, `x1`): a typo must give a located error in the pass, not turn
        // the column into text. Mostly-text columns are text.
        let numeric: [Bool] = header.indices.map { c in
            var numbers = 0, bad = 0
            for row in sample where c < row.count {
                var cell = row[c]
                trim(&cell)
                if cell.isEmpty || cell.withUnsafeBufferPointer({ isMissing($0.baseAddress!, $0.count) || markers.match($0.baseAddress!, $0.count) != nil }) { continue }
                if cell.withUnsafeBufferPointer({ NumberParsing.parse($0.baseAddress!, $0.count, conv) ?? CSVAccumulator.unicodeMinus($0.baseAddress!, $0.count, conv) }) != nil { numbers += 1 } else { bad += 1 }
            }
            // Leading zeros (`01`, `0880`) are codes: a number never keeps them.
            let zeros = sample.contains { row in c < row.count && row[c].count >= 2 && row[c][0] == 48 && row[c][1] >= 48 && row[c][1] <= 57 }
            if zeros { return false }
            return numbers > 0 ? (bad <= max(1, numbers / 20) && numbers >= bad) : bad == 0
        }
        // Columns with any content in the sample (an unnamed one with content is an error).
        let filled: [Bool] = header.indices.map { c in sample.contains { row in c < row.count && row[c].contains { $0 != 32 && $0 != 9 && $0 != 13 } } }
        // Columns whose sampled values are all names of levels (UK, ITL1, NUTS2, län, kommun).
        var levelColumns: [Int: [String]] = [:]
        for c in header.indices where !numeric[c] {
            var seen: [String] = []
            var all = true
            for row in sample where c < row.count {
                let raw = Text.decode(row[c]).trimmed()
                let v = Text.fold(raw)
                if v.isEmpty { continue }
                if !CSVLayout.levelNames.contains(v) { all = false; break }
                if !seen.contains(raw) { seen.append(raw) }
            }
            if all && seen.count >= 2 { levelColumns[c] = seen }
        }
        let layout = try CSVLayout.decide(header: header, numeric: numeric, options: options,
                                          units: CSVLayout.units(fromComments: comments), file: path, registry: registry, filled: filled,
                                          levelColumns: levelColumns)

        // The streaming pass (CSVRanges.swift), then, for a bad row, the one retry worth making.
        let headerLine = line - 1
        var acc = CSVAccumulator(layout: layout, columns: header.count, markers: markers,
                                 decimals: Self.sampledDecimals(layout, sample, conv))
        let estimate = Self.estimatedRows(fileSize: file.size, dataStart: pos, sampleRows: sample.count, sampleBytes: sampleBytes)
        buf = []
        var failure = try pass(file, from: pos, path: path, firstLine: line, acc: &acc, estimatedRows: estimate,
                               delimiter: delimiter, conv: conv)
        // A dimension of more than 32,768 codes, or a year past Int16: again with key columns
        // of four bytes; a value a scaled measure cannot keep: again with that measure as
        // Double. A pass stops at the first block that overflows, so a later pass may meet
        // what the first did not reach; each one widens something, so this ends (at most
        // once for the keys and once a measure).
        passes = 1
        while failure == nil && acc.overflows {
            var (narrow, again) = (acc.narrowAgain, acc.decimalsAgain)
            // Cannot happen (every cut names what to widen); were it to, everything is widened,
            // which nothing can overflow, rather than reading the same way forever.
            if narrow == acc.narrow && again == acc.decimals { (narrow, again) = (false, again.map { _ in nil }) }
            acc = CSVAccumulator(layout: layout, columns: header.count, markers: markers, narrow: narrow, decimals: again)
            passes += 1
            failure = try pass(file, from: pos, path: path, firstLine: line, acc: &acc, estimatedRows: estimate,
                               delimiter: delimiter, conv: conv)
        }
        if let failure {
            // A classification column (`sic07`, `product`) that the first rows made look like
            // numbers, then `P (85)`: read the file again with it as codes, and say so.
            if let c = failure.codeColumn, c < header.count, options.measureColumns == nil,
               CSVLayout.score(header[c], CSVLayout.industryWords) > 0 || CSVLayout.score(header[c], CSVLayout.regionWords) > 0 {
                var again = options
                again.textColumns.append(header[c])
                let cube = try load(path: filePath, name: name, options: again, registry: registry, source: source)
                let d = failure.diagnostic
                return cube.withNotes(["column `\(header[c])` read as codes: \(d.message.dropFirst("expected a number in column `\(header[c])`, ".count)) at line \(d.location?.line ?? 0) is not a number"] + cube.notes)
            }
            throw failure.diagnostic
        }
        return try acc.finish(name: name, path: path, headerLine: headerLine, registry: registry, delimiter: delimiter,
                              prices: options.prices.merging(CSVLayout.prices(fromComments: comments)) { a, _ in a })
    }

    /// Per measure, the decimals it is read with as four-byte words (ScaledValues.swift): the
    /// fewest that keep every sampled value, nil for Double. A later value they cannot keep
    /// reads the file again with that measure as Double. A wide table's one measure comes
    /// from many columns and stays Double.
    static func sampledDecimals(_ layout: CSVLayout, _ sample: [[[UInt8]]], _ conv: NumberParsing.Convention) -> [Int?] {
        var decimals = [Int?](repeating: nil, count: layout.measureNames.count)
        guard !layout.wide else { return decimals }
        for (c, role) in layout.roles.enumerated() {
            guard case .measure(let k) = role else { continue }
            decimals[k] = ScaledValues.decimals(for: sample.lazy.compactMap { row -> Double? in
                guard c < row.count else { return nil }
                return row[c].withUnsafeBufferPointer { b in b.isEmpty ? .nan : CSVLoader.cellNumber(b.baseAddress!, b.count, conv) }
            })
        }
        return decimals
    }

    /// Rows the file will give, from the bytes per row of the sample, a little over (a short
    /// guess costs one doubling of every column; a long one only address space, since pages
    /// never written are never resident). Growing the columns by doubling had two copies of a
    /// column alive at once: +50 MB at the peak of a 12-million-row load.
    static func estimatedRows(fileSize: Int, dataStart: Int, sampleRows: Int, sampleBytes: Int) -> Int {
        guard fileSize > dataStart, sampleRows > 0, sampleBytes > 0 else { return 0 }
        let perRow = Double(sampleBytes) / Double(sampleRows)
        return Int(Double(fileSize - dataStart) / perRow * 1.03) + 64
    }

    /// Below this many bytes of data a file is parsed on one thread.
    static let parallelThreshold = 1 << 20

    static func containsQuote(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Bool {
        memchr(b.baseAddress! + lo, 34, hi - lo) != nil
    }

    /// The character column of byte offset `at` in the line starting at `lineStart`.
    static func column(_ b: UnsafeBufferPointer<UInt8>, _ lineStart: Int, _ at: Int) -> Int {
        var col = 1
        var i = lineStart
        while i < at && i < b.count { if b[i] & 0xC0 != 0x80 { col += 1 }; i += 1 }
        return col
    }

    static func trim(_ cell: inout [UInt8]) {
        while let f = cell.first, f == 32 || f == 9 { cell.removeFirst() }
        while let l = cell.last, l == 32 || l == 9 { cell.removeLast() }
    }

    static func firstDuplicate(_ names: [String]) -> String? {
        var seen = Set<String>()
        for n in names where !n.isEmpty && !seen.insert(n).inserted { return n }
        return nil
    }

    /// Decimal comma for `;`- and tab-separated files whose numbers use commas (the Swedish
    /// convention); decimal point otherwise. In a `,`-separated file a comma inside a quoted
    /// number is a thousands separator (`"12,219"`).
    static func convention(delimiter: UInt8, sample: [[[UInt8]]]) -> NumberParsing.Convention {
        if delimiter == UInt8(ascii: ",") { return .point }
        var commas = 0, points = 0
        for row in sample {
            for cell in row {
                guard let first = cell.first, first &- 48 < 10 || first == UInt8(ascii: "-") else { continue }
                if cell.contains(UInt8(ascii: ",")) { commas += 1 }
                if cell.contains(UInt8(ascii: ".")) { points += 1 }
            }
        }
        return commas > points ? .comma : .point
    }
}
