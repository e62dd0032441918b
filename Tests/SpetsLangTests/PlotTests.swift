// PlotTests.swift — `plot` and `chart` through the language: every source a table comes
// from, the options, the errors (with carets), and the files written.
import Foundation
import XCTest
@testable import SpetsCore
@testable import SpetsLang

final class PlotTests: XCTestCase {
    let demo = Repo.root + "/datasets/demo-counties.csv"

    func testPlotWritesDeterministicSVGFromVerbsCommandsAndPipes() throws {
        let h = try Harness()
        h.run("load \"\(demo)\" as se")
        let statements = [
            "plot portfolio se.employment from 2010 to 2023 for Kalmar as bubble log to \"A\"",
            "plot lq se.employment in 2023 for Kalmar | sort lq desc | top 10 as bars title \"Kalmar\" to \"A\"",
            "plot shiftshare se.employment from 2013 to 2023 | where industry = \"TOTAL\" as stacked to \"A\"",
            "plot opportunities Kalmar on se.employment in 2023 as quadrant to \"A\"",
            "plot lorenz se.employment in 2023 industry 16 as lorenz to \"A\"",
            "plot lq se.employment in 2023 as heatmap to \"A\"",
            "plot project se.employment for Kalmar to 2030 method trend as line to \"A\"",
        ]
        for (k, st) in statements.enumerated() {
            let path = Repo.tmp + "/plot-\(k).svg"
            let out = h.run(st.replacingOccurrences(of: "\"A\"", with: "\"\(path)\""))
            XCTAssertTrue(out.hasPrefix("plotted "), "\(st): \(out)")
            let first = try String(contentsOfFile: path, encoding: .utf8)
            h.run(st.replacingOccurrences(of: "\"A\"", with: "\"\(path)\""))
            XCTAssertEqual(first, try String(contentsOfFile: path, encoding: .utf8), "same statement, same bytes: \(st)")
            XCTAssertTrue(first.hasSuffix("</svg>\n"))
        }
        XCTAssertEqual(h.runner.failures, 0, h.out.errors)
        let bars = try String(contentsOfFile: Repo.tmp + "/plot-1.svg", encoding: .utf8)
        XCTAssertTrue(bars.contains(">Kalmar</text>"), "the title option")
    }

    func testGoalMarkerAndSwedishLabels() throws {
        let h = try Harness()
        h.run("load \"\(demo)\" as se\nindicator emp = se.employment\ngoal g1: emp for Kalmar >= 140000 by 2030\nset lang sv")
        let path = Repo.tmp + "/goal.svg"
        h.run("plot project emp for Kalmar to 2030 as line goal g1 to \"\(path)\"")
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(svg.contains("mål g1: ≥ 140\u{00A0}000 år 2030"), "goal marker in Swedish, with Swedish numbers (set lang sv)")
        XCTAssertTrue(svg.contains(">år</text>"), "axis title in Swedish")
        XCTAssertEqual(h.runner.failures, 0, h.out.errors)
    }

    func testErrors() throws {
        let h = try Harness()
        h.run("load \"\(demo)\" as se")
        func under(_ source: String, _ part: String) -> String {
            let r = source.range(of: part)!
            return String(repeating: " ", count: source.distance(from: source.startIndex, to: r.lowerBound)) + String(repeating: "^", count: part.count)
        }
        var st = "plot lq se.employment in 2023 as bubles to \"x.svg\""
        try assertDiagnostic(st, under(st, "bubles"),
                             "unknown chart kind `bubles`", in: h)
        XCTAssertTrue(h.run("plot lq se.employment in 2023 as bubles to \"x.svg\"").contains("did you mean `bubble`"))
        try assertDiagnostic("plot lq se.employment in 2023 to \"x.svg\"", "                              ^^", "expected `as KIND` after what to plot, found `to`", in: h)
        try assertDiagnostic("plot lq se.employment in 2023 as bars", "^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
                             "`plot` needs a file here: add `to \"FILE.svg\"`", in: h)
        st = "plot lq se.employment in 2023 as bars to \"x.png\""
        try assertDiagnostic(st, under(st, "\"x.png\""),
                             "charts are written as SVG: the file name must end in .svg", in: h)
        try assertDiagnostic("plot load \"a.csv\" as x as bars", "     ^^^^^^^^^^^^^^^^^", "`plot` draws a result table; `load` does not give one", in: h)
        try assertDiagnostic("plot lq se.employment in 2023 as stacked to \"x.svg\"", "                                 ^^^^^^^",
                             "a stacked chart needs a decomposition (shiftshare, productivity, gap, growth): this table does not say which columns add up", in: h)
        st = "plot project se.employment for Kalmar to 2030 as line goal nope to \"x.svg\""
        try assertDiagnostic(st, under(st, "nope"),
                             "no goal `nope`", in: h)
        try assertDiagnostic("plot lq se.employment in 2023 as bars log log to \"x.svg\"", "                                          ^^^", "`log` is given twice", in: h)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "x.svg"))
    }

    func testChartInTheTerminal() throws {
        let h = try Harness()
        h.session.settings.width = 60
        h.run("load \"\(demo)\" as se")
        let bars = h.run("chart lq se.employment in 2023 for Kalmar | sort lq desc | top 3")
        let lines = bars.split(separator: "\n")
        XCTAssertEqual(lines.count, 4, bars)
        XCTAssertTrue(lines.dropLast().allSatisfy { Text.width(String($0)) <= 60 }, "fits the width")
        XCTAssertTrue(lines[0].hasSuffix("4.154") && lines[0].contains("█"), bars)
        let spark = h.run("chart project se.employment for Kalmar to 2030")
        XCTAssertTrue(spark.contains("▁") && spark.contains("2014 120,331.00 → 2030 141,039.92"), spark)
        XCTAssertEqual(h.runner.failures, 0, h.out.errors)
    }

    func testCompletion() throws {
        let h = try Harness()
        h.run("load \"\(demo)\" as se")
        let c = Completer(session: h.session)
        XCTAssertEqual(c.complete("plot lq se.employment in 2023 as b").candidates, ["bubble", "bars"])
        XCTAssertEqual(c.complete("plot lq se.employment in 2023 as bars t").candidates, ["title", "to"])
        XCTAssertTrue(c.complete("pl").candidates.contains("plot"))
    }

    func testHelpListsKindsAndOptions() throws {
        let h = try Harness()
        let help = h.run("help plot")
        for k in ChartKind.all { XCTAssertTrue(help.contains("  \(k.name)"), k.name) }
        for o in PlotOptions.all { XCTAssertTrue(help.contains("  \(o.keyword)"), o.keyword) }
    }
}
