// RendererTests.swift — the four output formats on one small table.
import XCTest
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
}
