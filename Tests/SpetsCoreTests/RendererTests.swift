// RendererTests.swift — the four output formats on one small table.
import XCTest
import Glibc
@testable import SpetsCore

final class RendererTests: XCTestCase {
    let dim = Dimension(name: "region", role: .region, labels: ["SE213", "SE322"], names: ["Kalmar län", nil])
    var table: Table {
        Table(columns: [
            Column("region", .coded([0, 1], dim), kind: .key),
            Column("year", .number([2023, 2023]), decimals: 0, kind: .key),
            Column("employment", .number([12345, .nan]), unit: "persons"),
            Column("lq", .number([1.23456, 0.5]), decimals: 3),
        ], footer: ["LQ vs test"])
    }

    func testBoxTable() {
        let s = OutputFormat.table.render(table, RenderSettings())
        XCTAssertEqual(s, """
        ┌──────────────────┬──────┬──────────────────────┬───────┐
        │ region           │ year │ employment (persons) │    lq │
        ├──────────────────┼──────┼──────────────────────┼───────┤
        │ SE213 Kalmar län │ 2023 │               12,345 │ 1.235 │
        │ SE322            │ 2023 │                    – │ 0.500 │
        └──────────────────┴──────┴──────────────────────┴───────┘
        LQ vs test

        """)
    }

    func testSwedishLocaleAndDecimals() {
        var s = RenderSettings()
        s.locale = .sv
        s.decimals = 1
        let out = OutputFormat.table.render(table, s)
        XCTAssertTrue(out.contains("12\u{00A0}345"))
        XCTAssertTrue(out.contains("1,2 │"))
    }

    func testTruncationNote() {
        var s = RenderSettings()
        s.maxRows = 1
        XCTAssertTrue(OutputFormat.table.render(table, s).contains("… 1 more rows (2 in all;"))
    }

    /// A table fits its width: units under their names, then names cut (never numbers),
    /// then a middle block of columns hidden with a note; the machine formats and Markdown
    /// keep every name whole at any width.
    func testBoxTableFitsItsWidth() {
        let long = "Tillverkning av trä och varor av trä, kork, rotting o.d. utom möbler"
        let ind = Dimension(name: "industry", role: .industry, labels: ["16", "31"], names: [long, "Tillverkning av möbler"])
        let t = Table(columns: [
            Column("region", .coded([0, 1], dim), kind: .key),
            Column("industry", .coded([0, 1], ind), kind: .key),
            Column("year", .number([2023, 2023]), decimals: 0, kind: .key),
            Column("employment", .number([1234567, 883]), unit: "persons"),
            Column("lq", .number([4.15432, 2.8222]), decimals: 3),
        ], footer: ["LQ vs test"])
        var s = RenderSettings()
        XCTAssertTrue(OutputFormat.table.render(t, s).contains(long), "no limit: whole names")
        for width in [120, 80, 60, 45, 30, 25] {
            s.tableWidth = .columns(width)
            let out = OutputFormat.table.render(t, s)
            let lines = out.split(separator: "\n").filter { $0.hasPrefix("│") || $0.hasPrefix("┌") }
            for l in lines { XCTAssertLessThanOrEqual(Text.width(String(l)), width, "\(width): \(l)") }
            // Numbers are shown whole or not at all.
            XCTAssertTrue(out.contains("4.154"), "\(width):\n\(out)")
            if out.contains("1,23") { XCTAssertTrue(out.contains("1,234,567"), out) }
        }
        s.tableWidth = .columns(80)
        let at80 = OutputFormat.table.render(t, s)
        XCTAssertEqual(at80, """
        ┌──────────────────┬───────────────────────────────┬──────┬────────────┬───────┐
        │ region           │ industry                      │ year │ employment │    lq │
        │                  │                               │      │  (persons) │       │
        ├──────────────────┼───────────────────────────────┼──────┼────────────┼───────┤
        │ SE213 Kalmar län │ 16 Tillverkning av trä och v… │ 2023 │  1,234,567 │ 4.154 │
        │ SE322            │ 31 Tillverkning av möbler     │ 2023 │        883 │ 2.822 │
        └──────────────────┴───────────────────────────────┴──────┴────────────┴───────┘
        LQ vs test

        """)
        // Notes fold at the width; unfolded they say what was hidden.
        func unfolded(_ s: RenderSettings) -> String { OutputFormat.table.render(t, s).replacingOccurrences(of: "\n  ", with: " ") }
        s.tableWidth = .columns(30)
        XCTAssertTrue(unfolded(s).contains("… 3 columns hidden (industry, year, employment); `set width 0` shows all"), unfolded(s))
        XCTAssertTrue(OutputFormat.table.render(t, s).split(separator: "\n").allSatisfy { Text.width(String($0)) <= 30 })
        XCTAssertTrue(OutputFormat.table.render(t, s).contains("`set width 0`"), "code is not folded")
        XCTAssertEqual(BoxFit.wrap("a note that says `set width 0 to see all` and more words here", width: 24),
                       ["a note that says", "  `set width 0 to see all`", "  and more words here"])
        // Codes are never cut, even where the table cannot fit.
        s.tableWidth = .columns(20)
        XCTAssertTrue(OutputFormat.table.render(t, s).contains("│ SE213 … │"), OutputFormat.table.render(t, s))
        s.tableWidth = .columns(30)
        s.setLanguage(.sv)
        XCTAssertTrue(unfolded(s).contains("… 3 kolumner dolda (bransch, år, sysselsatta); `set width 0` visar alla"), unfolded(s))
        for f in [OutputFormat.markdown, .html, .csv, .json] {
            XCTAssertTrue(f.render(t, s).contains(f == .csv || f == .json ? "16" : long), f.name)
        }
        s.terminalColumns = 40
        s.tableWidth = .auto
        XCTAssertTrue(OutputFormat.table.render(t, s).contains("hidden") || OutputFormat.table.render(t, s).contains("dolda"))
        s.tableWidth = .unlimited
        XCTAssertTrue(OutputFormat.table.render(t, s).contains(long))
    }

    func testRowsZeroShowsEveryRow() {
        var s = RenderSettings()
        s.maxRows = 0
        let out = OutputFormat.table.render(table, s)
        XCTAssertTrue(out.contains("SE322") && !out.contains("more rows"), out)
    }

    func testCSVUsesCodesExactNumbersAndEmptyForMissing() {
        XCTAssertEqual(OutputFormat.csv.render(table, RenderSettings()),
                       "region,year,employment,lq\nSE213,2023,12345,1.23456\nSE322,2023,,0.5\n")
    }

    func testJSON() {
        XCTAssertEqual(OutputFormat.json.render(table, RenderSettings()), """
        {"columns": ["region", "year", "employment", "lq"],
         "rows": [
          {"region": "SE213", "year": 2023, "employment": 12345, "lq": 1.23456},
          {"region": "SE322", "year": 2023, "employment": null, "lq": 0.5}
         ],
         "footer": ["LQ vs test"]}

        """)
    }

    func testMarkdown() {
        XCTAssertEqual(OutputFormat.markdown.render(table, RenderSettings()), """
        | region | year | employment (persons) | lq |
        |:---|---:|---:|---:|
        | SE213 Kalmar län | 2023 | 12,345 | 1.235 |
        | SE322 | 2023 | – | 0.500 |

        *LQ vs test*

        """)
    }

    func testFixedFormattingRoundsHalfAway() {
        XCTAssertEqual(NumberFormatting.fixed(1234567.125, decimals: 2), "1,234,567.13")
        XCTAssertEqual(NumberFormatting.fixed(-0.004, decimals: 2), "0.00")
        XCTAssertEqual(NumberFormatting.fixed(999.9996, decimals: 3), "1,000.000")
        XCTAssertEqual(NumberFormatting.exact(3.0), "3")
        XCTAssertEqual(NumberFormatting.exact(0.1), "0.1")
    }

    /// CSV and JSON written piece by piece are byte for byte what one String would be, every
    /// piece ends at a row's end (so each is valid UTF-8 on its own), and numbers written
    /// digit by digit match `NumberFormatting.exact`.
    func testStreamedMachineFormatsEqualTheWholeTextAndSplitAtRows() throws {
        let n = 5000
        let labels = (0..<50).map { "R\($0),\"å\"" }
        let d = Dimension(name: "region", role: .region, labels: labels, names: labels.map { _ in nil })
        func value(_ i: Int) -> Double {
            let x = Double(i)
            let kinds: [Double] = [x, -x * 1e9, 0.1 * x, .nan, 1e15 + x, -0.0, 123456789012345]
            return kinds[i % 7]
        }
        let values = (0..<n).map(value)
        let t = Table(columns: [Column("region", .coded(CodeColumn((0..<n).map { Int32($0 % 50) }), d), kind: .key),
                                Column("note", .text((0..<n).map { "n\($0)\nä" })),
                                Column("value", .number(values))], footer: ["f"])
        for format in [OutputFormat.csv, .json] {
            var pieces: [[UInt8]] = []
            let sink = ByteSink(threshold: 1000) { b in pieces.append(Array(b)) }
            try format.write(t, RenderSettings(), to: sink)
            try sink.flush()
            XCTAssertGreaterThan(pieces.count, 50, format.name)
            XCTAssertEqual(String(decoding: pieces.joined(), as: UTF8.self), format.render(t, RenderSettings()), format.name)
            for p in pieces.dropLast() { XCTAssertEqual(p.last, format == .csv ? 10 : 125, "\(format.name): a piece ends with a row") }
        }
        for v in [0.0, -0.0, 7, -7, 999_999_999_999_999, -999_999_999_999_999, 1e15, 0.5, -2.25, 1e-7, 12345678.9] {
            let sink = ByteSink()
            sink.appendExact(v)
            XCTAssertEqual(sink.text, NumberFormatting.exact(v), "\(v)")
        }
    }

    /// A write that fails midway (here: Ctrl-C) leaves the old file and no temporary one.
    func testAFailedStreamingWriteLeavesTheTargetAsItWas() throws {
        let path = Fixture.write("kept.csv", "old\n")
        XCTAssertThrowsError(try FileIO.write(path) { (emit) throws(Diagnostic) in
            try Array("new,partial\n".utf8).withUnsafeBufferPointer { (b) throws(Diagnostic) in try emit(b) }
            throw Diagnostic.interrupted
        })
        XCTAssertEqual(try FileIO.readText(path), "old\n")
        let folder = String(path[..<path.lastIndex(of: "/")!])
        XCTAssertFalse(FileIO.list(folder).contains { $0.name.hasPrefix(".kept.csv.spets-") }, "no temporary file is left")
    }

    func testAWriteNeverGoesThroughAPlantedSymlink() throws {
        let target = Fixture.write("victim.txt", "precious\n")
        let folder = String(target[..<target.lastIndex(of: "/")!])
        let out = folder + "/planted.csv"
        unlink(out)
        XCTAssertEqual(symlink(target, out), 0)
        try FileIO.write(out, "a,b\n")
        XCTAssertEqual(try FileIO.readText(target), "precious\n", "the symlink's target is untouched")
        XCTAssertEqual(try FileIO.readText(out), "a,b\n", "the link itself was replaced by the new file")
    }

    func testExportedCSVTextCannotBeAFormula() {
        let t = Table(columns: [Column("name", .text(["=cmd|' /C calc'!A0", "+1", "-", "@SUM(A1)", "Kalmar"])), Column("x", .number([-1, 2, 3, 4, 5]))])
        var s = RenderSettings()
        s.inertFormulas = true
        XCTAssertEqual(OutputFormat.csv.render(t, s), "name,x\n'=cmd|' /C calc'!A0,-1\n'+1,2\n'-,3\n'@SUM(A1),4\nKalmar,5\n")
        XCTAssertEqual(OutputFormat.csv.render(t, RenderSettings()).split(separator: "\n")[1], "=cmd|' /C calc'!A0,-1", "stdout CSV is the data as it is")
        let md = OutputFormat.markdown.render(Table(columns: [Column("label", .text(["<script>alert(1)</script>"]))]), RenderSettings())
        XCTAssertFalse(md.contains("<script>"), md)
    }
}
