// PartitionTests.swift — which industries an analysis sums when a file mixes levels.
import XCTest
@testable import SpetsCore

final class PartitionTests: XCTestCase {
    let registry = RegistryTests.registry
    var fixture: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/mixed-levels.csv").path
    }

    func partition(_ codes: [String]) throws -> IndustryPartition {
        let d = Dimension(name: "industry", role: .industry, labels: codes)
        return IndustryPartition.finest(present: (0..<codes.count).map(Int32.init), dimension: d, registry: registry)
    }

    func labels(_ p: IndustryPartition, _ codes: [String]) -> [String] { p.columns.map { codes[Int($0)] } }

    func testEurostatMixOfAggregatesGivesTheA10Partition() throws {
        let codes = ["TOTAL", "A", "B-E", "C", "F", "G-I", "G-J", "J", "K", "K-N", "L", "M-N", "O-Q", "O-U", "R-U"]
        let p = try partition(codes)
        XCTAssertEqual(labels(p, codes), ["A", "B-E", "F", "G-I", "J", "K", "L", "M-N", "O-Q", "R-U"])
        XCTAssertEqual(p.leftOut.map { codes[Int($0)] }, ["TOTAL", "C", "G-J", "K-N", "O-U"])
        XCTAssertEqual(p.description, "industries: A, B-E, F, G-I, J, K, L, M-N, O-Q, R-U (10); left out as aggregates of others: TOTAL, G-J, K-N, O-U (4); left out as parts of others: C (1)")
    }

    func testANodeIsSplitOnlyWhenAllItsChildrenArePresent() throws {
        XCTAssertEqual(labels(try partition(["A", "01", "02", "03"]), ["A", "01", "02", "03"]), ["01", "02", "03"])
        XCTAssertEqual(labels(try partition(["A", "01", "02"]), ["A", "01", "02"]), ["A"], "03 missing: keep A")
        XCTAssertEqual(labels(try partition(["G-J", "G-I"]), ["G-J", "G-I"]), ["G-J"], "J missing: keep G-J")
        XCTAssertEqual(labels(try partition(["G-J", "G-I", "J"]), ["G-J", "G-I", "J"]), ["G-I", "J"])
        XCTAssertEqual(labels(try partition(["10", "16", "62"]), ["10", "16", "62"]), ["10", "16", "62"], "divisions alone")
        XCTAssertEqual(labels(try partition(["MIN", "WOOD"]), ["MIN", "WOOD"]), ["MIN", "WOOD"], "codes outside the registry")
    }

    func testAnOverlappingListIsRefused() {
        let codes = ["B-E", "C", "A"]
        let d = Dimension(name: "industry", role: .industry, labels: codes)
        XCTAssertThrowsError(try IndustryPartition.explicit([0, 1], dimension: d, registry: registry)) { e in
            let x = e as! Diagnostic
            XCTAssertEqual(x.message, "`B-E` and `C` overlap: C is part of B-E, so they would be counted twice")
            XCTAssertEqual(x.help, "list industries that do not overlap, e.g. A, B-E, F, G-I, J, K, L, M-N, O-Q, R-U")
        }
        XCTAssertNoThrow(try IndustryPartition.explicit([0, 2], dimension: d, registry: registry))
    }

    func testLQOnTheMixedFileUsesTheCountiesAndTheA10Groups() throws {
        let c = try CSVLoader.load(path: fixture, name: "es")
        let kalmar = c.region.index(of: "SE213")!
        let t = try LocationQuotient.compute(c, LQRequest(measure: 0, year: 2017, regions: [kalmar]), registry: registry)
        XCTAssertEqual(t.rowCount, 10)
        XCTAssertTrue(t.footer.contains("reference: sum of the 2 loaded regions at level county"), "\(t.footer)")
        XCTAssertTrue(t.footer.contains { $0.hasPrefix("industries: A, B-E, F, G-I, J, K, L, M-N, O-Q, R-U (10)") })
        guard case .number(let lq) = t.columns[4].values else { return XCTFail() }
        // A: Kalmar 5 of 108; the two counties 8 of 108 + 56.1 (Sweden's own row is not added).
        XCTAssertEqual(lq[0], (5.0 / 108) / (8.0 / 164.1), accuracy: 1e-12)
    }

    func testAggregatingToALevel() throws {
        let csv = "region,industry,year,x\nR1,01,2020,1\nR1,02,2020,2\nR1,10,2020,4\nR2,01,2020,1\nR2,02,2020,1\nR2,10,2020,1\n"
        let c = try CSVLoader.load(path: Fixture.write("lv.csv", csv), name: "d")
        var q = LQRequest(measure: 0, year: 2020)
        q.industries = .level("section")
        let t = try LocationQuotient.compute(c, q, registry: registry)
        guard case .coded(let codes, let dim) = t.columns[1].values, case .number(let lq) = t.columns[4].values else { return XCTFail() }
        XCTAssertEqual(codes.map { dim.labels[Int($0)] }, ["A", "C", "A", "C"])
        XCTAssertEqual(lq[0], (3.0 / 7) / (5.0 / 10), accuracy: 1e-12)
    }

    func testAreaMatchingAndCompactMembers() {
        let a = Area(name: "bio", members: ["01", "02", "03", "10", "11", "16"], definition: "")
        XCTAssertEqual(a.compactMembers, "01..03, 10, 11, 16")
        let d = Dimension(name: "industry", role: .industry, labels: ["A", "10", "C", "62"])
        let (inside, partly) = a.match([0, 1, 2, 3], d, registry: registry)
        XCTAssertEqual(inside, [0, 1], "A = 01..03 is wholly inside")
        XCTAssertEqual(partly, ["C"], "C is only partly inside")
    }
}
