// ProjectionTests.swift — projections against C9 and hand-computed values; bands that widen;
// scenarios; goals reached, on and off track; windows with gaps; errors.
import XCTest
@testable import SpetsCore

final class ProjectionTests: XCTestCase {
    let registry = Registry()
    func cube() throws -> Cube { try CSVLoader.load(path: WorkedExample.panelPath(), name: "w") }
    func col(_ t: Table, _ n: String) -> [Double] {
        guard let i = t.columnIndex(n), case .number(let v) = t.columns[i].values else { XCTFail("no \(n)"); return [] }
        return v
    }
    func request(_ kind: IndicatorSpec.Kind, _ method: ProjectionMethod, window: ClosedRange<Int>? = 2015...2022) throws -> ProjectionRequest {
        let c = try cube()
        let spec = IndicatorSpec(kind: kind, cube: c, measure: kind == .ratio ? 1 : 0, denominator: kind == .ratio ? 0 : nil, text: "x")
        var q = ProjectionRequest(spec: spec, region: 0, to: 2030)
        q.window = window
        q.method = method
        return q
    }

    func testC9() throws {
        let cagr = try Projection.compute(try request(.ratio, .cagr), registry: registry)
        XCTAssertEqual(col(cagr, "value").last!, 2.24864911251704, accuracy: 1e-9)
        let trend = try Projection.compute(try request(.measure, .trend), registry: registry)
        XCTAssertEqual(col(trend, "value").last!, 24097.2972972967, accuracy: 1e-6)
        let ss = try Projection.compute(try request(.measure, .shiftshare), registry: registry)
        XCTAssertEqual(col(ss, "value").last!, 24387.4444458091, accuracy: 1e-6)
        XCTAssertEqual(cagr.columns.map(\.name), ["region", "year", "value", "lower", "upper", "kind"])
    }

    func testTrendByHandAndBandsWiden() throws {
        // 18000, 19800, 20800 in 2015, 2019, 2022: OLS slope and prediction band by hand.
        let t: [Double] = [2015, 2019, 2022], y: [Double] = [18000, 19800, 20800]
        let tbar = t.reduce(0, +) / 3, ybar = y.reduce(0, +) / 3
        let sxx = t.reduce(0) { $0 + ($1 - tbar) * ($1 - tbar) }
        let b = zip(t, y).reduce(0) { $0 + ($1.0 - tbar) * ($1.1 - ybar) } / sxx
        let a = ybar - b * tbar
        let rss = zip(t, y).reduce(0.0) { let e = $1.1 - (a + b * $1.0); return $0 + e * e }
        let s = (rss / 1).squareRoot()
        let tr = try Projection.compute(try request(.measure, .trend), registry: registry)
        let v = col(tr, "value"), lo = col(tr, "lower"), hi = col(tr, "upper")
        XCTAssertEqual(v.last!, a + b * 2030, accuracy: 1e-6)
        XCTAssertEqual(hi.last! - v.last!, 1.96 * s * (1 + 1.0 / 3 + (2030 - tbar) * (2030 - tbar) / sxx).squareRoot(), accuracy: 1e-6)
        let widths = zip(lo, hi).map { $1 - $0 }.filter { !$0.isNaN }
        XCTAssertEqual(widths.count, 8)
        for k in 1..<widths.count { XCTAssertGreaterThan(widths[k], widths[k - 1], "the band widens with the horizon") }
        let log = try Projection.compute(try request(.measure, .logtrend), registry: registry)
        let lw = zip(col(log, "lower"), col(log, "upper")).map { $1 - $0 }.filter { !$0.isNaN }
        XCTAssertGreaterThan(lw.last!, lw.first!)
    }

    func testWindowDefaultsAndErrors() throws {
        let all = try Projection.compute(try request(.measure, .cagr, window: nil), registry: registry)
        XCTAssertTrue(all.footer[0].contains("base window 2015–2022 (3 observed years, the last 10 by default)"), all.footer[0])
        XCTAssertThrowsError(try Projection.compute(try request(.measure, .cagr, window: 2016...2018), registry: registry)) { e in
            XCTAssertTrue((e as! Diagnostic).message.hasPrefix("the window 2016..2018 has 0 observed years"))
        }
        var past = try request(.measure, .cagr)
        past.to = 2020
        XCTAssertThrowsError(try Projection.compute(past, registry: registry)) { e in
            XCTAssertEqual((e as! Diagnostic).message, "the target year 2020 is not after the last observed year 2022")
        }
    }

    func testScenarioOverridesNamedIndustries() throws {
        var q = try request(.measure, .cagr)
        let ict = Area(name: "ICT", members: ["ICT"], definition: "")
        q.scenarios = [Scenario(name: "ict", overrides: [ScenarioOverride(area: ict, rate: 0.10, from: 2026)], definition: "")]
        let t = try Projection.compute(q, registry: registry)
        let scen = t.columns[0]
        XCTAssertEqual(scen.name, "scenario")
        let v = col(t, "value"), rows = (0..<t.rowCount).filter { scen.machineText($0) == "ict" && t.columns[6].machineText($0) == "projected" }
        // ICT: 2000 → 2600 over 2015–22 (CAGR), continued to 2025, then +10 %/yr for 2026–2030.
        let gICT = pow(2600.0 / 2000, 1.0 / 7) - 1
        let ict2030 = 2600 * pow(1 + gICT, 3) * pow(1.10, 5)
        let rest = [7500.0, 2600, 4800, 3300].reduce(0, +), rest0 = [6000.0, 3000, 4000, 3000].reduce(0, +)
        let rest2030 = rest * pow(rest / rest0, 8.0 / 7)
        XCTAssertEqual(v[rows.last!], ict2030 + rest2030, accuracy: 1e-6)
    }

    func testGoals() throws {
        let c = try cube()
        let spec = IndicatorSpec(kind: .ratio, cube: c, measure: 1, denominator: 0, text: "p")
        let off = try Goals.status(Goal(name: "prod", spec: spec, region: 0, direction: .atLeast, target: 2.39158653846154, year: 2030, definition: ""), registry: registry)
        XCTAssertEqual(off.required, 0.0282855942978897, accuracy: 1e-12)
        XCTAssertEqual(off.trend, 0.0203947150006798, accuracy: 1e-12)
        XCTAssertEqual(off.projected, 2.24864911251704, accuracy: 1e-9)
        XCTAssertEqual(off.status, "off track")
        let on = try Goals.status(Goal(name: "p", spec: spec, region: 0, direction: .atLeast, target: 2.2, year: 2030, definition: ""), registry: registry)
        XCTAssertEqual(on.status, "on track")
        let reached = try Goals.status(Goal(name: "p", spec: spec, region: 0, direction: .atLeast, target: 1.5, year: 2030, definition: ""), registry: registry)
        XCTAssertEqual(reached.status, "reached")
        let below = try Goals.status(Goal(name: "p", spec: spec, region: 0, direction: .atMost, target: 1.5, year: 2030, definition: ""), registry: registry)
        XCTAssertEqual(below.status, "off track")
        XCTAssertThrowsError(try Goals.status(Goal(name: "old", spec: spec, region: 0, direction: .atLeast, target: 2, year: 2020, definition: ""), registry: registry)) { e in
            XCTAssertEqual((e as! Diagnostic).message, "goal old: the target year 2020 is not after the latest observed year 2022")
        }
    }

    func testShareThroughItsComponents() throws {
        let c = try cube()
        let area = Area(name: "prim", members: ["MIN", "WOOD"], definition: "")
        let spec = IndicatorSpec(kind: .share, cube: c, measure: 0, area: area, text: "share")
        var q = ProjectionRequest(spec: spec, region: 0, to: 2030)
        q.window = 2015...2022
        let t = try Projection.compute(q, registry: registry)
        let num = 10100 * pow(10100.0 / 9000, 8.0 / 7), den = 20800 * pow(20800.0 / 18000, 8.0 / 7)
        XCTAssertEqual(col(t, "value").last!, num / den, accuracy: 1e-12)
        XCTAssertTrue(t.footer.contains { $0.hasPrefix("the share is projected through its numerator and denominator") })
    }

    /// Region × year data with an extra dimension: several units are refused, a summable
    /// dimension is summed, a named total is used alone.
    func testRegionYearSeriesRespectExtraDimensions() throws {
        func cube(_ extra: SpetsCore.Dimension) -> Cube {
            Cube(name: "r", source: "s", region: SpetsCore.Dimension(name: "region", role: .region, labels: ["SE213"]), industry: nil,
                 extras: [extra], regionCodes: [0, 0, 0], industryCodes: [], years: [2020, 2020, 2020], extraCodes: [[0, 1, 2]],
                 measures: [Measure(name: "x", values: [1, 2, 3])])
        }
        let plain = cube(SpetsCore.Dimension(name: "unit", role: .extra, labels: ["THS", "PC", "NR"]))
        XCTAssertThrowsError(try IndicatorData.series(IndicatorSpec(kind: .measure, cube: plain, measure: 0, text: "x"), region: 0, registry: Registry())) { e in
            XCTAssertEqual((e as! Diagnostic).message, "dataset r has several values of `unit` for SE213: THS, PC, NR")
        }
        let summed = cube(SpetsCore.Dimension(name: "sex", role: .extra, labels: ["m", "f", "x"], summable: true))
        XCTAssertEqual(try IndicatorData.series(IndicatorSpec(kind: .measure, cube: summed, measure: 0, text: "x"), region: 0, registry: Registry())[0].total, [6])
        let total = cube(SpetsCore.Dimension(name: "sex", role: .extra, labels: ["m", "f", "totalt"], total: 2))
        XCTAssertEqual(try IndicatorData.series(IndicatorSpec(kind: .measure, cube: total, measure: 0, text: "x"), region: 0, registry: Registry())[0].total, [3])
    }
}
