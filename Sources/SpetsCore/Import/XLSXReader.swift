// XLSXReader.swift — one worksheet of an Excel workbook as rows of cell texts: the sheet by
// name or number, shared and inline strings, numbers as written (dates stay serial numbers),
// empty cells empty, merged cells reported (never guessed). The rows then go through the CSV
// layout detection like any CSV. The XML parts are read with a small scanner: they are
// machine-written, flat, and only a handful of elements matter here.

public struct XLSXSheet {
    public var name: String
    public var rows: [[String]]
    /// `A1:C1`, … — merged ranges (usually a title or a two-line header).
    public var merged: [String]
    /// The sheet row number of `rows[0]` (empty rows above are left out).
    public var firstRow: Int
}

public enum XLSXReader {
    public static func read(_ bytes: [UInt8], file: String, sheet: String?) throws(Diagnostic) -> XLSXSheet {
        let parts = try Zip.read(bytes, file: file)
        func part(_ n: String) -> String? { parts[n].map { String(decoding: $0, as: UTF8.self) } }
        guard let workbook = part("xl/workbook.xml") else {
            throw Diagnostic(message: "\(file) has no xl/workbook.xml: it is not an Excel workbook")
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
        guard !sheets.isEmpty else { throw Diagnostic(message: "\(file) has no worksheets") }
        let index: Int
        if let sheet {
            if let n = Int(sheet) {
                guard n >= 1 && n <= sheets.count else {
                    throw Diagnostic(message: "\(file) has \(plural(sheets.count, "sheet")); there is no sheet \(n)", help: "sheets: " + sheets.map(\.name).joined(separator: ", "))
                }
                index = n - 1
            } else {
                guard let i = sheets.firstIndex(where: { Text.fold($0.name) == Text.fold(sheet) }) else {
                    throw Diagnostic(message: "\(file) has no sheet `\(sheet)`", help: "sheets: " + sheets.map(\.name).joined(separator: ", "),
                                     candidates: Text.suggestions(for: sheet, among: sheets.map(\.name)))
                }
                index = i
            }
        } else { index = 0 }
        guard let target = targets[sheets[index].rid], let xml = part(target) else {
            throw Diagnostic(message: "\(file): the part of sheet `\(sheets[index].name)` is missing")
        }
        // Shared strings: every <si>, its <t> texts joined (rich text has several runs).
        var shared: [String] = []
        if let sst = part("xl/sharedStrings.xml") {
            for si in XMLScan.blocks(sst, named: "si") { shared.append(XMLScan.texts(si, named: "t").joined()) }
        }
        var grid: [Int: [Int: String]] = [:]
        var maxCol = 0
        var nextRow = 1
        for row in XMLScan.blocks(xml, named: "row") {
            let rowAttrs = XMLScan.elements(row, named: "row").first ?? [:]
            let r = rowAttrs["r"].flatMap { Int($0) } ?? nextRow
            nextRow = r + 1
            var nextCol = 1
            for cell in XMLScan.blocks(row, named: "c") {
                let a = XMLScan.elements(cell, named: "c").first ?? [:]
                let col = a["r"].flatMap(column) ?? nextCol
                nextCol = col + 1
                let v = XMLScan.texts(cell, named: "v").first
                var text: String
                switch a["t"] ?? "n" {
                case "s": text = v.flatMap { Int($0) }.flatMap { $0 < shared.count ? shared[$0] : nil } ?? ""
                case "inlineStr": text = XMLScan.texts(cell, named: "t").joined()
                case "b": text = v == "1" ? "TRUE" : "FALSE"
                case "e": text = ""   // #N/A, #DIV/0!: missing
                default: text = v ?? ""
                }
                if !text.isEmpty { grid[r, default: [:]][col] = text; maxCol = max(maxCol, col) }
            }
        }
        let merged = XMLScan.elements(xml, named: "mergeCell").compactMap { $0["ref"] }
        guard let first = grid.keys.min(), let last = grid.keys.max() else {
            return XLSXSheet(name: sheets[index].name, rows: [], merged: merged, firstRow: 1)
        }
        let rows = (first...last).map { r in (1...max(maxCol, 1)).map { grid[r]?[$0] ?? "" } }
        return XLSXSheet(name: sheets[index].name, rows: rows, merged: merged, firstRow: first)
    }

    /// `C12` → 3.
    static func column(_ ref: String) -> Int? {
        var n = 0
        for u in ref.unicodeScalars {
            guard u.value >= 65 && u.value <= 90 else { break }
            n = n * 26 + Int(u.value - 64)
        }
        return n > 0 ? n : nil
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

/// A scanner for machine-written XML: elements by local name (a `x:` prefix is ignored),
/// their attributes, the text of simple elements, entities decoded.
enum XMLScan {
    /// Attributes of every start (or empty) tag with this local name.
    static func elements(_ xml: String, named name: String) -> [[String: String]] { elements(xml[...], named: name) }
    static func blocks(_ xml: String, named name: String) -> [Substring] { blocks(xml[...], named: name) }

    static func elements(_ xml: Substring, named name: String) -> [[String: String]] {
        var out: [[String: String]] = []
        var rest = xml
        while let lt = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: lt)...]
            guard let gt = rest.firstIndex(of: ">") else { break }
            let tag = rest[..<gt]
            rest = rest[rest.index(after: gt)...]
            guard let first = tag.first, first != "/", first != "?", first != "!" else { continue }
            let tname = tag.prefix { !$0.isWhitespace && $0 != "/" }
            guard localName(tname) == name else { continue }
            out.append(attributes(tag.dropFirst(tname.count)))
        }
        return out
    }

    /// The inner XML of every `<name …>…</name>` (empty elements give "").
    static func blocks(_ xml: Substring, named name: String) -> [Substring] {
        var out: [Substring] = []
        var rest = xml
        while let lt = rest.firstIndex(of: "<") {
            let afterLt = rest.index(after: lt)
            guard let gt = rest[afterLt...].firstIndex(of: ">") else { break }
            let tag = rest[afterLt..<gt]
            let tname = tag.prefix { !$0.isWhitespace && $0 != "/" && $0 != ">" }
            guard localName(tname) == name, tag.first != "/" else { rest = rest[rest.index(after: gt)...]; continue }
            if tag.hasSuffix("/") { out.append(rest[lt...gt]); rest = rest[rest.index(after: gt)...]; continue }
            // The matching close tag (these elements do not nest in themselves).
            let close = "</" + tname + ">"
            guard let end = rest[gt...].firstRange(of: close) else { break }
            out.append(rest[lt..<end.upperBound])
            rest = rest[end.upperBound...]
        }
        return out
    }

    /// The decoded text of every `<name>text</name>` inside `xml`.
    static func texts(_ xml: Substring, named name: String) -> [String] {
        blocks(xml, named: name).map { b in
            guard let gt = b.firstIndex(of: ">"), !b[..<gt].hasSuffix("/"), let close = b.lastIndex(of: "<"), close > gt else { return "" }
            return decode(b[b.index(after: gt)..<close])
        }
    }

    static func localName(_ s: Substring) -> Substring {
        if let c = s.lastIndex(of: ":") { return s[s.index(after: c)...] }
        return s
    }

    static func attributes(_ s: Substring) -> [String: String] {
        var out: [String: String] = [:]
        var rest = s
        while let eq = rest.firstIndex(of: "=") {
            let key = rest[..<eq].trimmingSpaces()
            rest = rest[rest.index(after: eq)...].drop { $0.isWhitespace }
            guard let q = rest.first, q == "\"" || q == "'" else { break }
            rest = rest.dropFirst()
            guard let endQ = rest.firstIndex(of: q) else { break }
            out[String(key)] = decode(rest[..<endQ])
            rest = rest[rest.index(after: endQ)...]
        }
        return out
    }

    static func decode(_ s: Substring) -> String {
        guard s.contains("&") else { return String(s) }
        var out = ""
        var rest = s
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";") else { out += rest[amp...]; return out }
            let ent = rest[rest.index(after: amp)..<semi]
            switch ent {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                if ent.hasPrefix("#x"), let v = UInt32(ent.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) { out.unicodeScalars.append(u) }
                else if ent.hasPrefix("#"), let v = UInt32(ent.dropFirst()), let u = Unicode.Scalar(v) { out.unicodeScalars.append(u) }
                else { out += rest[amp...semi] }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var s = self
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return s
    }
}
