// SpecialisationTests.swift — every measure and option of the specialisation family against
// the golden values, plus identities (entropy = related + unrelated variety).
import XCTest
@testable import SpetsCore

final class SpecialisationTests: XCTestCase {
    let registry = Registry()
    func cube() throws -> Cube { try CSVLoader.load(path: WorkedExample.panelPath(), name: "w") }

    func column(_ t: Table, _ name: String) -> [Double] {
        guard let i = t.columnIndex(name), case .number(let v) = t.columns[i].values else { XCTFail("no \(name)"); return [] }
        return v
    }

    func close(_ a: [Double], _ b: [Double], _ what: String, rel: Double = 1e-9, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, what, file: file, line: line)
        for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: max(abs(y) * rel, 1e-12), what, file: file, line: line) }
    }

    var groups: [String: String] { ["MIN": "PRIMARY", "WOOD": "MANUF", "MACH": "MANUF", "ICT": "SERV", "TOUR": "SERV"] }

    func testSpecialisationDefault() throws {
        var q = SpecialisationRequest(measure: 0, year: 2022)
        q.groups = groups
        let t = try Specialisation.compute(try cube(), q, registry: registry)
        XCTAssertEqual(t.columns.map(\.name), ["region", "krugman", "hachman", "herfindahl", "herfindahl_norm", "entropy", "related_variety", "unrelated_variety"])
        close(column(t, "krugman"), Golden.krugman, "krugman")
        close(column(t, "hachman"), Golden.hachman, "hachman")
        close(column(t, "herfindahl"), Golden.herfindahl, "herfindahl")
        close(column(t, "herfindahl_norm"), Golden.herfindahlNorm, "herfindahl_norm")
        close(column(t, "herfindahl").map { 1 / $0 }, Golden.herfindahlEquiv, "equivalent number")
        close(column(t, "entropy"), Golden.entropyBits, "entropy")
        close(column(t, "related_variety"), Golden.relatedVariety, "related variety")
        close(column(t, "unrelated_variety"), Golden.unrelatedVariety, "unrelated variety")
    }

    func testVsRestHalfAndNats() throws {
        var q = SpecialisationRequest(measure: 0, year: 2022)
        q.reference = .rest
        close(column(try Specialisation.compute(try cube(), q, registry: registry), "krugman"), Golden.krugmanRest, "krugman vs rest")
        q = SpecialisationRequest(measure: 0, year: 2022)
        q.half = true
        q.nats = true
        let t = try Specialisation.compute(try cube(), q, registry: registry)
        close(column(t, "krugman"), Golden.krugmanHalf, "krugman half")
        close(column(t, "entropy"), Golden.entropyNats, "entropy nats")
        XCTAssertTrue(t.footer[0].contains("÷ 2 (half: 0–1, Hoover)") && t.footer[0].contains("in nats"))
    }

    func testKrugmanVsMeanOfOtherRegions() throws {
        var q = SpecialisationRequest(measure: 0, year: 2022)
        q.reference = .mean
        let k = column(try Specialisation.compute(try cube(), q, registry: registry), "krugman")
        // By hand for NB: mean of VB, JH, RS shares.
        let rows: [[Double]] = [[7500, 2600, 4800, 2600, 3300], [1700, 3800, 6400, 11500, 3400], [150, 2700, 1600, 1300, 5900],
                                [9000, 55000, 185000, 245000, 160000]]
        let shares = rows.map { r in r.map { $0 / r.reduce(0, +) } }
        let mean = (0..<5).map { i in (shares[1][i] + shares[2][i] + shares[3][i]) / 3 }
        let want = (0..<5).reduce(0.0) { $0 + abs(shares[0][$1] - mean[$1]) }
        XCTAssertEqual(k[0], want, accuracy: 1e-12)
    }

    func testPairwiseKrugman() throws {
        let c = try cube()
        let t = try Specialisation.pairwise(c, measure: 0, year: 2022, a: c.region.index(of: "NB")!, b: c.region.index(of: "VB")!,
                                            half: false, industries: .finest, registry: registry)
        XCTAssertEqual(column(t, "krugman")[0], Golden.krugmanNBvsVB, accuracy: 1e-12)
    }

    func testLocalisation() throws {
        var q = LocalisationRequest(measure: 0, year: 2022)
        let t = try Localisation.compute(try cube(), q, registry: registry)
        XCTAssertEqual(t.columns.map(\.name), ["industry", "hoover", "gini"])
        close(column(t, "hoover"), Golden.hoover, "hoover")
        close(column(t, "gini"), Golden.gini, "gini")
        q.half = true
        close(column(try Localisation.compute(try cube(), q, registry: registry), "gini"), Golden.giniHalf, "gini half")
    }

    func testSymmetricLQAndBinary() throws {
        var q = LQRequest(measure: 0, year: 2022)
        q.symmetric = true
        q.binary = true
        let t = try LocationQuotient.compute(try cube(), q, registry: registry)
        XCTAssertEqual(t.columns.map(\.name), ["region", "industry", "year", "employment", "lq", "m", "slq"])
        close(column(t, "slq"), Golden.slq.flatMap { $0 }, "slq")
        XCTAssertEqual(column(t, "m"), Golden.m.flatMap { $0 })
        q.threshold = 1.25
        let m125 = column(try LocationQuotient.compute(try cube(), q, registry: registry), "m")
        XCTAssertEqual(m125, column(t, "lq").map { $0 >= 1.25 ? 1 : 0 })
        XCTAssertEqual(m125[3 * 5 + 2], 0, "RS MACH: LQ 1.02 is specialised at 1, not at 1.25")
    }

    /// Identities on random structures: entropy = RV + UV; Σ s = 1; 1/n ≤ H ≤ 1; Hachman ≤ 1.
    func testIdentitiesOnRandomData() throws {
        var rng = SplitMix(seed: 11)
        for trial in 0..<30 {
            let nR = 2 + Int(rng.next() % 5), nI = 3 + Int(rng.next() % 8)
            var csv = "region,industry,year,x\n"
            var g: [String: String] = [:]
            for i in 0..<nI { g["I\(i)"] = "G\(rng.next() % 3)" }
            for r in 0..<nR { for i in 0..<nI { csv += "R\(r),I\(i),2020,\(rng.next() % 1000)\n" } }
            let c = try CSVLoader.load(path: Fixture.write("id\(trial).csv", csv), name: "p")
            var q = SpecialisationRequest(measure: 0, year: 2020)
            q.groups = g
            let t = try Specialisation.compute(c, q, registry: registry)
            let h = column(t, "entropy"), rv = column(t, "related_variety"), uv = column(t, "unrelated_variety")
            let hhi = column(t, "herfindahl"), hach = column(t, "hachman")
            for r in 0..<t.rowCount where !h[r].isNaN {
                XCTAssertEqual(h[r], rv[r] + uv[r], accuracy: 1e-9, "trial \(trial)")
                XCTAssertGreaterThanOrEqual(hhi[r], 1 / Double(nI) - 1e-12)
                XCTAssertLessThanOrEqual(hhi[r], 1 + 1e-12)
                if !hach[r].isNaN { XCTAssertLessThanOrEqual(hach[r], 1 + 1e-9) }
            }
        }
    }

    func testPortfolioByHand() throws {
        let c = try cube()
        let t = try Portfolio.compute(c, PortfolioRequest(measure: 0, from: 2015, to: 2022, region: c.region.index(of: "NB")!), registry: registry)
        XCTAssertEqual(t.columns.map(\.name), ["region", "industry", "employment", "lq", "lq_change", "growth", "national_growth"])
        close(column(t, "lq"), Array(WorkedExample.lq2022[0]), "lq")
        // MIN: NB 6000 → 7500; nation 17700 → 18350 (C3's g_MIN = 0.0367232).
        XCTAssertEqual(column(t, "growth")[0], 0.25, accuracy: 1e-12)
        XCTAssertEqual(column(t, "national_growth")[0], 0.0367231638418079, accuracy: 1e-12)
        let lq2015 = (6000.0 / 18000) / (17700.0 / 652200)   // nation 2015: 18000 + 23500 + 10700 + 600000
        XCTAssertEqual(column(t, "lq_change")[0], WorkedExample.lq2022[0][0] - lq2015, accuracy: 1e-9)
    }
}
