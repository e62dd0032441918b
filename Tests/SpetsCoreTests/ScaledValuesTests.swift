// ScaledValuesTests.swift — a measure kept as four-byte words gives back every value to the
// bit; a value the words cannot keep makes the load keep the measure as Double; analyses,
// workspaces and reopens read the words without changing a figure.
import XCTest
@testable import SpetsCore

final class ScaledValuesTests: XCTestCase {
    func testOnlyValuesThatComeBackToTheBitAreKept() {
        XCTAssertEqual(ScaledValues.decimals(for: [1, 2, 3_000_000]), 0)
        XCTAssertEqual(ScaledValues.decimals(for: [315.3, 2, .nan]), 1, "missing is a word of its own")
        XCTAssertEqual(ScaledValues.decimals(for: [0.1234, 12.5]), 4)
        XCTAssertNil(ScaledValues.decimals(for: [0.12345]), "more than four decimals")
        XCTAssertNil(ScaledValues.decimals(for: [-0.0]), "-0 would come back as +0")
        XCTAssertNil(ScaledValues.decimals(for: [3e9]), "past Int32")
        XCTAssertNil(ScaledValues.decimals(for: [.infinity]))
        for v in [315.3, -12.25, 0.1, 0.7, 2_147_483.647, 1e-4, 99_999.9999] {
            for d in 0...4 {
                guard let w = ScaledValues.encode(v, ScaledValues.power(d)) else { continue }
                XCTAssertEqual(ScaledValues.value(w, ScaledValues.power(d)).bitPattern, v.bitPattern, "\(v) at \(d) decimals")
            }
        }
        XCTAssertNil(ScaledValues.encode(-2_147_483_648, 1), "the missing word is never a value")
        XCTAssertTrue(ScaledValues.value(ScaledValues.missing, 10).isNaN)
        let s = ScaledValues(words: [3153, ScaledValues.missing, -5], decimals: 1)
        XCTAssertEqual(s.values.map(\.bitPattern), [315.3, .nan, -0.5].map(\.bitPattern))
    }

    /// Each cell's value as the text says it, correctly rounded (Swift's `Double(String)`).
    private func csv(rows: Int, late: String? = nil) -> (String, [Double], [Double]) {
        var text = "region,industry,year,employment,value_added\n"
        var e: [Double] = [], v: [Double] = []
        for k in 0..<rows {
            let emp = "\(k % 977)", va = k == rows - 1 && late != nil ? late! : "\(k % 613).\(k % 10)"
            text += "R\(k / 20),I\(k % 20),2020,\(emp),\(va)\n"
            e.append(Double(emp)!); v.append(Double(va) ?? .nan)
        }
        return (text, e, v)
    }

    func testACountAndAOneDecimalMeasureLoadAsWords() throws {
        let (text, e, v) = csv(rows: 60_000)
        let c = try CSVLoader.load(path: Fixture.write("scaled.csv", text), name: "d")
        XCTAssertEqual(c.measures[0].scaled?.decimals, 0)
        XCTAssertEqual(c.measures[1].scaled?.decimals, 1)
        XCTAssertEqual(c.measures[0].values.map(\.bitPattern), e.map(\.bitPattern))
        XCTAssertEqual(c.measures[1].values.map(\.bitPattern), v.map(\.bitPattern))
    }

    /// The sample (the first 1,000 rows) had one decimal; the last row has five, or a number
    /// past Int32: the file is read again with that measure as Double, and nothing is lost.
    func testALaterValueTheWordsCannotKeepIsReadAsDouble() throws {
        for late in ["1.23456", "9876543210.5", "-0"] {
            let (text, e, v) = csv(rows: 60_000, late: late)
            let c = try CSVLoader.load(path: Fixture.write("late.csv", text), name: "d")
            XCTAssertNotNil(c.measures[0].scaled, late)
            XCTAssertNil(c.measures[1].scaled, late)
            XCTAssertEqual(c.measures[0].values.map(\.bitPattern), e.map(\.bitPattern), late)
            XCTAssertEqual(c.measures[1].values.map(\.bitPattern), v.map(\.bitPattern), late)
        }
    }

    /// A slice of a scaled measure (two threads or one) is the slice of the same values as
    /// doubles, to the bit.
    func testSlicesOfWordsAreSlicesOfTheirValues() throws {
        let c = RowPiecesTests.panel()
        let values = c.measures[0].values.map { $0.isNaN ? $0 : ($0 * 10).rounded() / 10 }
        let words = values.map { ScaledValues.encode($0, 10)! }
        func cube(_ m: Measure) -> Cube {
            Cube(name: "d", source: "test", region: c.region, industry: c.industry, extras: [], regionCodes: c.regionCodes,
                 industryCodes: c.industryCodes, years: c.years, extraCodes: [], measures: [m])
        }
        let asDoubles = cube(Measure(name: "x", values: values))
        let asWords = cube(Measure(name: "x", scaled: ScaledValues(words: words, decimals: 1)))
        XCTAssertNotNil(YearSlice.halves(asWords, asWords.measures[0], 2020, cells: 1100 * 100))
        for year in [2013, 2020] {
            let a = try YearSlice.scan(asDoubles, measure: 0, year: year), b = try YearSlice.scan(asWords, measure: 0, year: year)
            XCTAssertEqual(a.x.map(\.bitPattern), b.x.map(\.bitPattern))
            XCTAssertEqual(a.present, b.present)
            XCTAssertEqual(a.missing, b.missing)
        }
    }

    /// Stored as words, read back as words: now (a small dataset) or on first use (a large one).
    func testWorkspacesKeepTheWords() throws {
        let (text, e, v) = csv(rows: 3_000)
        let c = try CSVLoader.load(path: Fixture.write("ws-scaled.csv", text), name: "d")
        for deferred in [false, true] {
            let saved = Workspace.parallelReopenRows
            Workspace.parallelReopenRows = deferred ? 1 : 1_000_000
            defer { Workspace.parallelReopenRows = saved }
            let path = Fixture.dir + "/scaled-\(UUID().uuidString).spetsdb"
            do { try Workspace(path: path).save(c) }
            do {
                let db = try SQLiteDB(path: path)
                let st = try db.prepare("SELECT length(vals), decimals FROM dataset_measures ORDER BY position")
                XCTAssertTrue(try st.step()); XCTAssertEqual(st.int(0), 3_000 * 4); XCTAssertEqual(st.int(1), 0)
                XCTAssertTrue(try st.step()); XCTAssertEqual(st.int(0), 3_000 * 4); XCTAssertEqual(st.int(1), 1)
            }
            let back = try Workspace(path: path).loadAll()[0]
            XCTAssertEqual(back.measures.map(\.isDeferred), [deferred, deferred])
            XCTAssertEqual(back.measures.map { $0.scaled?.decimals }, [0, 1])
            XCTAssertEqual(back.measures[0].values.map(\.bitPattern), e.map(\.bitPattern))
            XCTAssertEqual(back.measures[1].values.map(\.bitPattern), v.map(\.bitPattern))
        }
    }

    /// Raising the decimals for a later sample value must keep the earlier ones in range:
    /// 2,000,000,000 and 0.5 have no common word, so the measure is Double from the start.
    func testTheSampleDecidesDecimalsThatKeepEveryValue() {
        XCTAssertNil(ScaledValues.decimals(for: [2_000_000_000, 0.5]))
        XCTAssertEqual(ScaledValues.decimals(for: [200_000_000, 0.5]), 1)
    }

    /// A measure stored as doubles of the wrong length is refused on open for a small dataset
    /// too, a stored width spets does not know is named, and a slice never reads past a
    /// column that is shorter than the rows.
    func testDamagedMeasuresAreRefusedNotRead() throws {
        let text = "region,industry,year,share\nA,X,2020,0.123456\nB,X,2020,0.5\nC,X,2020,0.25\n"
        let c = try CSVLoader.load(path: Fixture.write("dbl.csv", text), name: "d")
        XCTAssertNil(c.measures[0].scaled, "six decimals: doubles")
        for (damage, said) in [("UPDATE dataset_measures SET vals = substr(vals, 1, 16)", "workspace dataset d is damaged (a column holds 2 values for 3 rows)"),
                               ("UPDATE dataset_measures SET decimals = 7", "workspace dataset d is damaged (measure share is stored with 7 decimals; 0 to 4 are known)")] {
            let path = Fixture.dir + "/dbl-\(UUID().uuidString).spetsdb"
            do { try Workspace(path: path).save(c) }
            do { try SQLiteDB(path: path).exec(damage) }
            XCTAssertThrowsError(try Workspace(path: path).loadAll()) { e in XCTAssertEqual((e as? Diagnostic)?.message, said) }
        }
        let short = Cube(name: "d", source: "test", region: c.region, industry: c.industry, extras: [], regionCodes: c.regionCodes,
                         industryCodes: c.industryCodes, years: c.years, extraCodes: [], measures: [Measure(name: "x", values: [1, 2])])
        XCTAssertThrowsError(try YearSlice.scan(short, measure: 0, year: 2020)) { e in
            XCTAssertEqual((e as? Diagnostic)?.message, "workspace dataset d is damaged (a column holds 2 values for 3 rows)")
        }
    }

    /// Words of another size than four bytes a row are damage, named when the workspace opens.
    func testWordsOfTheWrongSizeAreRefused() throws {
        let (text, _, _) = csv(rows: 30)
        let path = Fixture.dir + "/scaled-damaged-\(UUID().uuidString).spetsdb"
        do { try Workspace(path: path).save(try CSVLoader.load(path: Fixture.write("dmg.csv", text), name: "d")) }
        do {
            let db = try SQLiteDB(path: path)
            try db.exec("UPDATE dataset_measures SET vals = substr(vals, 1, 100) WHERE position = 1")
        }
        XCTAssertThrowsError(try Workspace(path: path).loadAll()) { e in
            XCTAssertEqual((e as? Diagnostic)?.message, "workspace dataset d is damaged (a column holds 25 values for 30 rows)")
        }
    }
}
