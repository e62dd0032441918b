// CellRuleTests.swift — the population rule (methods.md "Which cells are used") as
// properties on random panels with missing cells, absent rows and absent regions: what must
// not change a result, the shift-share and Gerfin identities, and hand-checked cases.
import XCTest
@testable import SpetsCore

final class CellRuleTests: XCTestCase {
    let registry = RegistryTests.registry
    static let counties = ["SE110", "SE121", "SE122", "SE123", "SE124", "SE125", "SE211", "SE212", "SE213", "SE214"]
    /// 01, 02 and 03 are the whole of section A: an `A` row beside them is their aggregate.
    static let divisions = ["01", "02", "03", "10", "11", "16", "62"]
    static let years = [2015, 2020]

    struct Row { var region: String; var industry: String; var year: Int; var emp: Double?; var va: Double? }

    // MARK: panels

    func randomPanel(_ seed: UInt64) -> [Row] {
        var g = SplitMix(seed: seed)
        func u() -> Double { Double(g.next() >> 11) / Double(1 << 53) }
        var rows: [Row] = []
        for r in Self.counties {
            let absentIn2015 = u() < 0.12
            for y in Self.years {
                if y == 2015 && absentIn2015 { continue }
                for i in Self.divisions {
                    if u() < 0.06 { continue }   // an absent row
                    let e = (10 + u() * 990).rounded()
                    let v = (e * (0.5 + u()) * 10).rounded() / 10
                    rows.append(Row(region: r, industry: i, year: y, emp: u() < 0.08 ? nil : e, va: u() < 0.06 ? nil : v))
                }
            }
        }
        return rows
    }

    func csv(_ rows: [Row]) -> String {
        func f(_ x: Double?) -> String { x.map { NumberFormatting.exact($0) } ?? "" }
        return "region,industry,year,employment,value_added\n" + rows.map { "\($0.region),\($0.industry),\($0.year),\(f($0.emp)),\(f($0.va))\n" }.joined()
    }

    var fileCount = 0
    func load(_ rows: [Row]) throws -> Cube {
        fileCount += 1
        return try CSVLoader.load(path: Fixture.write("cellrule-\(fileCount).csv", csv(rows)), name: "p")
    }

    // MARK: the analyses, each with the frame it reads

    struct Analysis {
        let name: String
        let measures: [Int]
        let years: [Int]
        let run: (Cube, Registry) throws -> Table
    }

    var analyses: [Analysis] {
        [
            Analysis(name: "lq", measures: [0], years: [2020]) { c, reg in try LocationQuotient.compute(c, LQRequest(measure: 0, year: 2020), registry: reg) },
            Analysis(name: "specialisation", measures: [0], years: [2020]) { c, reg in try Specialisation.compute(c, SpecialisationRequest(measure: 0, year: 2020), registry: reg) },
            Analysis(name: "specialisation skip", measures: [0], years: [2020]) { c, reg in
                var q = SpecialisationRequest(measure: 0, year: 2020); q.missing = .skip
                return try Specialisation.compute(c, q, registry: reg)
            },
            Analysis(name: "localisation", measures: [0], years: [2020]) { c, reg in try Localisation.compute(c, LocalisationRequest(measure: 0, year: 2020), registry: reg) },
            Analysis(name: "localisation skip", measures: [0], years: [2020]) { c, reg in
                var q = LocalisationRequest(measure: 0, year: 2020); q.missing = .skip
                return try Localisation.compute(c, q, registry: reg)
            },
            Analysis(name: "shiftshare", measures: [0], years: [2015, 2020]) { c, reg in try ShiftShare.compute(c, ShiftShareRequest(measure: 0, from: 2015, to: 2020), registry: reg) },
            Analysis(name: "gerfin", measures: [0], years: [2015, 2020]) { c, reg in
                var q = ShiftShareRequest(measure: 0, from: 2015, to: 2020); q.method = .gerfin
                return try ShiftShare.compute(c, q, registry: reg)
            },
            Analysis(name: "esteban", measures: [0], years: [2015, 2020]) { c, reg in
                var q = ShiftShareRequest(measure: 0, from: 2015, to: 2020); q.method = .esteban
                return try ShiftShare.compute(c, q, registry: reg)
            },
            Analysis(name: "productivity", measures: [1, 0], years: [2015, 2020]) { c, reg in try Productivity.compute(c, ProductivityRequest(valueAdded: 1, employment: 0, from: 2015, to: 2020), registry: reg) },
            Analysis(name: "growth", measures: [1, 0], years: [2015, 2020]) { c, reg in try GrowthAccounting.compute(c, GrowthRequest(valueAdded: 1, employment: 0, from: 2015, to: 2020), registry: reg) },
            Analysis(name: "gap", measures: [1, 0], years: [2020]) { c, reg in try ProductivityGap.compute(c, GapRequest(valueAdded: 1, employment: 0, year: 2020), registry: reg) },
        ]
    }

    /// Rows by their key columns (codes), numbers by column name.
    func keyed(_ t: Table) -> [String: [String: Double]] {
        let keys = t.columns.indices.filter { t.columns[$0].kind == .key }
        var out: [String: [String: Double]] = [:]
        for row in 0..<t.rowCount {
            let k = keys.map { t.columns[$0].machineText(row) }.joined(separator: "|")
            var v: [String: Double] = [:]
            for c in t.columns where c.isNumeric && c.kind == .value { v[c.name] = c.number(row)! }
            out[k] = v
        }
        return out
    }

    func same(_ a: Double, _ b: Double) -> Bool { a == b || abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1) }

    /// Every number the original shows (finite) is shown unchanged; with `exact`, missing
    /// stays missing too.
    @discardableResult
    func assertKeeps(_ original: Table, _ changed: Table, exact: Bool, _ what: String, file: StaticString = #filePath, line: UInt = #line) -> Int {
        let a = keyed(original), b = keyed(changed)
        var checked = 0
        for (k, row) in a {
            for (name, v) in row {
                if v.isNaN && !exact { continue }
                guard let w = b[k]?[name] else { XCTFail("\(what): row \(k) is gone", file: file, line: line); return checked }
                if v.isNaN { XCTAssertTrue(w.isNaN, "\(what): \(k) \(name) was missing, is \(w)", file: file, line: line); continue }
                XCTAssertTrue(same(v, w), "\(what): \(k) \(name) \(v) became \(w)", file: file, line: line)
                checked += 1
            }
        }
        return checked
    }

    /// Over all seeds, each analysis must have had numbers to compare.
    func assertChecked(_ counts: [String: Int], file: StaticString = #filePath, line: UInt = #line) {
        for (name, n) in counts { XCTAssertGreaterThan(n, 10, "\(name): the comparison checked almost nothing", file: file, line: line) }
    }

    // MARK: (a) deleting every left-out cell changes no result

    func testDeletingLeftOutCellsChangesNoResult() throws {
        var counts: [String: Int] = [:]
        for seed in UInt64(1)...12 {
            let rows = randomPanel(seed)
            let cube = try load(rows)
            // Under `missing skip` a deleted cell becomes an absent one, which counts as zero:
            // whole-structure indices then change by design (methods.md), so skip is not here.
            for a in analyses where !a.name.hasSuffix("skip") {
                let frame = try CellFrame.build(cube, measures: a.measures, years: a.years, registry: registry)
                var drop = Set<String>()   // "region|industry"
                for r in 0..<frame.nR {
                    for i in 0..<frame.nI where !frame.isUsed(r, i) {
                        drop.insert(cube.region.labels[r] + "|" + cube.industry!.labels[i])
                    }
                }
                let kept = rows.filter { !drop.contains($0.region + "|" + $0.industry) }
                XCTAssertLessThan(kept.count, rows.count, "seed \(seed) \(a.name): the panel should leave something out")
                let before = try a.run(cube, registry), after = try a.run(try load(kept), registry)
                counts[a.name, default: 0] += assertKeeps(before, after, exact: false, "seed \(seed) \(a.name)")
            }
        }
        assertChecked(counts)
    }

    // MARK: (b) an aggregate row or a region at another level changes no result

    func testAggregatesAndOtherLevelsChangeNoResult() throws {
        var counts: [String: Int] = [:]
        for seed in UInt64(21)...30 {
            let rows = randomPanel(seed)
            var more = rows
            // A = 01 + 02 + 03 in each region and year (missing when a part is missing).
            let byRegionYear = Dictionary(grouping: rows.filter { ["01", "02", "03"].contains($0.industry) }) { "\($0.region)|\($0.year)" }
            for (_, parts) in byRegionYear.sorted(by: { $0.key < $1.key }) {
                func sum(_ k: KeyPath<Row, Double?>) -> Double? { parts.contains { $0[keyPath: k] == nil } ? nil : parts.reduce(0) { $0 + $1[keyPath: k]! } }
                more.append(Row(region: parts[0].region, industry: "A", year: parts[0].year, emp: sum(\.emp), va: sum(\.va)))
            }
            // The country (SE) and Småland (SE21) as sums of their counties; a copy of a county
            // at the national level's code is another level too.
            for (code, members) in [("SE", Self.counties), ("SE21", ["SE211", "SE212", "SE213", "SE214"])] {
                let cells = Dictionary(grouping: rows.filter { members.contains($0.region) }) { "\($0.industry)|\($0.year)" }
                for (_, parts) in cells.sorted(by: { $0.key < $1.key }) {
                    func sum(_ k: KeyPath<Row, Double?>) -> Double? { parts.contains { $0[keyPath: k] == nil } ? nil : parts.reduce(0) { $0 + $1[keyPath: k]! } }
                    more.append(Row(region: code, industry: parts[0].industry, year: parts[0].year, emp: sum(\.emp), va: sum(\.va)))
                }
            }
            let a0 = try load(rows), a1 = try load(more)
            for a in analyses {
                counts[a.name, default: 0] += assertKeeps(try a.run(a0, registry), try a.run(a1, registry), exact: true, "seed \(seed) \(a.name)")
            }
        }
        assertChecked(counts)
    }

    func testReorderingRowsChangesNoResult() throws {
        var g = SplitMix(seed: 5)
        for seed in UInt64(41)...44 {
            let rows = randomPanel(seed)
            var shuffled = rows
            for k in stride(from: shuffled.count - 1, to: 0, by: -1) { shuffled.swapAt(k, Int(g.next() % UInt64(k + 1))) }
            let a0 = try load(rows), a1 = try load(shuffled)
            for a in analyses { assertKeeps(try a.run(a0, registry), try a.run(a1, registry), exact: true, "seed \(seed) \(a.name)") }
        }
    }

    // MARK: (c) shift-share identities, (d) Gerfin

    func numbers(_ t: Table, _ name: String) -> [Double] {
        guard let i = t.columnIndex(name), case .number(let v) = t.columns[i].values else { XCTFail("no \(name)"); return [] }
        return v
    }

    func testShiftShareIdentitiesOverTheReference() throws {
        for seed in UInt64(51)...62 {
            let t = try ShiftShare.compute(try load(randomPanel(seed)), ShiftShareRequest(measure: 0, from: 2015, to: 2020), registry: registry)
            let regions = t.columns[0].values, industries = t.columns[1]
            guard case .coded(let rc, _) = regions else { return XCTFail() }
            let ns = numbers(t, "national_share"), im = numbers(t, "industry_mix"), rs = numbers(t, "regional_shift"), ch = numbers(t, "change")
            let scale = ch.filter { !$0.isNaN }.reduce(0) { max($0, abs($1)) } + ns.filter { !$0.isNaN }.reduce(0) { max($0, abs($1)) }
            var rsByIndustry: [String: Double] = [:], imTotal = 0.0
            var totals = 0
            for row in 0..<t.rowCount where !ch[row].isNaN {
                XCTAssertEqual(ns[row] + im[row] + rs[row], ch[row], accuracy: 1e-9 * scale, "seed \(seed) row \(row)")
                let code = industries.machineText(row)
                if code == "TOTAL" { imTotal += im[row]; totals += 1 } else { rsByIndustry[code, default: 0] += rs[row] }
            }
            XCTAssertEqual(totals, Set(rc).count, "one TOTAL row per region, labelled TOTAL")
            for (code, sum) in rsByIndustry { XCTAssertEqual(sum, 0, accuracy: 1e-9 * scale, "seed \(seed): regional shift of \(code) over the reference") }
            XCTAssertEqual(imTotal, 0, accuracy: 1e-9 * scale, "seed \(seed): TOTAL industry mix over the reference")
            XCTAssertFalse(t.footer.contains { $0.hasPrefix("IDENTITY FAILED") })
        }
    }

    func testGerfinFactorsMultiplyToRelativeGrowth() throws {
        for seed in UInt64(71)...80 {
            var q = ShiftShareRequest(measure: 0, from: 2015, to: 2020); q.method = .gerfin
            let t = try ShiftShare.compute(try load(randomPanel(seed)), q, registry: registry)
            let base = numbers(t, "base"), end = numbers(t, "end"), sf = numbers(t, "structural_factor"), rf = numbers(t, "regional_factor")
            let totalRows = (0..<t.rowCount).filter { t.columns[1].machineText($0) == "TOTAL" }
            let N0 = totalRows.reduce(0.0) { $0 + base[$1] }, N1 = totalRows.reduce(0.0) { $0 + end[$1] }
            XCTAssertGreaterThan(totalRows.count, 5)
            for row in totalRows {
                XCTAssertEqual(sf[row] * rf[row], (end[row] / base[row]) / (N1 / N0), accuracy: 1e-12, "seed \(seed) row \(row)")
            }
        }
    }

    // MARK: hand-checked cases

    func testALeftOutCellLeavesTheReferenceInBothYears() throws {
        // X in R1 is missing in 2015: R1's X is out of the reference in 2020 as well, so X's
        // national growth is R2's and R3's: (30 + 40) / (20 + 30) − 1 = 40 %.
        let text = """
        region,industry,year,employment
        R1,X,2015,
        R1,Y,2015,100
        R2,X,2015,20
        R2,Y,2015,100
        R3,X,2015,30
        R3,Y,2015,100
        R1,X,2020,500
        R1,Y,2020,110
        R2,X,2020,30
        R2,Y,2020,120
        R3,X,2020,40
        R3,Y,2020,90
        """
        let c = try CSVLoader.load(path: Fixture.write("leftout.csv", text + "\n"), name: "d")
        var q = ShiftShareRequest(measure: 0, from: 2015, to: 2020)
        q.regions = [c.region.index(of: "R2")!]
        let t = try ShiftShare.compute(c, q, registry: registry)
        // R2: X 20 → 30, Y 100 → 120. Reference: X 50 → 70 (g 0.4), Y 300 → 320, total 350 → 390.
        let G = 390.0 / 350 - 1
        for (got, want) in zip(numbers(t, "national_share"), [20 * G, 100 * G, 120 * G]) { XCTAssertEqual(got, want, accuracy: 1e-12, "NS") }
        XCTAssertEqual(numbers(t, "industry_mix")[0], 20 * (0.4 - G), accuracy: 1e-12)
        XCTAssertEqual(numbers(t, "regional_shift")[0], 30 - 20 * 1.4, accuracy: 1e-12)
        XCTAssertEqual(t.columns[0].machineText(2), "TOTAL")
        XCTAssertTrue(t.footer.contains { $0.hasPrefix("cells left out (not observed in every year and measure read): 1 — R1 × X (missing in 2015)") }, "\(t.footer)")
    }

    func testARegionWithoutTheBaseYearLeavesTheReferenceAndIsNamed() throws {
        let text = """
        region,industry,year,employment
        R1,X,2020,50
        R1,Y,2020,50
        R2,X,2015,20
        R2,Y,2015,100
        R2,X,2020,30
        R2,Y,2020,120
        R3,X,2015,30
        R3,Y,2015,100
        R3,X,2020,40
        R3,Y,2020,90
        """
        let c = try CSVLoader.load(path: Fixture.write("noregion.csv", text + "\n"), name: "d")
        var q = ShiftShareRequest(measure: 0, from: 2015, to: 2020)
        q.regions = [c.region.index(of: "R2")!]
        let t = try ShiftShare.compute(c, q, registry: registry)
        let end: Double = 30 + 120 + 40 + 90, base: Double = 20 + 100 + 30 + 100
        let G = end / base - 1
        XCTAssertEqual(numbers(t, "national_share").last!, 120 * G, accuracy: 1e-9)
        XCTAssertTrue(t.footer.contains("regions left out (no data in 2015): R1 (1)"), "\(t.footer)")
        q.regions = [c.region.index(of: "R1")!]
        XCTAssertThrowsError(try ShiftShare.compute(c, q, registry: registry)) { e in
            let d = e as! Diagnostic
            XCTAssertEqual(d.message, "R1 has no data in d for 2015")
            XCTAssertEqual(d.help, "years with data for R1: 2020; missing is not zero — choose years where it is observed")
        }
        q.regions = nil
        q.method = .dynamic
        let dyn = try ShiftShare.compute(c, q, registry: registry)
        XCTAssertTrue(dyn.footer.contains("regions left out (no data in 2015): R1 (1)"))
    }

    func testAPartMeasuredAgainstItsTotal() throws {
        let text = """
        region,industry,year,employment
        SE110,C,2024,100
        SE110,TOTAL,2024,1000
        SE213,C,2024,50
        SE213,TOTAL,2024,200
        SE321,C,2024,30
        SE321,TOTAL,2024,300
        """
        let c = try CSVLoader.load(path: Fixture.write("ctotal.csv", text + "\n"), name: "x")
        let t = try LocationQuotient.compute(c, LQRequest(measure: 0, year: 2024, regions: [c.region.index(of: "SE110")!]), registry: registry)
        XCTAssertEqual(t.rowCount, 1)
        XCTAssertEqual(t.columns[1].machineText(0), "C")
        XCTAssertEqual(numbers(t, "lq")[0], (100.0 / 1000) / (180.0 / 1500), accuracy: 1e-12)
        XCTAssertTrue(t.footer.contains("industries: C (1), each part of TOTAL and measured against it (the file has no complete breakdown of TOTAL)"), "\(t.footer)")
    }

    func testASelectionIsMeasuredAgainstTheWholeAndClosedByTotal() throws {
        let c = try CSVLoader.load(path: WorkedExample.panelPath(), name: "w")
        let d = c.industry!
        var q = LQRequest(measure: 0, year: 2022, regions: [0])
        q.industries = .explicit([d.index(of: "MIN")!])
        let t = try LocationQuotient.compute(c, q, registry: registry)
        let full = try LocationQuotient.compute(c, LQRequest(measure: 0, year: 2022, regions: [0]), registry: registry)
        XCTAssertEqual(numbers(t, "lq")[0], numbers(full, "lq")[0], accuracy: 1e-15, "MIN's LQ does not depend on what else is listed")
        var s = ShiftShareRequest(measure: 0, from: 2015, to: 2022)
        s.regions = [0]
        s.industries = .explicit([d.index(of: "WOOD")!, d.index(of: "ICT")!])
        let ss = try ShiftShare.compute(c, s, registry: registry)
        XCTAssertEqual((0..<ss.rowCount).map { ss.columns[0].machineText($0) }, ["WOOD", "ICT", "TOTAL"])
        var p = ProductivityRequest(valueAdded: 1, employment: 0, from: 2015, to: 2022)
        p.regions = [0]; p.industries = s.industries
        let pt = try Productivity.compute(c, p, registry: registry)
        XCTAssertEqual(pt.columns[0].machineText(pt.rowCount - 1), "TOTAL")
        var gq = GapRequest(valueAdded: 1, employment: 0, year: 2022)
        gq.regions = [0]; gq.industries = s.industries
        let gt = try ProductivityGap.compute(c, gq, registry: registry)
        XCTAssertEqual(gt.columns[0].machineText(gt.rowCount - 1), "TOTAL")
        let gr = try GrowthAccounting.compute(c, p, registry: registry)
        XCTAssertEqual(gr.columns[0].machineText(gr.rowCount - 1), "TOTAL")
    }

    func testKrugmanOfARegionWithAMissingCell() throws {
        // R1 lacks Z. Default: R1's Krugman is missing and named. missing skip: over X and Y,
        // R1's shares (60, 40)/100 against the reference's X, Y renormalised:
        // reference X = 60 + 10 + 30 = 100, Y = 40 + 30 + 30 = 100 (R1's Z is out, R2's and
        // R3's Z stay in the reference total), so s⁰ over X, Y = (100, 100)/200.
        let text = """
        region,industry,year,employment
        R1,X,2021,60
        R1,Y,2021,40
        R1,Z,2021,
        R2,X,2021,10
        R2,Y,2021,30
        R2,Z,2021,60
        R3,X,2021,30
        R3,Y,2021,30
        R3,Z,2021,40
        """
        let c = try CSVLoader.load(path: Fixture.write("krugman-missing.csv", text + "\n"), name: "d")
        var q = SpecialisationRequest(measure: 0, year: 2021)
        let t = try Specialisation.compute(c, q, registry: registry)
        let k = numbers(t, "krugman")
        XCTAssertTrue(k[0].isNaN, "R1 has a missing cell")
        // R2 is complete: shares (0.1, 0.3, 0.6) against (100, 100, 100)/300.
        let third = 1.0 / 3
        let k2: Double = abs(0.1 - third) + abs(0.3 - third) + abs(0.6 - third)
        XCTAssertEqual(k[1], k2, accuracy: 1e-12)
        XCTAssertTrue(t.footer.contains { $0.hasPrefix("regions with a missing cell (indices over the whole structure shown as –; `missing skip` computes them on the observed industries): R1 (Z)") }, "\(t.footer)")
        q.missing = .skip
        let s = try Specialisation.compute(c, q, registry: registry)
        let ks = numbers(s, "krugman")
        XCTAssertEqual(ks[0], abs(0.6 - 0.5) + abs(0.4 - 0.5), accuracy: 1e-12)
        XCTAssertEqual(ks[1], k[1], accuracy: 1e-15, "complete regions are unchanged by skip")
        XCTAssertEqual(numbers(s, "herfindahl")[0], 0.6 * 0.6 + 0.4 * 0.4, accuracy: 1e-12)
        XCTAssertTrue(s.footer.contains { $0.hasPrefix("missing skip:") })
        q.missing = .zero
        let z = try Specialisation.compute(c, q, registry: registry)
        // Z counts as 0 for R1: reference X 100, Y 100, Z 100 of 300.
        let kz: Double = abs(0.6 - third) + abs(0.4 - third) + third
        XCTAssertEqual(numbers(z, "krugman")[0], kz, accuracy: 1e-12)
    }

    func testKrugmanAgainstARegionWithAZeroCell() throws {
        let text = "region,industry,year,employment\nR1,X,2021,60\nR1,Y,2021,40\nR2,X,2021,50\nR2,Y,2021,0\n"
        let c = try CSVLoader.load(path: Fixture.write("krugman-zero.csv", text), name: "d")
        var q = SpecialisationRequest(measure: 0, year: 2021)
        q.regions = [0]; q.reference = .region(1)
        let t = try Specialisation.compute(c, q, registry: registry)
        XCTAssertEqual(numbers(t, "krugman")[0], 0.4 + 0.4, accuracy: 1e-12, "Krugman is defined; only Hachman is not")
        XCTAssertTrue(numbers(t, "hachman")[0].isNaN)
    }

    func testGapReferenceUsesCellsHoldingBothMeasures() throws {
        // R2's Y has jobs but no value added: it is out of R2 and of the reference alike.
        let text = """
        region,industry,year,va,emp
        R1,X,2021,100,10
        R1,Y,2021,50,10
        R2,X,2021,300,20
        R2,Y,2021,,40
        """
        let c = try CSVLoader.load(path: Fixture.write("gap-both.csv", text + "\n"), name: "d")
        var q = GapRequest(valueAdded: 0, employment: 1, year: 2021)
        q.regions = [0]
        let t = try ProductivityGap.compute(c, q, registry: registry)
        let V: Double = 100 + 50 + 300, L: Double = 10 + 10 + 20
        XCTAssertEqual(numbers(t, "p_reference").last!, V / L, accuracy: 1e-12)
    }

    func testIdentityScaleIsTheTablesNotAZeroRow() {
        var e = Exactness()
        e.check(total: 1000, parts: [600, 300, 100])
        e.check(total: 0, parts: [5, -5 + 1e-11])
        XCTAssertLessThan(e.worst, 1e-9)
        XCTAssertTrue(e.line("x").hasPrefix("identity: x holds"), e.line("x"))
        var bad = Exactness()
        bad.check(total: 10, parts: [5, 4])
        XCTAssertTrue(bad.line("x").hasPrefix("IDENTITY FAILED"))
    }

    func testLocalisationOfAnIndustryWithAMissingRegion() throws {
        let text = """
        region,industry,year,employment
        R1,X,2021,
        R1,Y,2021,40
        R2,X,2021,10
        R2,Y,2021,30
        R3,X,2021,30
        R3,Y,2021,10
        """
        let c = try CSVLoader.load(path: Fixture.write("loc-missing.csv", text + "\n"), name: "d")
        var q = LocalisationRequest(measure: 0, year: 2021)
        let t = try Localisation.compute(c, q, registry: registry)
        XCTAssertTrue(numbers(t, "hoover")[0].isNaN)
        q.missing = .skip
        let s = try Localisation.compute(c, q, registry: registry)
        // X over R2, R3: shares of X (0.25, 0.75), of the regions' totals (40, 40)/80.
        XCTAssertEqual(numbers(s, "hoover")[0], 0.5 * (abs(0.25 - 0.5) + abs(0.75 - 0.5)), accuracy: 1e-12)
    }

    // MARK: hierarchies read from the codes, codes matched exactly

    func testAnONSStyleHierarchyIsReadFromTheCodes() throws {
        // The finest level: A (1-3), B (5-9), 10, 11-33, D (35), E (36-39), F (41-43);
        // C = 10 + 11-33, A-E = A + … + E, Total = A-E + F are aggregates.
        let finest = ["A (1-3)": [3.0, 7], "B (5-9)": [1, 2], "10": [4, 1], "11-33": [20, 9], "D (35)": [2, 2], "E (36-39)": [1, 3], "F (41-43)": [9, 6]]
        var rows = "region,industry,year,gva\n"
        var sums = [String: [Double]]()
        for (code, v) in finest.sorted(by: { $0.key < $1.key }) {
            rows += "R1,\(code),2021,\(v[0])\nR2,\(code),2021,\(v[1])\n"
        }
        func add(_ code: String, _ parts: [String]) { sums[code] = [0, 1].map { k in parts.reduce(0.0) { $0 + (finest[$1]?[k] ?? sums[$1]![k]) } } }
        add("C (10-33)", ["10", "11-33"])
        add("A-E", ["A (1-3)", "B (5-9)", "C (10-33)", "D (35)", "E (36-39)"])
        add("Total", ["A-E", "F (41-43)"])
        let only = rows
        for (code, v) in sums.sorted(by: { $0.key < $1.key }) { rows += "R1,\(code),2021,\(v[0])\nR2,\(code),2021,\(v[1])\n" }
        let full = try CSVLoader.load(path: Fixture.write("ons-hier.csv", rows), name: "u")
        let parts = try CSVLoader.load(path: Fixture.write("ons-finest.csv", only), name: "u")
        let a = try LocationQuotient.compute(full, LQRequest(measure: 0, year: 2021), registry: registry)
        let b = try LocationQuotient.compute(parts, LQRequest(measure: 0, year: 2021), registry: registry)
        XCTAssertEqual(a.rowCount, 14)
        assertKeeps(b, a, exact: true, "the aggregates change no LQ")
        let line = a.footer.first { $0.hasPrefix("industries:") }!
        XCTAssertTrue(line.contains("left out as aggregates of others: A-E, C (10-33), Total (3) (hierarchy read from the codes)"), line)
    }

    func testRegionCodesAreMatchedAsCodesNotAsFoldedNames() throws {
        // `are` (the Emirates in a trade file) is not Åre: all three countries are one level.
        let text = "region,industry,year,exports\nare,X,2021,5\nare,Y,2021,5\nswe,X,2021,2\nswe,Y,2021,8\nnor,X,2021,3\nnor,Y,2021,7\n"
        let c = try CSVLoader.load(path: Fixture.write("trade.csv", text), name: "t")
        XCTAssertEqual(registry.regionLevel("are"), -1)
        XCTAssertNotNil(registry.region("Are"), "typed names still fold (Åre)")
        XCTAssertNil(registry.regionByCode("are"))
        let t = try LocationQuotient.compute(c, LQRequest(measure: 0, year: 2021), registry: registry)
        XCTAssertTrue(t.footer.contains("reference: sum of all 3 loaded regions"), "\(t.footer)")
        XCTAssertEqual(numbers(t, "lq")[0], 0.5 / 0.3333333333333333, accuracy: 1e-12)
    }

    func testAbsentRowsCountedAsZeroAreNamed() throws {
        let text = "region,industry,year,employment\nR1,X,2020,1\nR1,Y,2020,2\nR2,X,2020,3\n"
        let c = try CSVLoader.load(path: Fixture.write("sparse.csv", text), name: "s")
        let t = try LocationQuotient.compute(c, LQRequest(measure: 0, year: 2020), registry: registry)
        XCTAssertTrue(t.footer.contains("absent rows counted as zero (the region and the industry have data that year): 1 — R2 × Y"), "\(t.footer)")
    }

    func testASingleYearNamesTheRegionsWithoutDataAndWhy() throws {
        let text = "region,industry,year,employment\nR1,X,2020,1\nR1,Y,2020,2\nR2,X,2021,3\nR2,Y,2021,1\nR1,X,2021,1\nR1,Y,2021,1\n"
        let c = try CSVLoader.load(path: Fixture.write("noyear.csv", text), name: "s")
        let t = try LocationQuotient.compute(c, LQRequest(measure: 0, year: 2020), registry: registry)
        XCTAssertTrue(t.footer.contains("regions left out (no data in 2020): R2 (1)"), "\(t.footer)")
        XCTAssertThrowsError(try LocationQuotient.compute(c, LQRequest(measure: 0, year: 2020, regions: [1]), registry: registry)) { e in
            XCTAssertEqual((e as! Diagnostic).message, "R2 has no data in s for 2020")
            XCTAssertEqual((e as! Diagnostic).help, "years with data for R2: 2021; missing is not zero — choose years where it is observed")
        }
    }

    func testARegionAsTheReferenceDoesNotListTheLevelsLeftOut() throws {
        let text = "region,industry,year,employment\nR1,X,2020,1\nR1,Y,2020,2\nR2,X,2021,3\nR2,Y,2021,1\nR1,X,2021,1\nR1,Y,2021,1\nR3,X,2020,2\nR3,Y,2020,2\n"
        let c = try CSVLoader.load(path: Fixture.write("vsregion.csv", text), name: "s")
        let t = try LocationQuotient.compute(c, LQRequest(measure: 0, year: 2020, regions: [0], reference: .region(2)), registry: registry)
        XCTAssertFalse(t.footer.contains { $0.hasPrefix("regions left out") }, "\(t.footer)")
        let sum = try LocationQuotient.compute(c, LQRequest(measure: 0, year: 2020, regions: [0]), registry: registry)
        XCTAssertTrue(sum.footer.contains("regions left out (no data in 2020): R2 (1)"), "\(sum.footer)")
    }

    func testSpecialisationOverAListIsRenormalisedOverIt() throws {
        let c = try CSVLoader.load(path: WorkedExample.panelPath(), name: "w")
        var q = SpecialisationRequest(measure: 0, year: 2022)
        q.industries = .explicit([c.industry!.index(of: "MIN")!, c.industry!.index(of: "ICT")!])
        let t = try Specialisation.compute(c, q, registry: registry)
        for h in numbers(t, "hachman") where !h.isNaN { XCTAssertLessThanOrEqual(h, 1 + 1e-12) }
        for h in numbers(t, "herfindahl_norm") where !h.isNaN { XCTAssertGreaterThanOrEqual(h, -1e-12) }
        XCTAssertTrue(t.footer.contains("the indices run over the 2 columns listed: shares of their own total, in the region and in the reference"))
    }
}
