// RowPiecesTests.swift — work split over pieces of the rows (halves on two threads, the
// chunks a reopen copies) gives what one pass over all of them gives, to the bit.
import XCTest
@testable import SpetsCore

final class RowPiecesTests: XCTestCase {
    /// 1,100 regions × 100 industries × 10 years (1.1 M rows, above the two-thread threshold);
    /// region R7 has no rows, one cell is missing, and `extra` rows are appended.
    static func panel(extra: [(r: Int32, i: Int32, y: Int32, v: Double)] = []) -> Cube {
        var rc: [Int32] = [], ic: [Int32] = [], ys: [Int32] = [], xs: [Double] = []
        var g = SystemRandomNumberGenerator()
        for r in Int32(0)..<1100 where r != 7 { for i in Int32(0)..<100 { for y in Int32(2013)...2022 {
            rc.append(r); ic.append(i); ys.append(y)
            xs.append(r == 3 && i == 4 && y == 2020 ? .nan : Double(UInt32.random(in: 0...100_000, using: &g)) / 7)
        } } }
        for e in extra { rc.append(e.r); ic.append(e.i); ys.append(e.y); xs.append(e.v) }
        let region = Dimension(name: "region", role: .region, labels: (0..<1100).map { "R\($0)" })
        let industry = Dimension(name: "industry", role: .industry, labels: (0..<100).map { "I\($0)" })
        return Cube(name: "d", source: "test", region: region, industry: industry, extras: [], regionCodes: CodeColumn(rc),
                    industryCodes: CodeColumn(ic), years: CodeColumn(ys), extraCodes: [], measures: [Measure(name: "x", values: xs)])
    }

    func oneThread<T>(_ f: () throws -> T) rethrows -> T {
        let before = Parallel.threads
        Parallel.threads = 1
        defer { Parallel.threads = before }
        return try f()
    }

    func assertSame(_ a: YearSlice, _ b: YearSlice, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.x.map(\.bitPattern), b.x.map(\.bitPattern), file: file, line: line)
        XCTAssertEqual(a.present, b.present, file: file, line: line)
        XCTAssertEqual(a.missing, b.missing, file: file, line: line)
    }

    func testSliceInHalvesIsTheOneThreadSlice() throws {
        let c = Self.panel()
        XCTAssertNotNil(YearSlice.halves(c, c.measures[0], 2020, cells: 1100 * 100))
        for year in [2013, 2020, 2022] {
            let two = try YearSlice.scan(c, measure: 0, year: year)
            let one = try oneThread { try YearSlice.scan(c, measure: 0, year: year) }
            assertSame(two, one)
        }
        let s = try YearSlice.scan(c, measure: 0, year: 2020)
        XCTAssertEqual(s.missing, 1)
        XCTAssertFalse(s.present[7 * 100 + 5])
        XCTAssertThrowsError(try YearSlice.scan(c, measure: 0, year: 2030))
    }

    /// A cell with rows in both halves is summed in row order: (0.1 + 0.2) + 0.3, which is not
    /// 0.1 + (0.2 + 0.3) — so the halves step aside for the one-thread scan.
    func testACellInBothHalvesIsSummedInRowOrder() throws {
        let first = Self.panel()
        let k = (0..<first.count).first { first.regionCodes[$0] == 2 && first.industryCodes[$0] == 9 && first.years[$0] == 2021 }!
        var xs = first.measures[0].values
        xs[k] = 0.1
        let c = Self.panel(extra: [(2, 9, 2021, 0.2), (2, 9, 2021, 0.3)])
        let d = Cube(name: "d", source: "test", region: c.region, industry: c.industry, extras: [], regionCodes: c.regionCodes,
                     industryCodes: c.industryCodes, years: c.years, extraCodes: [], measures: [Measure(name: "x", values: xs + [0.2, 0.3])])
        XCTAssertNil(YearSlice.halves(d, d.measures[0], 2021, cells: 1100 * 100))
        let two = try YearSlice.scan(d, measure: 0, year: 2021)
        XCTAssertEqual(two.x[2 * 100 + 9], (0.1 + 0.2) + 0.3)
        XCTAssertNotEqual(two.x[2 * 100 + 9], 0.1 + (0.2 + 0.3))
        assertSame(two, try oneThread { try YearSlice.scan(d, measure: 0, year: 2021) })
    }

    func testSummaryInHalvesAndFromAReopen() throws {
        let c = Self.panel()
        XCTAssertEqual(c.distinctYears, Array(2013...2022))
        XCTAssertEqual(c.regionsWithRows, (0..<1100).map { $0 != 7 })
        let one = try oneThread { () -> RowSummary in Self.panel().rowSummary }
        XCTAssertEqual(one, c.rowSummary)
        // Kept with the dataset: a reopen reads it instead of passing over the rows.
        let path = Fixture.dir + "/summary-\(UUID().uuidString).spetsdb"
        do { try Workspace(path: path).save(c) }
        let back = try Workspace(path: path).loadAll()[0]
        XCTAssertNotNil(back.knownSummary)
        XCTAssertEqual(back.rowSummary, c.rowSummary)
    }

    /// A workspace without the summary (written before it was kept, or by hand), or with one
    /// that does not fit its dataset, reopens with the summary worked out from the rows.
    func testMissingOrMalformedSummaryIsWorkedOut() throws {
        let csv = "region,industry,year,x\nA,X,2020,1\nC,X,2021,2\nC,Y,2019,3\n"
        let d = try CSVLoader.load(path: Fixture.write("kept.csv", csv), name: "d")
        let truth = RowSummary(years: [2019, 2020, 2021], regions: [true, true])
        for damage in ["ALTER TABLE dataset_years DROP COLUMN distinct_years; ALTER TABLE dataset_years DROP COLUMN regions_with_rows",
                       "UPDATE dataset_years SET distinct_years = NULL, regions_with_rows = NULL",
                       "UPDATE dataset_years SET regions_with_rows = x'0102'",
                       "UPDATE dataset_years SET regions_with_rows = x'01'",
                       "UPDATE dataset_years SET distinct_years = x'e5070000e4070000'",
                       "UPDATE dataset_years SET distinct_years = x''",
                       "UPDATE dataset_years SET distinct_years = x'e3070000e4070000e50700'",
                       "UPDATE dataset_years SET regions_with_rows = x'0000'",
                       // a migration cut short: the first column there, the second not
                       "ALTER TABLE dataset_years DROP COLUMN regions_with_rows"] {
            let path = Fixture.dir + "/kept-\(UUID().uuidString).spetsdb"
            do { try Workspace(path: path).save(d) }
            do { let db = try SQLiteDB(path: path); try db.exec(damage) }
            let back = try Workspace(path: path).loadAll()[0]
            XCTAssertNil(back.knownSummary, damage)
            XCTAssertEqual(back.rowSummary, truth, damage)
            // Saved again after the columns came back, the summary is kept.
            do { try Workspace(path: path).save(back.renamed("e")) }
            XCTAssertEqual(try Workspace(path: path).loadAll().first { $0.name == "e" }?.knownSummary, truth, damage)
        }
    }

    /// Years outside 1000–9999 take the general path; a code outside its dimension is not
    /// counted as a region with rows.
    func testSummaryOfOddYearsAndCodes() {
        var s = RowSummary.Tally(regions: 3)
        let ys: [Int32] = [2020, 999, 12_000, 2020]
        CodeColumn(ys).withWords { s.addYears($0, 0..<$0.count) }
        ([0, 2, 5, -1] as CodeColumn).withWords { s.addRegions($0, 0..<$0.count) }
        XCTAssertTrue(s.otherYears)
        XCTAssertEqual(s.years(all: CodeColumn(ys)), [999, 2020, 12_000])
        XCTAssertEqual(s.regions, [true, false, true])
        var t = RowSummary.Tally(regions: 3)
        ([1] as CodeColumn).withWords { t.addRegions($0, 0..<$0.count) }
        ([1990] as CodeColumn).withWords { t.addYears($0, 0..<$0.count) }
        t.merge(s)
        XCTAssertEqual(t.regions, [true, true, true])
        XCTAssertEqual(t.years(all: CodeColumn(ys + [1990])), [999, 1990, 2020, 12_000])
    }
}
