// SliceCacheTests.swift — the session's reuse of year slices and the aggregate regions
// `compare` adds: the same numbers as computing afresh, and no stale or leaked datasets.
import XCTest
@testable import SpetsCore

final class SliceCacheTests: XCTestCase {
    /// A slice asked for twice comes from the cache; another dataset object (a filter, a new
    /// load) never gets a slice of the old one; the cache never keeps a dataset alive.
    func testSlicesAreReusedPerDatasetObjectOnly() throws {
        let csv = "region,industry,year,x\nA,C,2020,1\nA,F,2020,2\nB,C,2020,3\nB,F,2020,4\nA,C,2021,5\n"
        let a = try CSVLoader.load(path: Fixture.write("sc.csv", csv), name: "a")
        let s1 = try YearSlice.build(a, measure: 0, year: 2020)
        XCTAssertNotNil(SliceCache.shared.find(a, 0, 2020))
        XCTAssertEqual(try YearSlice.build(a, measure: 0, year: 2020).x, s1.x)
        let b = a.subset([false, true, true, true, true], name: "b")
        XCTAssertNil(SliceCache.shared.find(b, 0, 2020))
        XCTAssertTrue(try YearSlice.build(b, measure: 0, year: 2020).x[0].isNaN, "b's own rows: A C 2020 is gone")
        weak var gone: Cube? = nil
        do {
            let c = try CSVLoader.load(path: Fixture.write("sc2.csv", csv), name: "c")
            _ = try YearSlice.build(c, measure: 0, year: 2021)
            gone = c
        }
        XCTAssertNil(gone, "a dataset is not kept alive by its cached slices")
    }

    /// The reference region `compare` adds is the members' sum per industry and year, by the
    /// dense index as by the dictionary (hand-checked: A+B per industry and year).
    func testAggregateSumsMembersPerCell() throws {
        let csv = "region,industry,year,x\nA,C,2020,1\nA,F,2020,2\nB,C,2020,3\nB,F,2020,\nA,C,2021,5\n"
        let a = try CSVLoader.load(path: Fixture.write("agg.csv", csv), name: "a")
        let (c, code) = a.addingAggregate(code: "AB", name: "A and B", members: [0, 1], level: 3)
        let rows = (0..<c.count).filter { c.regionCodes[$0] == code }
        let got = rows.map { "\(c.industry!.labels[Int(c.industryCodes[$0])]) \(c.years[$0]) \(c.measures[0].values[$0])" }
        XCTAssertEqual(got, ["C 2020 4.0", "F 2020 2.0", "C 2021 5.0"])
        XCTAssertTrue(c.isConsistent)
    }
}
