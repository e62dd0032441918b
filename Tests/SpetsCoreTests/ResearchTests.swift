// ResearchTests.swift — the research-strength measures by hand: the activity index on a
// 3 × 4 table (each reference), MNCS and the top 10 % share on 20 publications with a tie
// at the 10 % boundary (shared out: the tenth is exact), full and fractional counting.
import XCTest
@testable import SpetsCore

final class ResearchTests: XCTestCase {
    func close(_ a: [Double], _ b: [Double], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, what, file: file, line: line)
        for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: 1e-9, what, file: file, line: line) }
    }

    func numbers(_ t: Table, _ name: String) -> [Double] {
        guard let i = t.columnIndex(name), case .number(let v) = t.columns[i].values else { XCTFail("no \(name)"); return [] }
        return v
    }

    /// A: 10 20 30 40, B: 40 30 20 10, C: 0 10 10 80 in fields 101 102 201 202 (2020);
    /// a 2019 row outside the window must not count.
    func activityCube() throws -> Cube {
        var csv = "organisation,field,year,publications\n"
        let v: [(String, [Int])] = [("A", [10, 20, 30, 40]), ("B", [40, 30, 20, 10]), ("C", [0, 10, 10, 80])]
        for (o, xs) in v { for (f, x) in zip(["101", "102", "201", "202"], xs) { csv += "\(o),\(f),2020,\(x)\n" } }
        csv += "A,101,2019,1000\n"
        return try CSVLoader.load(path: Fixture.write("activity.csv", csv), name: "p")
    }

    func testActivityIndexByHand() throws {
        let cube = try activityCube()
        XCTAssertEqual(cube.industry?.name, "field")
        XCTAssertEqual(cube.region.name, "organisation")
        var q = ActivityRequest(measure: 0, window: 2020...2020)
        q.organisations = [cube.region.index(of: "A")!]
        // Reference all: field totals 50 60 60 130 of 300.
        close(numbers(try Research.activity(cube, q, fields: ResearchFields()), "activity"), [0.6, 1.0, 1.5, 12.0 / 13.0], "vs all")
        q.reference = .rest      // B + C: 40 40 30 90 of 200
        close(numbers(try Research.activity(cube, q, fields: ResearchFields()), "activity"), [0.5, 1.0, 2.0, 0.4 / 0.45], "vs rest")
        q.reference = .organisation(cube.region.index(of: "B")!)   // 0.4 0.3 0.2 0.1
        close(numbers(try Research.activity(cube, q, fields: ResearchFields()), "activity"), [0.25, 0.2 / 0.3, 1.5, 4.0], "vs B")
        q.reference = .all
        q.major = true            // 1: 30 of 100 against 110 of 300; 2: 70 against 190
        close(numbers(try Research.activity(cube, q, fields: ResearchFields()), "activity"), [0.3 / (110.0 / 300), 0.7 / (190.0 / 300)], "major")
        q.major = false
        q.areas = [FieldLink(area: "x", title: "X", fields: ["101", "202"])]   // 50 of 100 against 180 of 300
        close(numbers(try Research.activity(cube, q, fields: ResearchFields()), "activity"), [0.5 / 0.6], "area")
        // Shares sum to 1 over the fields; the window excludes 2019.
        q.areas = nil
        let t = try Research.activity(cube, q, fields: ResearchFields())
        XCTAssertEqual(numbers(t, "share").reduce(0, +), 1, accuracy: 1e-12)
        XCTAssertEqual(numbers(t, "reference_share").reduce(0, +), 1, accuracy: 1e-12)
        XCTAssertEqual(numbers(t, "publications"), [10, 20, 30, 40])
        XCTAssertThrowsError(try Research.activity(cube, ActivityRequest(measure: 0, window: 2030...2031), fields: ResearchFields()))
    }

    /// 20 publications of one field and year. X: 50 30 9 8 7 6 5 4 3 2; Y: 30 30 9 8 7 6 5 4 3 0.
    /// e = 226 / 20 = 11.3. Top 10 % = 2 publications: the 50 (G = 0) is in; the three 30s
    /// (G = 1, E = 3) share the one place left, 1/3 each.
    func papers(weightOfFirst: Double = 1) throws -> Cube {
        let x = [50, 30, 9, 8, 7, 6, 5, 4, 3, 2], y = [30, 30, 9, 8, 7, 6, 5, 4, 3, 0]
        var csv = "id,organisation,field,year,citations,weight\n"
        for (k, c) in x.enumerated() { csv += "X\(k),X,101,2020,\(c),\(k == 0 ? weightOfFirst : 1)\n" }
        for (k, c) in y.enumerated() { csv += "Y\(k),Y,101,2020,\(c),1\n" }
        return try CSVLoader.load(path: Fixture.write("papers.csv", csv), name: "p")
    }

    func testMNCSAndTopTenPercentWithATieAtTheBoundary() throws {
        let cube = try papers()
        var q = ImpactRequest(citations: cube.measureIndex("citations")!, window: 2020...2020)
        let t = try Research.impact(cube, q, fields: ResearchFields())
        XCTAssertEqual(t.columns[0].machineText(0), "X")
        close(numbers(t, "mncs"), [12.4 / 11.3, 10.2 / 11.3], "MNCS")
        close(numbers(t, "top10"), [1 + 1.0 / 3, 2.0 / 3], "top 10 % counts")
        close(numbers(t, "pp_top10"), [(1 + 1.0 / 3) / 10, (2.0 / 3) / 10], "PP(top 10 %)")
        // The reference's own top tenth is exactly 2 of 20.
        XCTAssertEqual(numbers(t, "top10").reduce(0, +), 2, accuracy: 1e-12)
        XCTAssertEqual(Research.topShare(30, [50, 30, 30, 30] + Array(repeating: 1.0, count: 16)), 1.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(Research.topShare(40, [50, 30] + Array(repeating: 1.0, count: 18)), 1, "a count the reference lacks, above the tenth")
        // One organisation: a row per field and the TOTAL.
        q.organisations = [cube.region.index(of: "Y")!]
        let y = try Research.impact(cube, q, fields: ResearchFields())
        XCTAssertEqual(y.rowCount, 2)
        close(numbers(y, "mncs"), [10.2 / 11.3, 10.2 / 11.3], "one field = total")
    }

    func testFractionalCounting() throws {
        // X's most cited publication is half X's: Σw = 9.5, Σw·c/e = (25 + 74) / 11.3.
        let cube = try papers(weightOfFirst: 0.5)
        var q = ImpactRequest(citations: cube.measureIndex("citations")!, window: 2020...2020)
        q.weight = cube.measureIndex("weight")
        q.organisations = [cube.region.index(of: "X")!]
        let t = try Research.impact(cube, q, fields: ResearchFields())
        let total = t.rowCount - 1
        XCTAssertEqual(numbers(t, "publications")[total], 9.5)
        XCTAssertEqual(numbers(t, "mncs")[total], (99 / 11.3) / 9.5, accuracy: 1e-12)
        XCTAssertEqual(numbers(t, "top10")[total], 0.5 + 1.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(numbers(t, "pp_top10")[total], (0.5 + 1.0 / 3) / 9.5, accuracy: 1e-12)
    }

    func testSharedPublicationsCountOnceInTheReference() throws {
        // P1 (10 citations) is shared by X and Y; P2 (0) is Y's alone. Unique reference: 10, 0, e = 5.
        let csv = "id,organisation,field,year,citations,weight\nP1,X,101,2020,10,0.5\nP1,Y,101,2020,10,0.5\nP2,Y,101,2020,0,1\n"
        let cube = try CSVLoader.load(path: Fixture.write("shared.csv", csv), name: "p")
        var q = ImpactRequest(citations: cube.measureIndex("citations")!, window: 2020...2020)
        q.weight = cube.measureIndex("weight")
        let t = try Research.impact(cube, q, fields: ResearchFields())
        close(numbers(t, "mncs"), [2, (0.5 * 2 + 0) / 1.5], "X: 10/5; Y: (0.5·2 + 1·0) / 1.5")
    }
}
