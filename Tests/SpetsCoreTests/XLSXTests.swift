// XLSXTests.swift — the ZIP container and the worksheet both ways: a workbook spets writes
// reads back cell for cell; sheets by name and number; bad files fail with a clear message.
import XCTest
@testable import SpetsCore

final class XLSXTests: XCTestCase {
    func testZipRoundTrip() throws {
        let entries: [(name: String, data: [UInt8])] = [("a.txt", Array("hello".utf8)), ("dir/b.xml", Array("<x>ä</x>".utf8)), ("empty", [])]
        let zip = Zip.write(entries)
        XCTAssertEqual(Zip.write(entries), zip, "deterministic")
        let back = try Zip.read(zip, file: "t.zip")
        for e in entries { XCTAssertEqual(back[e.name], e.data, e.name) }
    }

    func testWorkbookReadsBackCellForCell() throws {
        let t = Table(columns: [Column("region", .text(["Kalmar län", "A & B <c>", ""]), kind: .key),
                                Column("year", .number([2022, 2023, 2024]), kind: .key),
                                Column("employment", .number([1234.5, .nan, -2e-7]), unit: "persons")],
                      footer: ["a note", "another"])
        let book = XLSXWriter.workbook(t)
        XCTAssertEqual(XLSXWriter.workbook(t), book, "the same result, the same bytes")
        let sheet = try XLSXReader.read(book, file: "t.xlsx", sheet: nil)
        XCTAssertEqual(sheet.name, "Result")
        XCTAssertEqual(sheet.rows[0], ["region", "year", "employment (persons)"])
        XCTAssertEqual(sheet.rows[1], ["Kalmar län", "2022", "1234.5"])
        XCTAssertEqual(sheet.rows[2], ["A & B <c>", "2023", ""])
        XCTAssertEqual(sheet.rows[3], ["", "2024", "-2e-07"])
        XCTAssertEqual(sheet.rows[4], ["", "", ""], "an empty row before the notes")
        XCTAssertEqual(sheet.rows[5][0], "a note")
        XCTAssertEqual(try XLSXReader.read(book, file: "t.xlsx", sheet: "1").rows.count, sheet.rows.count)
        XCTAssertEqual(try XLSXReader.read(book, file: "t.xlsx", sheet: "result").name, "Result", "names match case-insensitively")
    }

    /// What a county opens: the header frozen, each column as wide as its header and values,
    /// a number format per kind of number, the names beside the codes, the notes italic.
    func testWorkbookIsReadyToUse() throws {
        let dim = Dimension(name: "region", role: .region, labels: ["SE213", "SE322"], names: ["Kalmar län", nil])
        var share = Column("share", .number([0.485, 0.5]))
        share.isShare = true
        let t = Table(columns: [Column("region", .coded([0, 1], dim), kind: .key), Column("year", .number([2023, 2023]), kind: .key),
                                Column("employment", .number([131574, 883]), unit: "persons"), Column("value_added", .number([1484.6, 2]), unit: "MSEK"),
                                Column("lq", .number([4.15432, 1])), share, Column("national_growth", .number([0.1, -0.02]))],
                      footer: ["LQ vs test"])
        let parts = try Zip.read(XLSXWriter.workbook(t), file: "t.xlsx")
        let xml = String(decoding: parts["xl/worksheets/sheet1.xml"]!, as: UTF8.self)
        let styles = String(decoding: parts["xl/styles.xml"]!, as: UTF8.self)
        XCTAssertTrue(xml.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        // Widths: `employment (persons)` is 20 characters, its header the widest cell.
        XCTAssertTrue(xml.contains("<col min=\"4\" max=\"4\" width=\"23\" customWidth=\"1\"/>"), xml)
        XCTAssertTrue(xml.contains("<col min=\"2\" max=\"2\" width=\"14\" customWidth=\"1\"/>"), "region_name: its header")
        for f in ["formatCode=\"#,##0\"", "formatCode=\"#,##0.0\"", "formatCode=\"0.000\"", "formatCode=\"0.0%\""] { XCTAssertTrue(styles.contains(f), f) }
        // Cell styles by column: employment count (2), value_added amount (6), lq index (3),
        // share and growth percentages (4), the year plain, the note italic (5).
        XCTAssertTrue(xml.contains("<c r=\"D2\" s=\"2\"><v>131574</v></c><c r=\"E2\" s=\"6\"><v>1484.6</v></c><c r=\"F2\" s=\"3\"><v>4.15432</v></c><c r=\"G2\" s=\"4\"><v>0.485</v></c><c r=\"H2\" s=\"4\"><v>0.1</v></c>"), xml)
        XCTAssertTrue(xml.contains("<c r=\"C2\"><v>2023</v></c>"))
        XCTAssertTrue(xml.contains("t=\"inlineStr\" s=\"5\"><is><t xml:space=\"preserve\">LQ vs test</t>"))
        // Names beside codes; the sheet still reads back as codes with a name column.
        let sheet = try XLSXReader.read(XLSXWriter.workbook(t), file: "t.xlsx", sheet: nil)
        XCTAssertEqual(Array(sheet.rows[0].prefix(3)), ["region", "region_name", "year"])
        XCTAssertEqual(Array(sheet.rows[1].prefix(2)), ["SE213", "Kalmar län"])
        XCTAssertEqual(Array(sheet.rows[2].prefix(2)), ["SE322", ""])
    }

    func testBadFilesAndSheets() {
        func message(_ bytes: [UInt8], sheet: String? = nil) -> String {
            do { _ = try XLSXReader.read(bytes, file: "bad.xlsx", sheet: sheet); return "no error" } catch { return error.message }
        }
        XCTAssertEqual(message(Array("region,year\nKalmar,2023\nJämtland,2023\n".utf8)), "bad.xlsx is not a readable .xlsx (ZIP) file: no central directory")
        XCTAssertEqual(message(Zip.write([("x.txt", [1])])), "bad.xlsx has no xl/workbook.xml: it is not an Excel workbook")
        let book = XLSXWriter.workbook(Table(columns: [Column("a", .number([1]))]))
        XCTAssertEqual(message(book, sheet: "Data"), "bad.xlsx has no sheet `Data`")
        XCTAssertEqual(message(book, sheet: "3"), "bad.xlsx has 1 sheet; there is no sheet 3")
        var truncated = book
        truncated.removeLast(30)
        XCTAssertTrue(message(truncated).hasPrefix("bad.xlsx is not a readable .xlsx (ZIP) file"), message(truncated))
    }

    func testSharedStringsRichTextAndMergedCells() throws {
        let sheetXML = """
            <worksheet xmlns="x"><sheetData>
            <row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c></row>
            <row r="3"><c r="A3" t="inlineStr"><is><t>SE213</t></is></c><c r="C3"><v>7</v></c><c r="D3" t="b"><v>1</v></c></row>
            </sheetData><mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells></worksheet>
            """
        let parts: [(name: String, data: [UInt8])] = [
            ("xl/workbook.xml", Array("<workbook><sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>".utf8)),
            ("xl/_rels/workbook.xml.rels", Array("<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>".utf8)),
            ("xl/sharedStrings.xml", Array("<sst><si><t>region</t></si><si><r><t>employ</t></r><r><t>ment &amp; more</t></r></si></sst>".utf8)),
            ("xl/worksheets/sheet1.xml", Array(sheetXML.utf8)),
        ]
        let s = try XLSXReader.read(Zip.write(parts), file: "t.xlsx", sheet: nil)
        XCTAssertEqual(s.firstRow, 2)
        XCTAssertEqual(s.rows, [["region", "", "employment & more", ""], ["SE213", "", "7", "TRUE"]])
        XCTAssertEqual(s.merged, ["A1:C1"])
    }

    /// A cell far below the table (row 1,048,576) is one empty row and a note row, not a
    /// million empty rows (a libFuzzer find: 35 s in a debug build); a sheet whose rows ×
    /// widest row exceed `XLSXReader.maxCells` is refused with what to do.
    func testFarAwayCellsStaySparse() throws {
        func workbook(_ rows: String) -> [UInt8] {
            Zip.write([
                ("xl/workbook.xml", Array("<workbook><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>".utf8)),
                ("xl/_rels/workbook.xml.rels", Array("<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>".utf8)),
                ("xl/worksheets/sheet1.xml", Array("<worksheet><sheetData>\(rows)</sheetData></worksheet>".utf8)),
            ])
        }
        let s = try XLSXReader.read(workbook("""
            <row r="1"><c r="A1" t="inlineStr"><is><t>region</t></is></c><c r="B1" t="inlineStr"><is><t>x</t></is></c></row>
            <row r="2"><c r="A2" t="inlineStr"><is><t>SE213</t></is></c><c r="B2"><v>3</v></c></row>
            <row r="1048576"><c r="A1048576" t="inlineStr"><is><t>note</t></is></c></row>
            """), file: "t.xlsx", sheet: nil)
        XCTAssertEqual(s.rows, [["region", "x"], ["SE213", "3"], ["", ""], ["note", ""]])
        let wide = (1...1300).map { "<row r=\"\($0)\"><c r=\"A\($0)\"><v>1</v></c>" + ($0 == 1 ? "<c r=\"XFD1\"><v>2</v></c>" : "") + "</row>" }.joined()
        XCTAssertThrowsError(try XLSXReader.read(workbook(wide), file: "w.xlsx", sheet: nil)) { e in
            XCTAssertEqual((e as! Diagnostic).message, "sheet `S` of w.xlsx spans 1300 rows × 16384 columns, more than 20000000 cells")
        }
    }
}
