// XLSXWriter.swift — `export … to "FILE.xlsx"`: one worksheet a county can use as it is — the
// header row bold and frozen, columns wide enough for their header and values, numbers as
// numbers with a format by what they are (counts `#,##0`, amounts `#,##0.0`, indices
// `0.000`, shares `0.0%`),
// names beside codes, and the footer as a block of notes under the table. Headers and codes
// are the CSV ones (a `region_name` column names the regions), so the file loads back into
// spets as it was. Deterministic: the same result, the same bytes.

public enum XLSXWriter {
    static func esc(_ s: String) -> String { XMLText.escape(s) }

    /// `1` → A, `27` → AA.
    static func columnName(_ n: Int) -> String {
        var n = n, s = ""
        while n > 0 { let r = (n - 1) % 26; s = String(UnicodeScalar(UInt8(65 + r))) + s; n = (n - 1) / 26 }
        return s
    }

    /// Cell styles (the order of `cellXfs` in styles.xml).
    enum Style: Int { case plain = 0, header, count, index, share, note, amount }

    /// A column of the sheet: a table column, or the names of a coded one beside it.
    struct SheetColumn {
        var header: String
        var cell: (Int) -> (text: String?, number: Double?)
        var style: Style
        /// Characters the widest cell takes as Excel shows it.
        var width: Int
    }

    static func columns(_ t: Table) -> [SheetColumn] {
        var out: [SheetColumn] = []
        for col in t.columns {
            let header = col.machineName + (col.unit.map { " (\($0))" } ?? "")
            switch col.values {
            case .number(let v):
                let role = col.numberRole
                let style: Style
                switch role {
                case .count?: style = .count
                case .amount?: style = .amount
                case .index?: style = .index
                case .share?: style = .share
                case .key?, nil: style = .plain
                }
                // As Excel draws it: grouped whole numbers, three decimals, or a percentage.
                // As Excel draws it, for the widest value: the largest magnitude, and a sign if
                // any value is negative (one pass, no text per cell).
                var big = 0.0, negative = false
                for x in v where x.isFinite { big = max(big, abs(x)); negative = negative || x < 0 }
                let digits: Int
                switch style {
                case .count: digits = NumberFormatting.fixed(big, decimals: 0, group: ",", decimalMark: ".").count
                case .amount: digits = NumberFormatting.fixed(big, decimals: 1, group: ",", decimalMark: ".").count
                case .index: digits = NumberFormatting.fixed(big, decimals: 3, group: "", decimalMark: ".").count
                case .share: digits = NumberFormatting.fixed(big * 100, decimals: 1, group: "", decimalMark: ".").count + 1
                default: digits = NumberFormatting.exact(big).count
                }
                let shown = v.contains(where: \.isFinite) ? digits + (negative ? 1 : 0) : 0
                out.append(SheetColumn(header: header, cell: { r in (nil, v[r].isFinite ? v[r] : nil) }, style: style, width: shown))
            case .text(let v):
                out.append(SheetColumn(header: header, cell: { r in (v[r], nil) }, style: .plain, width: v.lazy.map { Text.width($0) }.max() ?? 0))
            case .coded(let codes, let d):
                // Widths over the codes the rows hold, not the whole dimension.
                let used = Set(codes).map { Int($0) }
                out.append(SheetColumn(header: header, cell: { r in (d.labels[Int(codes[r])], nil) }, style: .plain,
                                       width: used.lazy.map { Text.width(d.labels[$0]) }.max() ?? 0))
                if used.contains(where: { d.names[$0] != nil }) {
                    out.append(SheetColumn(header: col.machineName + "_name", cell: { r in (d.names[Int(codes[r])], nil) }, style: .plain,
                                           width: used.lazy.map { d.names[$0].map(Text.width) ?? 0 }.max() ?? 0))
                }
            }
        }
        return out
    }

    public static func workbook(_ t: Table, sheet: String = "Result") -> [UInt8] {
        let cols = columns(t)
        var rows = ""
        func cellRef(_ c: Int, _ r: Int) -> String { columnName(c + 1) + String(r) }
        func style(_ s: Style) -> String { s == .plain ? "" : " s=\"\(s.rawValue)\"" }
        func text(_ c: Int, _ r: Int, _ s: String, _ st: Style = .plain) -> String {
            "<c r=\"\(cellRef(c, r))\" t=\"inlineStr\"\(style(st))><is><t xml:space=\"preserve\">\(esc(s))</t></is></c>"
        }
        // Units ride in the header, `employment (persons)`, as spets reads them back.
        rows += "<row r=\"1\">" + cols.enumerated().map { text($0, 1, $1.header, .header) }.joined() + "</row>"
        for r in 0..<t.rowCount {
            let rn = r + 2
            var cells = ""
            for (c, col) in cols.enumerated() {
                let v = col.cell(r)
                if let x = v.number { cells += "<c r=\"\(cellRef(c, rn))\"\(style(col.style))><v>\(NumberFormatting.exact(x))</v></c>" }
                else if let s = v.text, !s.isEmpty { cells += text(c, rn, s) }
            }
            rows += "<row r=\"\(rn)\">" + cells + "</row>"
        }
        var next = t.rowCount + 3   // one empty row, then the notes
        for f in t.footer { rows += "<row r=\"\(next)\">" + text(0, next, f, .note) + "</row>"; next += 1 }
        // Wide enough for the header and the widest value (bold headers run wider), at most 80.
        let widths = cols.enumerated().map { c, col in
            "<col min=\"\(c + 1)\" max=\"\(c + 1)\" width=\"\(min(80, max(Text.width(col.header) + 3, col.width + 2)))\" customWidth=\"1\"/>"
        }.joined()
        let frozen = "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
        let sheetXML = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" + frozen
            + (cols.isEmpty ? "" : "<cols>" + widths + "</cols>") + "<sheetData>" + rows + "</sheetData></worksheet>"
        let parts: [(String, String)] = [
            ("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/><Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/></Types>"),
            ("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
            ("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"\(esc(sheet))\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>"),
            ("xl/styles.xml", styles),
            ("xl/worksheets/sheet1.xml", sheetXML),
        ]
        return Zip.write(parts.map { ($0.0, Array($0.1.utf8)) })
    }

    /// The number formats and the seven cell styles of `Style`, in its order.
    static let styles = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        + "<numFmts count=\"4\"><numFmt numFmtId=\"164\" formatCode=\"#,##0\"/><numFmt numFmtId=\"165\" formatCode=\"0.000\"/><numFmt numFmtId=\"166\" formatCode=\"0.0%\"/><numFmt numFmtId=\"167\" formatCode=\"#,##0.0\"/></numFmts>"
        + "<fonts count=\"3\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font><font><i/><sz val=\"10\"/><color rgb=\"FF595959\"/><name val=\"Calibri\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"7\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
        + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"166\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"0\" fontId=\"2\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
        + "<xf numFmtId=\"167\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>"
}
