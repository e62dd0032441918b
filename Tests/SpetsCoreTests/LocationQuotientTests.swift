// LocationQuotientTests.swift — golden values (C1) and the identities LQ must satisfy.
import XCTest
@testable import SpetsCore

final class LocationQuotientTests: XCTestCase {
    let registry = Registry()

    func cube() throws -> Cube { try CSVLoader.load(path: WorkedExample.panelPath(), name: "w") }

    func lqMatrix(_ t: Table) -> [[Double]] {
        guard case .number(let lq) = t.columns[4].values else { return [] }
        return stride(from: 0, to: lq.count, by: 5).map { Array(lq[$0..<($0 + 5)]) }
    }

    func assertClose(_ a: [[Double]], _ b: [[Double]], rel: Double = 1e-9, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, file: file, line: line)
        for (x, y) in zip(a.joined(), b.joined()) {
            XCTAssertEqual(x, y, accuracy: abs(y) * rel, file: file, line: line)
        }
    }

    func testGoldenLQAgainstSumOfRegions() throws {
        let c = try cube()
        let t = try LocationQuotient.compute(c, LQRequest(measure: 0, year: 2022), registry: registry)
        XCTAssertEqual(t.columns.map(\.name), ["region", "industry", "year", "employment", "lq"])
        XCTAssertEqual(t.rowCount, 20)
        assertClose(lqMatrix(t), WorkedExample.lq2022)
        XCTAssertTrue(t.footer.contains { $0.contains("sum of all 4 loaded regions") })
        XCTAssertTrue(t.footer.contains("missing cells: 0"))
    }

    func testGoldenLQAgainstRest() throws {
        let c = try cube()
        let t = try LocationQuotient.compute(c, LQRequest(measure: 0, year: 2022, reference: .rest), registry: registry)
        assertClose(lqMatrix(t), WorkedExample.lqRest2022)
        XCTAssertTrue(t.footer.contains { $0.contains("vs rest") })
    }

    func testForOneRegionGivesItsRowsOnly() throws {
        let c = try cube()
        let t = try LocationQuotient.compute(c, LQRequest(measure: 0, year: 2022, regions: [c.region.index(of: "JH")!]), registry: registry)
        XCTAssertEqual(t.rowCount, 5)
        assertClose(lqMatrix(t), [WorkedExample.lq2022[2]])
    }

    /// `vs RS`: the reference is one region's own row: LQ = s[r,i] / s[RS,i].
    func testAgainstOneRegionsRow() throws {
        let c = try cube()
        let rs = c.region.index(of: "RS")!, nb = c.region.index(of: "NB")!
        let t = try LocationQuotient.compute(c, LQRequest(measure: 0, year: 2022, regions: [nb], reference: .region(rs)), registry: registry)
        let nbRow: [Double] = [7500, 2600, 4800, 2600, 3300], rsRow: [Double] = [9000, 55000, 185000, 245000, 160000]
        let want = (0..<5).map { (nbRow[$0] / nbRow.reduce(0, +)) / (rsRow[$0] / rsRow.reduce(0, +)) }
        assertClose(lqMatrix(t), [want], rel: 1e-12)
    }

    /// Σ_i s[r,i]·LQ[r,i] = Σ_i s[r,i]² / s⁰[i] ≥ 1, and Σ_r X[r,·]·LQ[r,i]/X = ... ; the exact
    /// identity: Σ_i s⁰[i]·LQ[r,i] = 1 for every region (shares of the region sum to one).
    func testReferenceWeightedLQSumsToOne() throws {
        var rng = SplitMix(seed: 7)
        for trial in 0..<25 {
            let nR = 2 + Int(rng.next() % 6), nI = 2 + Int(rng.next() % 9)
            var csv = "region,industry,year,x\n"
            var data = [[Double]]()
            for r in 0..<nR {
                var row = [Double]()
                for i in 0..<nI {
                    let v = Double(rng.next() % 5000) + 1
                    row.append(v)
                    csv += "R\(r),I\(i),2020,\(v)\n"
                }
                data.append(row)
            }
            let c = try CSVLoader.load(path: Fixture.write("prop\(trial).csv", csv), name: "p")
            let t = try LocationQuotient.compute(c, LQRequest(measure: 0, year: 2020), registry: registry)
            let lq = lqMatrix5(t, nI)
            let colTotals = (0..<nI).map { i in data.reduce(0) { $0 + $1[i] } }
            let total = colTotals.reduce(0, +)
            for r in 0..<nR {
                let s = (0..<nI).reduce(0.0) { $0 + colTotals[$1] / total * lq[r][$1] }
                XCTAssertEqual(s, 1, accuracy: 1e-9, "trial \(trial) region \(r)")
                let shares = (0..<nI).reduce(0.0) { $0 + data[r][$1] / data[r].reduce(0, +) }
                XCTAssertEqual(shares, 1, accuracy: 1e-12)
            }
        }
    }

    func lqMatrix5(_ t: Table, _ nI: Int) -> [[Double]] {
        guard case .number(let lq) = t.columns[4].values else { return [] }
        return stride(from: 0, to: lq.count, by: nI).map { Array(lq[$0..<($0 + nI)]) }
    }

    func testMissingCellStaysMissingAndIsCounted() throws {
        let csv = "region,industry,year,emp\nA,X,2020,10\nA,Y,2020,..\nB,X,2020,5\nB,Y,2020,5\n"
        let c = try CSVLoader.load(path: Fixture.write("missing.csv", csv), name: "m")
        let t = try LocationQuotient.compute(c, LQRequest(measure: 0, year: 2020), registry: registry)
        guard case .number(let lq) = t.columns[4].values else { return XCTFail() }
        XCTAssertTrue(lq[1].isNaN, "a missing cell has no LQ")
        // A's total is 10 (the missing cell is not a zero), reference X = 15, Y = 5.
        XCTAssertEqual(lq[0], (10.0 / 10) / (15.0 / 20), accuracy: 1e-12)
        XCTAssertTrue(t.footer.contains { $0.hasPrefix("missing cells: 1") })
    }

    func testZeroDenominatorIsMissingNotInfinity() throws {
        let csv = "region,industry,year,emp\nA,X,2020,0\nA,Y,2020,0\nB,X,2020,5\nB,Y,2020,0\n"
        let c = try CSVLoader.load(path: Fixture.write("zero.csv", csv), name: "z")
        let t = try LocationQuotient.compute(c, LQRequest(measure: 0, year: 2020), registry: registry)
        guard case .number(let lq) = t.columns[4].values else { return XCTFail() }
        XCTAssertTrue(lq[0].isNaN && lq[1].isNaN, "region total 0 → missing")
        XCTAssertTrue(lq[3].isNaN, "reference industry total 0 → missing")
        XCTAssertEqual(lq[2], 1, accuracy: 1e-12)
    }

    func testYearNotInDataNamesTheSpan() throws {
        let c = try cube()
        XCTAssertThrowsError(try LocationQuotient.compute(c, LQRequest(measure: 0, year: 1999), registry: registry)) { e in
            let d = e as! Diagnostic
            XCTAssertEqual(d.message, "no observations for 1999 in w")
            XCTAssertEqual(d.help, "years in w: 2015–2022")
        }
    }

    func testMixedLevelsUseEachRegionsOwnLevel() throws {
        let r = Registry()
        try r.addRegions(csv: Array("code,level,parent,scb_code,name_sv,name_en\nSE,0,,00,Sverige,Sweden\nSE213,3,SE21,08,Kalmar län,Kalmar\nSE322,3,SE32,23,Jämtlands län,Jämtland\n".utf8), file: "r.csv")
        let csv = "region,industry,year,emp\nSE,A,2020,30\nSE,B,2020,70\nSE213,A,2020,10\nSE213,B,2020,10\nSE322,A,2020,5\nSE322,B,2020,25\n"
        let c = try CSVLoader.load(path: Fixture.write("levels.csv", csv), name: "l")
        let t = try LocationQuotient.compute(c, LQRequest(measure: 0, year: 2020, regions: [1]), registry: r)
        guard case .number(let lq) = t.columns[4].values else { return XCTFail() }
        // Reference = the two counties only (15, 35 of 50), not SE as well.
        XCTAssertEqual(lq[0], 0.5 / (15.0 / 50), accuracy: 1e-12)
        XCTAssertTrue(t.footer.contains("reference: sum of the 2 loaded regions at level county"), "\(t.footer)")
    }

    func testTotalIndustryIsLeftOut() throws {
        let csv = "region,industry,year,emp\nA,TOTAL,2020,20\nA,X,2020,10\nA,Y,2020,10\nB,TOTAL,2020,10\nB,X,2020,2\nB,Y,2020,8\n"
        let c = try CSVLoader.load(path: Fixture.write("total.csv", csv), name: "t")
        let t = try LocationQuotient.compute(c, LQRequest(measure: 0, year: 2020), registry: registry)
        XCTAssertEqual(t.rowCount, 4)
        XCTAssertTrue(t.footer.contains("industries: X, Y (2); left out as aggregates of others: TOTAL (1)"), "\(t.footer)")
    }
}

/// A small deterministic generator for property tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
