// XLSXReader.swift — one worksheet of an Excel workbook as rows of cell texts: the sheet by
// name or number, shared and inline strings, numbers as written (dates stay serial numbers),
// empty cells empty, merged cells reported (never guessed). The rows then go through the CSV
// layout detection like any CSV. The XML parts are read with a small scanner: they are
// machine-written, flat, and only a handful of elements matter here.

public struct XLSXSheet {
    public var name: String
    /// From the first row with content; a run of empty rows is one empty row.
    public var rows: [[String]]
    /// `A1:C1`, … — merged ranges (usually a title or a two-line header).
    public var merged: [String]
    /// The sheet row number of `rows[0]` (empty rows above are left out).
    public var firstRow: Int
}

public enum XLSXReader {
    /// Cells of the grid handed to the CSV loader (rows with content × the widest row).
    public static let maxCells = 20_000_000

    public static func read(_ bytes: [UInt8], file: String, sheet: String?) throws(Diagnostic) -> XLSXSheet {
        let parts = try Zip.read(bytes, file: file)
        func part(_ n: String) -> String? { parts[n].map { String(decoding: $0, as: UTF8.self) } }
        guard let workbook = part("xl/workbook.xml") else {
            throw Diagnostic(.hasNoXlWorkbookXml, file)
        }
        // Sheets in workbook order, each with its relationship id → target part.
        var sheets: [(name: String, rid: String)] = []
        for e in XMLScan.elements(workbook, named: "sheet") { sheets.append((e["name"] ?? "", e["r:id"] ?? e["id"] ?? "")) }
        var targets: [String: String] = [:]
        for e in XMLScan.elements(part("xl/_rels/workbook.xml.rels") ?? "", named: "Relationship") {
            guard let id = e["Id"], var t = e["Target"] else { continue }
            t = t.hasPrefix("/") ? String(t.dropFirst()) : "xl/" + t
            targets[id] = t
        }
        guard !sheets.isEmpty else { throw Diagnostic(.hasNoWorksheets, file) }
        let index: Int
        if let sheet {
            if let n = Int(sheet) {
                guard n >= 1 && n <= sheets.count else {
                    throw Diagnostic(.hasThereNoSheet, file, plural(sheets.count, "sheet"), n, help: "sheets: " + sheets.map(\.name).joined(separator: ", "))
                }
                index = n - 1
            } else {
                guard let i = sheets.firstIndex(where: { Text.fold($0.name) == Text.fold(sheet) }) else {
                    throw Diagnostic(.hasNoSheet, file, sheet, help: "sheets: " + sheets.map(\.name).joined(separator: ", "),
                                     candidates: Text.suggestions(for: sheet, among: sheets.map(\.name)))
                }
                index = i
            }
        } else { index = 0 }
        guard let target = targets[sheets[index].rid], let xml = part(target) else {  // (read as bytes below)
            throw Diagnostic(.partSheetMissing, file, sheets[index].name)
        }
        // Shared strings: every <si>, its <t> texts joined (rich text has several runs).
        var shared: [String] = []
        if let sst = part("xl/sharedStrings.xml") {
            for si in XMLScan.blocks(sst, named: "si") { shared.append(XMLScan.texts(si, named: "t").joined()) }
        }
        let (grid, maxCol) = SheetScanner.cells(Array(xml.utf8), shared: shared)
        let merged = XMLScan.elements(xml, named: "mergeCell").compactMap { $0["ref"] }
        guard let first = grid.keys.min() else {
            return XLSXSheet(name: sheets[index].name, rows: [], merged: merged, firstRow: 1)
        }
        // Rows with content, and one empty row wherever rows are skipped (what ends the table):
        // a stray cell at row 1,048,576 must not make a million empty rows (a fuzzer's find:
        // 35 s and the memory for them).
        let present = grid.keys.sorted()
        let width = max(maxCol, 1)
        guard present.count * width <= maxCells else {
            throw Diagnostic(.sheetSpansRowsColumnsMore, sheets[index].name, file, present.count, width, maxCells,
                             help: "copy the table to a sheet of its own (a stray cell far to the right widens every row)")
        }
        var rows: [[String]] = []
        var previous = first - 1
        for r in present {
            if r > previous + 1 { rows.append([String](repeating: "", count: width)) }
            rows.append((1...width).map { grid[r]![$0] ?? "" })
            previous = r
        }
        return XLSXSheet(name: sheets[index].name, rows: rows, merged: merged, firstRow: first)
    }

    /// Rows as CSV text (quoted where needed), for the CSV loader's layout detection.
    public static func csv(_ rows: [[String]]) -> String {
        var out = ""
        for r in rows {
            out += r.map { c in
                c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")
                    ? "\"" + c.replacingAll("\"", with: "\"\"") + "\"" : c
            }.joined(separator: ",") + "\n"
        }
        return out
    }
}

/// The cells of a worksheet, scanned as bytes (a sheet can hold millions of cells): `<row r>`,
/// `<c r t>`, its `<v>` or inline `<t>`, nothing else.
enum SheetScanner {
    static let maxRows = 1_048_576, maxColumns = 16_384

    static func cells(_ b: [UInt8], shared: [String]) -> ([Int: [Int: String]], Int) {
        var grid: [Int: [Int: String]] = [:]
        var maxCol = 0, row = 0, nextRow = 1, col = 0, nextCol = 1
        var type: [UInt8] = [], value: [UInt8] = [], inline: [UInt8] = []
        var inCell = false
        let n = b.count
        var i = 0
        /// The value of attribute `name` in the tag b[from..<to].
        func attr(_ name: [UInt8], _ from: Int, _ to: Int) -> ArraySlice<UInt8>? {
            var k = from
            while k + name.count + 2 < to {
                if (b[k] == 32 || b[k] == 9 || b[k] == 10 || b[k] == 13) && b[(k + 1)..<(k + 1 + name.count)].elementsEqual(name) && b[k + 1 + name.count] == 61 {
                    let q = b[k + 2 + name.count]
                    var e = k + 3 + name.count
                    while e < to && b[e] != q { e += 1 }
                    return b[(k + 3 + name.count)..<e]
                }
                k += 1
            }
            return nil
        }
        // Row numbers, shared-string indices and column letters come from the file: read
        // with a digit and letter budget, so no value can overflow (Excel's own limits are
        // 1,048,576 rows and 16,384 columns, XFD).
        func number(_ s: ArraySlice<UInt8>) -> Int? {
            guard !s.isEmpty, s.count <= 10 else { return nil }
            var v = 0
            for c in s { guard c >= 48 && c <= 57 else { return nil }; v = v * 10 + Int(c - 48) }
            return v
        }
        func column(_ s: ArraySlice<UInt8>) -> Int? {
            var v = 0, letters = 0
            for c in s {
                guard c >= 65 && c <= 90 else { break }
                letters += 1
                if letters > 3 { return nil }
                v = v * 26 + Int(c - 64)
            }
            return v > 0 && v <= maxColumns ? v : nil
        }
        func text(_ s: ArraySlice<UInt8>) -> String { XMLScan.decode(Substring(String(decoding: s, as: UTF8.self))) }
        while i < n {
            guard b[i] == 60 else { i += 1; continue }   // <
            var e = i + 1
            while e < n && b[e] != 62 { e += 1 }          // >
            guard e < n else { break }
            var ns = i + 1
            let closing = b[ns] == 47
            if closing { ns += 1 }
            var ne = ns
            while ne < e && b[ne] != 32 && b[ne] != 47 && b[ne] != 9 && b[ne] != 10 && b[ne] != 13 { ne += 1 }
            var name = b[ns..<ne]
            if let colon = name.firstIndex(of: 58) { name = b[(colon + 1)..<ne] }   // x:row → row
            let selfClosing = b[e - 1] == 47
            if name.elementsEqual([114, 111, 119]) && !closing {                   // row
                row = attr([114], ne, e).flatMap(number).map { min($0, maxRows + 1) } ?? nextRow
                nextRow = row + 1; nextCol = 1
            } else if name.elementsEqual([99]) {                                   // c
                if closing || selfClosing {
                    if !closing { col = attr([114], ne, e).flatMap(column) ?? nextCol; nextCol = col + 1 }
                    var t: String
                    if type.elementsEqual([115]) { t = number(value[...]).flatMap { $0 < shared.count ? shared[$0] : nil } ?? "" }      // s
                    else if type.elementsEqual([105, 110, 108, 105, 110, 101, 83, 116, 114]) { t = text(inline[...]) }                 // inlineStr
                    else if type.elementsEqual([98]) { t = value.elementsEqual([49]) ? "TRUE" : "FALSE" }                             // b
                    else if type.elementsEqual([101]) { t = "" }                                                                       // e
                    else { t = text(value[...]) }
                    if !closing && selfClosing { t = "" }
                    if !t.isEmpty && row <= maxRows { grid[row, default: [:]][col] = t; maxCol = max(maxCol, col) }
                    inCell = false
                } else {
                    col = attr([114], ne, e).flatMap(column) ?? nextCol
                    nextCol = col + 1
                    type = Array(attr([116], ne, e) ?? [])
                    value = []; inline = []
                    inCell = true
                }
            } else if inCell && !closing && !selfClosing && (name.elementsEqual([118]) || name.elementsEqual([116])) {   // v, t
                var te = e + 1
                while te < n && b[te] != 60 { te += 1 }
                if name.elementsEqual([118]) { value = Array(b[(e + 1)..<te]) } else { inline += b[(e + 1)..<te] }
                i = te
                continue
            }
            i = e + 1
        }
        return (grid, maxCol)
    }
}
