// XLSXWriter.swift — `export … to "FILE.xlsx"`: one worksheet with the result — the header
// row bold, numbers as numbers (missing cells empty), text as inline strings — and the
// footer's lines as notes under an empty row. Column names and codes are the CSV ones, so the
// file loads back into spets as it was. Deterministic: the same result, the same bytes.

public enum XLSXWriter {
    static func esc(_ s: String) -> String { XMLText.escape(s) }

    /// `1` → A, `27` → AA.
    static func columnName(_ n: Int) -> String {
        var n = n, s = ""
        while n > 0 { let r = (n - 1) % 26; s = String(UnicodeScalar(UInt8(65 + r))) + s; n = (n - 1) / 26 }
        return s
    }

    public static func workbook(_ t: Table, sheet: String = "Result") -> [UInt8] {
        var rows = ""
        func cellRef(_ c: Int, _ r: Int) -> String { columnName(c + 1) + String(r) }
        func text(_ c: Int, _ r: Int, _ s: String, bold: Bool = false) -> String {
            "<c r=\"\(cellRef(c, r))\" t=\"inlineStr\"\(bold ? " s=\"1\"" : "")><is><t xml:space=\"preserve\">\(esc(s))</t></is></c>"
        }
        // Units ride in the header, `employment (persons)`, as spets reads them back.
        rows += "<row r=\"1\">" + t.columns.enumerated().map { text($0, 1, $1.machineName + ($1.unit.map { " (\($0))" } ?? ""), bold: true) }.joined() + "</row>"
        for r in 0..<t.rowCount {
            let rn = r + 2
            var cells = ""
            for (c, col) in t.columns.enumerated() {
                switch col.values {
                case .number(let v):
                    if v[r].isFinite { cells += "<c r=\"\(cellRef(c, rn))\"><v>\(NumberFormatting.exact(v[r]))</v></c>" }
                default:
                    let s = col.machineText(r)
                    if !s.isEmpty { cells += text(c, rn, s) }
                }
            }
            rows += "<row r=\"\(rn)\">" + cells + "</row>"
        }
        var next = t.rowCount + 3   // one empty row, then the notes
        for f in t.footer { rows += "<row r=\"\(next)\">" + text(0, next, f) + "</row>"; next += 1 }
        let sheetXML = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" + rows + "</sheetData></worksheet>"
        let parts: [(String, String)] = [
            ("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/><Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/></Types>"),
            ("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
            ("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"\(esc(sheet))\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>"),
            ("xl/styles.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts><fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills><borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs><cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/><xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs></styleSheet>"),
            ("xl/worksheets/sheet1.xml", sheetXML),
        ]
        return Zip.write(parts.map { ($0.0, Array($0.1.utf8)) })
    }
}
