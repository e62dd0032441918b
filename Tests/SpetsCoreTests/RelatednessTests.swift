// RelatednessTests.swift — proximity, the three density conventions, ECI/PCI under each
// convention, COI and COG variants against the golden values; degenerate inputs.
import XCTest
@testable import SpetsCore

final class RelatednessTests: XCTestCase {
    let registry = Registry()
    func sm() throws -> SpecialisationMatrix {
        try SpecialisationMatrix.build(try CSVLoader.load(path: WorkedExample.panelPath(), name: "w"), measure: 0, year: 2022, threshold: 1, registry: registry)
    }
    func close(_ a: [Double], _ b: [Double], _ what: String, tol: Double = 1e-9, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, what, file: file, line: line)
        for (k, (x, y)) in zip(a, b).enumerated() { XCTAssertEqual(x, y, accuracy: max(abs(y) * tol, 1e-12), "\(what) [\(k)]", file: file, line: line) }
    }

    func testProximityAndDensities() throws {
        let m = try sm()
        close(Relatedness.proximity(m), GoldenRelatedness.proximity.flatMap { $0 }, "proximity")
        close(Relatedness.density(m, convention: .standard), GoldenRelatedness.density.flatMap { $0 }, "density φ_jj = 0")
        close(Relatedness.density(m, convention: .atlas), GoldenRelatedness.densityAtlas.flatMap { $0 }, "density φ_jj = 1")
        close(Relatedness.probabilityRelatedness(m), GoldenRelatedness.relatednessProb.flatMap { $0 }, "EconGeo prob relatedness")
        close(Relatedness.density(m, convention: .econgeo), GoldenRelatedness.densityProb.flatMap { $0 }, "EconGeo density")
        close(m.diversity, GoldenRelatedness.diversity, "diversity")
        close(m.ubiquity, GoldenRelatedness.ubiquity, "ubiquity")
    }

    /// The bitset co-occurrence equals Σ_r M_ri M_rj on random matrices (sizes around the
    /// 64-region word edge), and density for some rows equals those rows of the full result.
    func testCooccurrenceBySumAndDensityByRow() {
        var g = SystemRandomNumberGenerator()
        for nR in [1, 63, 64, 65, 130] {
            let nC = Int.random(in: 1...12, using: &g)
            let m = (0..<(nR * nC)).map { _ in Double(Int.random(in: 0...2, using: &g) == 0 ? 1 : 0) }
            let sm = SpecialisationMatrix(regions: Array(0..<nR), columns: (0..<nC).map(Int32.init),
                                          columnDim: Dimension(name: "industry", role: .industry, labels: (0..<nC).map { "I\($0)" }), m: m, notes: [])
            var naive = [Double](repeating: 0, count: nC * nC)
            for r in 0..<nR { for i in 0..<nC { for j in 0..<nC { naive[i * nC + j] += m[r * nC + i] * m[r * nC + j] } } }
            XCTAssertEqual(sm.cooccurrence(), naive, "nR \(nR)")
            for convention in DensityConvention.allCases {
                let full = Relatedness.density(sm, convention: convention)
                let rows = [nR - 1, 0]
                let some = Relatedness.density(sm, convention: convention, rows: rows)
                for r in rows { XCTAssertEqual(some[(r * nC)..<((r + 1) * nC)].map(\.bitPattern), full[(r * nC)..<((r + 1) * nC)].map(\.bitPattern)) }
            }
        }
    }

    func testComplexityConventions() throws {
        let m = try sm()
        let c = try CSVLoader.load(path: WorkedExample.panelPath(), name: "w")
        let std = try Complexity.compute(m, convention: .standard, cube: c)
        close(std.eci, GoldenRelatedness.eci, "ECI")
        close(std.pci, GoldenRelatedness.pci, "PCI")
        let sample = try Complexity.compute(m, convention: .standard, sampleSD: true, cube: c)
        close(sample.eci, GoldenRelatedness.eciSample, "ECI sample SD")
        close(sample.pci, GoldenRelatedness.pciSample, "PCI sample SD")
        let atlas = try Complexity.compute(m, convention: .atlas, cube: c)
        close(atlas.eci, GoldenRelatedness.eciAtlas, "ECI Growth Lab")
        close(atlas.pci, GoldenRelatedness.pciAtlas, "PCI Growth Lab")
        close(try Complexity.compute(m, convention: .econgeo, cube: c).eci, GoldenRelatedness.eciSum, "ECI EconGeo")
        let mor = try Complexity.compute(m, convention: .reflections, cube: c)
        close(mor.eci, GoldenRelatedness.eciReflections, "MoR ECI")
        close(mor.pci, GoldenRelatedness.pciReflections, "MoR PCI")
        let ec = try Complexity.compute(m, convention: .economicComplexity, cube: c)
        close(ec.eci, GoldenRelatedness.eciReflectionsSample, "economic-complexity ECI")
        close(ec.pci, GoldenRelatedness.pciReflectionsSample, "economic-complexity PCI")
    }

    func testOpportunityConventions() throws {
        let m = try sm()
        let c = try CSVLoader.load(path: WorkedExample.panelPath(), name: "w")
        let cr = try Complexity.compute(m, convention: .standard, cube: c)
        let atlas = try Complexity.opportunity(m, cr, convention: .atlas, cube: c)
        close(atlas.coi, GoldenRelatedness.coiAtlas, "COI Atlas")
        close(atlas.cog, GoldenRelatedness.cogAtlas.flatMap { $0 }, "COG Atlas")
        let eco = try Complexity.opportunity(m, cr, convention: .ecomplexity, cube: c)
        close(eco.coi, GoldenRelatedness.coiEcomplexity, "COI ecomplexity")
        close(eco.cog, GoldenRelatedness.cogEcomplexity.flatMap { $0 }, "COG ecomplexity")
        let ec = try Complexity.opportunity(m, cr, convention: .economicComplexity, cube: c)
        close(ec.cog, GoldenRelatedness.opportunityGain.flatMap { $0 }, "opportunity gain (economic-complexity)", tol: 1e-5)
    }

    func testDegenerateInputs() throws {
        // The worked example plus a region with nothing and an activity nobody has: both are
        // dropped and named, and the ECI of the others is unchanged.
        var csv = try String(contentsOfFile: WorkedExample.panelFile, encoding: .utf8)
        for i in ["MIN", "WOOD", "MACH", "ICT", "TOUR", "NONE"] { csv += "ZZ,\(i),2022,0,\n" }
        for r in ["NB", "VB", "JH", "RS"] { csv += "\(r),NONE,2022,0,\n" }
        let c = try CSVLoader.load(path: Fixture.write("degenerate.csv", csv), name: "g")
        let m = try SpecialisationMatrix.build(c, measure: 0, year: 2022, threshold: 1, registry: registry)
        let r = try Complexity.compute(m, convention: .standard, cube: c)
        XCTAssertEqual(r.dropped, ["region ZZ (no specialisation)", "activity NONE (no region specialised)"])
        close(r.eci, GoldenRelatedness.eci, "ECI without the dropped")
        // Density is missing (not zero) for an activity nothing is related to.
        XCTAssertTrue(Relatedness.density(m, convention: .standard)[5].isNaN)
        // Too little left: a clear error.
        let m2 = try SpecialisationMatrix.build(c, measure: 0, year: 2022, threshold: 20, registry: registry)
        XCTAssertThrowsError(try Complexity.compute(m2, convention: .standard, cube: c)) { e in
            XCTAssertTrue((e as! Diagnostic).message.hasPrefix("complexity needs at least two regions and two activities with specialisations"))
        }
    }

    func testSignsAreStable() throws {
        // Relabelling (a permutation) must not flip signs.
        let c = try CSVLoader.load(path: WorkedExample.panelPath(), name: "w")
        let m = try sm()
        let a = try Complexity.compute(m, convention: .standard, cube: c)
        XCTAssertGreaterThan(Complexity.corr(a.eci, a.diversity), 0)
        XCTAssertLessThan(Complexity.corr(a.pci, a.ubiquity), 0)
    }
}

/// The large-matrix eigen path agrees with Jacobi on the same matrix.
final class EigenTests: XCTestCase {
    func testHouseholderPathMatchesJacobi() {
        var rng = SplitMix(seed: 99)
        let n = 80
        // A symmetric PSD matrix BᵀB with a known-ish spectrum.
        var b = [Double](repeating: 0, count: n * n)
        for i in 0..<(n * n) { b[i] = Double(rng.next() % 1000) / 1000 - 0.5 }
        var s = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { var t = 0.0; for k in 0..<n { t += b[k * n + i] * b[k * n + j] }; s[i * n + j] = t } }
        let (vals, vecs) = Eigen.jacobi(s, n)
        let order = (0..<n).sorted { vals[$0] > vals[$1] }
        let top = (0..<n).map { vecs[$0 * n + order[0]] }
        let want = (0..<n).map { vecs[$0 * n + order[1]] }
        let got = Eigen.second(s, n, top: top)
        XCTAssertEqual(got.value, vals[order[1]], accuracy: 1e-9 * vals[order[0]])
        let sign = zip(got.vector, want).reduce(0.0) { $0 + $1.0 * $1.1 } >= 0 ? 1.0 : -1.0
        for (x, y) in zip(got.vector, want) { XCTAssertEqual(sign * x, y, accuracy: 1e-7) }
        XCTAssertTrue(got.how.hasPrefix("Householder"))
    }
}

final class ComplexityEdgeTests: XCTestCase {
    func testDisconnectedMatrixIsAClearError() throws {
        // A and B do P and Q; C and D do R and S: two blocks that share nothing.
        var csv = "region,industry,year,x\n"
        for (r, acts) in [("A", ["P", "Q"]), ("B", ["P", "Q"]), ("C", ["R", "S"]), ("D", ["R", "S"])] {
            for i in ["P", "Q", "R", "S"] { csv += "\(r),\(i),2020,\(acts.contains(i) ? 10 : 0)\n" }
        }
        let c = try CSVLoader.load(path: Fixture.write("disconnected.csv", csv), name: "d")
        let m = try SpecialisationMatrix.build(c, measure: 0, year: 2020, threshold: 1, registry: Registry())
        XCTAssertThrowsError(try Complexity.compute(m, convention: .standard, cube: c)) { e in
            XCTAssertTrue((e as! Diagnostic).message.contains("a disconnected matrix"), (e as! Diagnostic).message)
        }
    }

    func testECIFromExternalPCI() throws {
        let c = try CSVLoader.load(path: WorkedExample.panelPath(), name: "w")
        let m = try SpecialisationMatrix.build(c, measure: 0, year: 2022, threshold: 1, registry: Registry())
        let (eci, div, matched) = Complexity.eciFromPCI(m, pci: ["MIN": 1, "WOOD": 3, "ICT": 5])
        XCTAssertEqual(eci[0], 2, "NB: MIN, WOOD")
        XCTAssertEqual(eci[1], 3, "VB: MIN, WOOD, ICT")
        XCTAssertEqual(div[2], 1, "JH: only WOOD has a PCI")
        XCTAssertEqual(matched, 3)
    }
}
