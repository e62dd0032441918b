// DecompositionTests.swift — shift-share, growth, productivity, gap and firm dynamics against
// the golden values; identities on random panels; zero bases, entry and exit, missing cells.
import XCTest
@testable import SpetsCore

final class DecompositionTests: XCTestCase {
    let registry = Registry()
    func cube() throws -> Cube { try CSVLoader.load(path: WorkedExample.panelPath(), name: "w") }
    var nb: Int32 { 0 }

    func col(_ t: Table, _ name: String) -> [Double] {
        guard let i = t.columnIndex(name), case .number(let v) = t.columns[i].values else { XCTFail("no \(name)"); return [] }
        return v
    }
    func close(_ a: [Double], _ b: [Double], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, what, file: file, line: line)
        for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: max(abs(y) * 1e-9, 1e-12), what, file: file, line: line) }
    }
    func ss(_ method: ShiftShareMethod = .classic, _ ref: Reference = .levelSum, from: Int = 2015, to: Int = 2022) throws -> Table {
        var q = ShiftShareRequest(measure: 0, from: from, to: to)
        q.regions = [nb]; q.method = method; q.reference = ref
        return try ShiftShare.compute(try cube(), q, registry: registry)
    }

    func testClassicShiftShare() throws {
        let t = try ss()
        XCTAssertEqual(t.columns.map(\.name), ["industry", "base", "end", "national_share", "industry_mix", "regional_shift", "change"])
        let g = GoldenDecomposition.self
        close(col(t, "national_share"), g.ns + [g.totals.ns], "NS")
        close(col(t, "industry_mix"), g.im + [g.totals.im], "IM")
        close(col(t, "regional_shift"), g.rs + [g.totals.rs], "RS")
        close(col(t, "change"), g.change + [g.totals.change], "change")
        XCTAssertTrue(t.footer.contains { $0.hasPrefix("identity: national share + industry mix + regional shift = change holds") })
    }

    func testVsRestDynamicGerfinEsteban() throws {
        let g = GoldenDecomposition.self
        let rest = try ss(.classic, .rest)
        close([col(rest, "national_share").last!, col(rest, "industry_mix").last!, col(rest, "regional_shift").last!],
              [g.totalsRest.ns, g.totalsRest.im, g.totalsRest.rs], "vs rest")
        let dyn = try ss(.dynamic)
        close([col(dyn, "national_share").last!, col(dyn, "industry_mix").last!, col(dyn, "regional_shift").last!],
              [g.dynamic.ns, g.dynamic.im, g.dynamic.rs], "dynamic")
        let ger = try ss(.gerfin)
        close([col(ger, "structural_factor").last!, col(ger, "regional_factor").last!], [g.gerfin.structural, g.gerfin.regional], "gerfin")
        let em = try ss(.esteban)
        close(Array(col(em, "homothetic").prefix(5)), g.homothetic, "homothetic")
        close(Array(col(em, "competitive").prefix(5)), g.competitive, "competitive")
        close(Array(col(em, "allocation").prefix(5)), g.allocation, "allocation")
    }

    func testProductivityMethods() throws {
        let g = GoldenDecomposition.self
        var q = ProductivityRequest(valueAdded: 1, employment: 0, from: 2015, to: 2022)
        q.regions = [nb]
        let t = try Productivity.compute(try cube(), q, registry: registry)
        XCTAssertEqual(t.columns.map(\.name), ["industry", "within", "static_shift", "dynamic_shift", "entry_exit", "p0", "p1"])
        close(Array(col(t, "within").prefix(5)), g.within, "within")
        close(Array(col(t, "static_shift").prefix(5)), g.staticShift, "static")
        close(Array(col(t, "dynamic_shift").prefix(5)), g.dynamicShift, "dynamic")
        close([col(t, "p0").last!, col(t, "p1").last!], [g.p0, g.p1], "P0, P1")
        q.method = .twoTerm
        let two = try Productivity.compute(try cube(), q, registry: registry)
        close([col(two, "within").last!, col(two, "structural").last!], [g.twoTerm.within, g.twoTerm.structural], "two-term")
        q.method = .lmdi
        let l = try Productivity.compute(try cube(), q, registry: registry)
        close([col(l, "within").last!, col(l, "structural").last!, col(l, "within_log").last!, col(l, "structural_log").last!],
              [g.lmdi.within, g.lmdi.structural, g.lmdi.withinLog, g.lmdi.structuralLog], "lmdi")
    }

    func testGrowthAccounting() throws {
        let g = GoldenDecomposition.self
        var q = GrowthRequest(valueAdded: 1, employment: 0, from: 2015, to: 2022)
        q.regions = [nb]
        let t = try GrowthAccounting.compute(try cube(), q, registry: registry)
        close(col(t, "dln_va"), g.dlnVA + [g.growthTotal.dlnVA], "dln VA")
        close(col(t, "dln_emp"), g.dlnL + [g.growthTotal.dlnL], "dln L")
        close([col(t, "emp_share").last!, col(t, "productivity_share").last!], [g.growthTotal.shareL, g.growthTotal.shareP], "shares")
    }

    func testGap() throws {
        let g = GoldenDecomposition.self
        var q = GapRequest(valueAdded: 1, employment: 0, year: 2022)
        q.regions = [nb]
        let t = try ProductivityGap.compute(try cube(), q, registry: registry)
        close([col(t, "industry_mix").last!, col(t, "within_differential").last!, col(t, "allocative").last!, col(t, "p_region").last!, col(t, "p_reference").last!],
              [g.gap.mix, g.gap.differential, g.gap.allocative, g.gap.pr, g.gap.pn], "three-term gap")
        q.method = .twoTerm
        let two = try ProductivityGap.compute(try cube(), q, registry: registry)
        close([col(two, "industry_mix").last!, col(two, "within_differential").last!], [g.gap.mix, g.gap.differentialRegional], "two-term gap")
    }

    func testFirmDynamics() throws {
        let g = GoldenDecomposition.self
        let f = try CSVLoader.load(path: g.firmsFile, name: "f")
        XCTAssertEqual(f.region.labels, ["ALL"], "a firm panel without regions")
        XCTAssertEqual(f.extras.map(\.name), ["firm"])
        let mp = try FirmDynamics.compute(f, DynamicsRequest(productivity: 1, weight: 0, from: 2015, to: 2022))
        close(col(mp, "value"), [g.mp.mean, g.mp.cov, g.mp.entry, g.mp.exit, g.mp.total], "Melitz-Polanec")
        XCTAssertTrue(mp.footer.contains("firms: 4 survivors, 1 entrants, 1 exiters"), "\(mp.footer)")
        var q = DynamicsRequest(productivity: 1, weight: 0, from: 2015, to: 2022)
        q.method = .fhk
        close(Array(col(try FirmDynamics.compute(f, q), "value").prefix(5)), [g.fhk.within, g.fhk.between, g.fhk.cross, g.fhk.entry, g.fhk.exit], "FHK")
    }

    /// Zero base (C11): an industry new to the region counts in full in the regional shift.
    func testZeroBaseAndEntryExit() throws {
        let csv = "region,industry,year,emp,va\nA,X,2020,0,0\nA,Y,2020,10,20\nA,X,2021,5,15\nA,Y,2021,0,0\nB,X,2020,10,10\nB,Y,2020,10,10\nB,X,2021,12,12\nB,Y,2021,10,10\n"
        let c = try CSVLoader.load(path: Fixture.write("zero-base.csv", csv), name: "z")
        var q = ShiftShareRequest(measure: 0, from: 2020, to: 2021)
        q.regions = [0]
        let t = try ShiftShare.compute(c, q, registry: registry)
        XCTAssertEqual(col(t, "regional_shift")[0], 5, "a new industry is all regional shift")
        XCTAssertEqual(col(t, "national_share")[0], 0)
        var p = ProductivityRequest(valueAdded: 1, employment: 0, from: 2020, to: 2021)
        p.regions = [0]
        let pt = try Productivity.compute(c, p, registry: registry)
        // P0 = 20/10 = 2, P1 = 15/5 = 3: entrant X +3, exiter Y −2.
        close(col(pt, "entry_exit"), [3, -2, 1], "entry/exit")
        p.method = .lmdi
        XCTAssertThrowsError(try Productivity.compute(c, p, registry: registry)) { e in
            XCTAssertTrue((e as! Diagnostic).message.hasPrefix("LMDI needs every industry with employment and value added in both years; A lacks them for X, Y"))
        }
    }

    /// On random panels: every decomposition adds up; the dynamic model over one period is the
    /// classic one; Esteban's competitive + allocation = regional shift.
    func testIdentitiesOnRandomPanels() throws {
        var rng = SplitMix(seed: 2030)
        for trial in 0..<20 {
            let nR = 2 + Int(rng.next() % 4), nI = 2 + Int(rng.next() % 6)
            var csv = "region,industry,year,emp,va\n"
            for r in 0..<nR { for i in 0..<nI { for y in 2019...2021 {
                let e = rng.next() % 7 == 0 ? 0 : 1 + rng.next() % 500
                csv += "R\(r),I\(i),\(y),\(e),\(Double(e) * Double(1 + rng.next() % 300) / 100)\n"
            } } }
            let c = try CSVLoader.load(path: Fixture.write("rand\(trial).csv", csv), name: "r")
            for method in ShiftShareMethod.allCases {
                var q = ShiftShareRequest(measure: 0, from: 2019, to: 2021)
                q.method = method
                let t = try ShiftShare.compute(c, q, registry: registry)
                XCTAssertTrue(t.footer.allSatisfy { !$0.hasPrefix("IDENTITY FAILED") }, "trial \(trial) \(method): \(t.footer)")
                let ns = col(t, "national_share"), im = col(t, "industry_mix"), rs = col(t, "regional_shift"), ch = col(t, "change")
                for k in ns.indices where !ns[k].isNaN { XCTAssertEqual(ns[k] + im[k] + rs[k], ch[k], accuracy: 1e-9 * max(1, abs(ch[k]))) }
                if method == .esteban {
                    let comp = col(t, "competitive"), alloc = col(t, "allocation")
                    for k in rs.indices where !rs[k].isNaN { XCTAssertEqual(comp[k] + alloc[k], rs[k], accuracy: 1e-9 * max(1, abs(rs[k]))) }
                }
            }
            var one = ShiftShareRequest(measure: 0, from: 2020, to: 2021)
            let classic = try ShiftShare.compute(c, one, registry: registry)
            one.method = .dynamic
            let dynamic = try ShiftShare.compute(c, one, registry: registry)
            for n in ["national_share", "industry_mix", "regional_shift"] {
                let a = col(classic, n), b = col(dynamic, n)
                for k in a.indices where !a[k].isNaN { XCTAssertEqual(a[k], b[k], accuracy: 1e-9 * max(1, abs(a[k]))) }
            }
            for m in [ProductivityMethod.threeTerm, .twoTerm] {
                var p = ProductivityRequest(valueAdded: 1, employment: 0, from: 2019, to: 2021)
                p.method = m
                let t = try Productivity.compute(c, p, registry: registry)
                XCTAssertTrue(t.footer.contains { $0.hasPrefix("identity:") && $0.contains("holds") }, "trial \(trial) \(m): \(t.footer)")
            }
            let gap = try ProductivityGap.compute(c, GapRequest(valueAdded: 1, employment: 0, year: 2021), registry: registry)
            XCTAssertTrue(gap.footer.contains { $0.hasPrefix("identity:") && $0.contains("holds") }, "trial \(trial): \(gap.footer)")
        }
    }

    func testEveryRegionWithoutFor() throws {
        let t = try ShiftShare.compute(try cube(), ShiftShareRequest(measure: 0, from: 2015, to: 2022), registry: registry)
        XCTAssertEqual(t.columns.first?.name, "region")
        XCTAssertEqual(t.rowCount, 4 * 6, "four blocks of five industries and TOTAL")
        // Σ over regions of the industry mix is zero (the reference is their sum).
        let im = col(t, "industry_mix")
        XCTAssertEqual(stride(from: 5, to: im.count, by: 6).reduce(0.0) { $0 + im[$1] }, 0, accuracy: 1e-9)
    }

    func testPricesWarning() throws {
        let csv = "# unit va: MSEK, current prices\nregion,industry,year,emp,va\nA,X,2020,1,1\nA,X,2021,1,2\nB,X,2020,1,1\nB,X,2021,1,1\n"
        let c = try CSVLoader.load(path: Fixture.write("prices.csv", csv), name: "p")
        let t = try GrowthAccounting.compute(c, GrowthRequest(valueAdded: 1, employment: 0, from: 2020, to: 2021), registry: registry)
        XCTAssertTrue(t.footer.contains("WARNING: va is in current prices: its change mixes price and volume change"), "\(t.footer)")
        let c2 = try CSVLoader.load(path: Fixture.write("prices2.csv", "region,industry,year,emp,va\nA,X,2020,1,1\nA,X,2021,1,2\n"), name: "p",
                                    options: LoadOptions(prices: ["va": "constant 2019"]))
        XCTAssertEqual(c2.measures[1].prices, "constant 2019")
    }
}
