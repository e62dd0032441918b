// XLSXLoader.swift — `load "FILE.xlsx" [sheet NAME|N]`: the worksheet's table (from its first
// row with content to the first empty row) goes through the CSV loader, so layout detection,
// units, errors and the all-or-nothing promise are the CSV ones; rows below an empty row are
// notes, and merged cells are reported, not guessed.
import Glibc

public enum XLSXLoader {
    public static func load(path: String, name: String, options: LoadOptions, registry: Registry?) throws(Diagnostic) -> Cube {
        let sheet = try XLSXReader.read(try FileIO.read(path), file: path, sheet: options.mapping["sheet"])
        guard !sheet.rows.isEmpty else { throw Diagnostic(.sheetEmpty, sheet.name, path) }
        // The header: below `skip N` rows, else below title rows (one filled cell each, and
        // the empty rows between them) when a row with more follows.
        var start = 0
        var titleNote: String? = nil
        if let n = options.skipRows {
            start = min(n, sheet.rows.count)
        } else {
            func filled(_ r: [String]) -> Int { r.filter { !$0.isEmpty }.count }
            if let header = sheet.rows.firstIndex(where: { filled($0) >= 2 }), header > 0,
               sheet.rows[0..<header].allSatisfy({ filled($0) <= 1 }) {
                start = header
                titleNote = "sheet \(sheet.name): the header is row \(sheet.firstRow + header); \(header) title \(header == 1 ? "row" : "rows") above it left out (`skip N` says otherwise)"
            }
        }
        let rows = Array(sheet.rows[start...])
        guard !rows.isEmpty else { throw Diagnostic(.sheetHasNoRowsBelow, sheet.name, path, start) }
        let end = rows.firstIndex { $0.allSatisfy(\.isEmpty) } ?? rows.count
        let table = Array(rows[0..<end])
        let below = rows[end...].filter { !$0.allSatisfy(\.isEmpty) }.count
        // The CSV loader reads files: the sheet goes through a private temporary one.
        var template = Array("/tmp/spets-xlsx-XXXXXX.csv".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard fd >= 0 else { throw Diagnostic.io("/tmp", errno) }
        close(fd)
        let tmp = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(tmp) }
        try FileIO.write(tmp, XLSXReader.csv(table))
        var opts = options
        opts.mapping["sheet"] = nil
        opts.skipRows = nil   // done above, on the sheet's rows
        let source = "\(path), sheet \(sheet.name)"
        var cube = try CSVLoader.load(path: tmp, name: name, options: opts, registry: registry, source: source)
        var notes: [String] = []
        if sheet.firstRow > 1 { notes.append("sheet \(sheet.name): the table starts at row \(sheet.firstRow)") }
        if let t = titleNote { notes.append(t) }
        if !sheet.merged.isEmpty {
            notes.append("warning: sheet \(sheet.name) has merged cells (\(sheet.merged.prefix(4).joined(separator: ", "))\(sheet.merged.count > 4 ? ", …" : "")): a merged header is read as its first cell; check the column names")
        }
        if below > 0 { notes.append("sheet \(sheet.name): notes under the table (\(plural(below, "row")) after the first empty row) are not data") }
        if !notes.isEmpty { cube = cube.withNotes(cube.notes + notes) }
        return cube
    }
}
