// GoalTests.swift — indicators, scenarios, goals, projections and reports through the
// language: parsing, errors with carets, persistence, determinism.
import XCTest
@testable import SpetsCore
@testable import SpetsLang

final class GoalTests: XCTestCase {
    var panel: String { Repo.root + "/Tests/Fixtures/worked-panel.csv" }

    func testC9StatementsAsWritten() throws {
        let h = try Harness(format: .csv)
        h.run("load \"\(panel)\" as w")
        let p = h.run("project w.value_added per w.employment for NB to 2030 from 2015..2022 method cagr")
        XCTAssertTrue(p.hasSuffix("NB,2030,2.248649112517042,,,projected\n"), p)
        h.run("goal prod: w.value_added per w.employment for NB >= 2.39159 by 2030")
        let g = h.run("goals")
        XCTAssertTrue(g.hasPrefix("goal,region,latest_year,latest,target,target_year,required_growth,trend_growth,projected,status\nprod,NB,2022,"), g)
        XCTAssertTrue(g.contains(",off track\n"))
        XCTAssertEqual(h.runner.failures, 0, h.out.errors)
    }

    func testIndicatorsScenariosAndGoalsPersistAndAreSaved() throws {
        let ws = Repo.tmp + "/goals-\(UUID().uuidString).spetsdb"
        do {
            let h = try Harness(workspace: ws)
            h.run("""
                load "\(panel)" as w
                area prim = industries MIN, WOOD
                indicator primshare = share w.employment of prim
                scenario boom: growth ICT +5%/yr from 2025, growth prim -1%/yr
                goal share: primshare for NB >= 55% by 2030
                """)
            XCTAssertEqual(h.runner.failures, 0, h.out.errors)
        }
        let h = try Harness(workspace: ws, format: .csv)
        XCTAssertEqual(Array(h.session.indicators.keys), ["primshare"])
        XCTAssertEqual(h.session.scenarioOrder, ["boom"])
        XCTAssertEqual(h.session.goals.map(\.name), ["share"])
        XCTAssertTrue(h.run("goals").contains("share,NB,2022,0.4855769230769231,0.55,2030,"))
        let out = h.run("project primshare for NB to 2030 scenario boom")
        XCTAssertTrue(out.hasPrefix("scenario,region,year,value,lower,upper,kind\nbase,NB,2015,"), out)
        XCTAssertTrue(out.contains("\nboom,NB,2030,"))
        let script = Repo.tmp + "/goals.spets"
        h.run("save \"\(script)\"")
        let saved = try String(contentsOfFile: script, encoding: .utf8)
        XCTAssertTrue(saved.contains("goal share: primshare for NB >= 55% by 2030\n"), saved)
    }

    func testErrors() throws {
        let h = try Harness()
        h.run("load \"\(panel)\" as w")
        try assertDiagnostic("goal g: w.employment for NB >= 30000 by 2020", String(repeating: "^", count: 44),
                             "goal g: the target year 2020 is not after the latest observed year 2022", in: h)
        try assertDiagnostic("scenario s: growth ICT 5/yr", "                       ^", "expected a growth rate such as +3%/yr, found `5`", in: h)
        try assertDiagnostic("project w.employment for NB to 2030 scenario nope", String(repeating: " ", count: 45) + "^^^^",
                             "no scenario `nope`", in: h)
        try assertDiagnostic("project share w.employment of nope for NB to 2030", "                              ^^^^", "no area `nope`", in: h)
        try assertDiagnostic("project unknown_ind for NB to 2030", "        ^^^^^^^^^^^", "no indicator `unknown_ind`", in: h)
        try assertDiagnostic("project w.employment for NB to 2030 factor 1", "                                    ^^^^^^^^",
                             "`factor` applies to `method shiftshare`", in: h)
        try assertDiagnostic("goal g: w.employment for NB = 3 by 2030", String(repeating: " ", count: 28) + "^", "expected >= or <= and a target, found `=`", in: h)
    }

    func testReportIsDeterministicUnlessDated() throws {
        let h = try Harness()
        h.run("load \"\(panel)\" as w\ngoal emp: w.employment for NB >= 25000 by 2030")
        let a = Repo.tmp + "/r1.md", b = Repo.tmp + "/r2.md", c = Repo.tmp + "/r.html"
        h.run("report \"\(a)\" for NB")
        h.run("report \"\(b)\" for NB")
        h.run("report \"\(c)\" for NB")
        XCTAssertEqual(h.runner.failures, 0, h.out.errors)
        let md = try String(contentsOfFile: a, encoding: .utf8)
        XCTAssertEqual(md.replacingOccurrences(of: "r1.files/", with: "r2.files/"), try String(contentsOfFile: b, encoding: .utf8))
        XCTAssertEqual(try String(contentsOfFile: Repo.tmp + "/r1.files/figure-1.svg", encoding: .utf8), try String(contentsOfFile: Repo.tmp + "/r2.files/figure-1.svg", encoding: .utf8))
        XCTAssertTrue(md.contains("| emp | NB | 2022 | 20,800 | 25,000 | 2030 | 2.3 | 2.1 | 24,537 | off track |"), md)
        XCTAssertTrue(md.hasPrefix("# Follow-up: NB\n"), md)
        for section in ["## Goals", "## Indicators", "## Specialisation 2022", "## Structural change 2015–2022 (shift-share, top 10)", "## Appendix: every row"] {
            XCTAssertTrue(md.contains(section), section)
        }
        let html = try String(contentsOfFile: c, encoding: .utf8)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>") && html.contains("<h2>Goals</h2>") && !html.contains("<script") && !html.contains("<link"))
        XCTAssertTrue(h.run("report \"x.pdf\" for NB").contains("a report is written as Markdown (.md) or HTML (.html)"))
    }
}
