// CodeColumnTests.swift — key columns take two bytes a row when every code fits and four
// when one does not; the width never changes a value, a load, an equality or a workspace.
import XCTest
@testable import SpetsCore

final class CodeColumnTests: XCTestCase {
    func testCodesThatFitAreKeptInTwoBytesAndReadTheSame() {
        let fit: [Int32] = [0, 5, 32_767, -32_768, 2021]
        let narrow = CodeColumn(fit), wide = CodeColumn(fit + [32_768])
        XCTAssertTrue(narrow.isNarrow)
        XCTAssertFalse(wide.isNarrow)
        XCTAssertEqual(Array(narrow), fit)
        XCTAssertEqual(Array(wide), fit + [32_768])
        XCTAssertEqual(narrow, CodeColumn(wide: fit), "equal values are equal columns whatever the width")
        XCTAssertNotEqual(narrow, CodeColumn(wide: fit + [1]))
        XCTAssertEqual(narrow.bounds?.min, -32_768)
        XCTAssertEqual(wide.bounds?.max, 32_768)
        XCTAssertNil(CodeColumn().bounds)
        XCTAssertEqual(narrow.kept([true, false, true, false, true], count: 3), [0, 32_767, 2021])
        let grown = narrow.appending([70_000])
        XCTAssertFalse(grown.isNarrow, "a code past Int16 widens the column")
        XCTAssertEqual(Array(grown), fit + [70_000])
        narrow.withWords { w in XCTAssertEqual((0..<w.count).map { w[$0] }, fit) }
        wide.withWords { w in XCTAssertEqual((0..<w.count).map { w[$0] }, fit + [32_768]) }
    }

    /// `regions` distinct regions, two rows each, labels padded so the file passes the size at
    /// which a load reads two halves at once.
    private func manyRegions(_ regions: Int) -> String {
        var csv = "region,industry,year,employment\n"
        for r in 0..<regions {
            let label = "REGION-WITH-A-LONG-LABEL-" + String(r)
            csv += "\(label),A,2020,\(r)\n\(label),B,2020,\(r % 7)\n"
        }
        return csv
    }

    private func check(_ c: Cube, regions: Int, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(c.count, 2 * regions, file: file, line: line)
        XCTAssertEqual(c.region.count, regions, file: file, line: line)
        XCTAssertTrue(c.isConsistent, file: file, line: line)
        for k in stride(from: 0, to: c.count, by: 997) {
            let r = k / 2
            XCTAssertEqual(c.region.labels[Int(c.regionCodes[k])], "REGION-WITH-A-LONG-LABEL-\(r)", "row \(k)", file: file, line: line)
            XCTAssertEqual(c.industry!.labels[Int(c.industryCodes[k])], k % 2 == 0 ? "A" : "B", file: file, line: line)
            XCTAssertEqual(c.measures[0].values[k], Double(k % 2 == 0 ? r : r % 7), file: file, line: line)
        }
    }

    /// 40,000 regions: each half of the file has fewer than 32,768 of its own, the file more;
    /// the load reads again with four-byte codes and loses none (two halves and one pass alike).
    func testMoreRegionsThanTwoBytesHoldAreReadWithFour() throws {
        let path = Fixture.write("many-regions.csv", manyRegions(40_000))
        XCTAssertGreaterThan(try FileIO.read(path).count, CSVLoader.parallelThreshold, "the two-halves path is taken")
        let c = try CSVLoader.load(path: path, name: "d")
        XCTAssertFalse(c.regionCodes.isNarrow)
        XCTAssertTrue(c.industryCodes.isNarrow == false && c.years.isNarrow == false, "one load, one width")
        check(c, regions: 40_000)
        CSVLoader.plainRows = false
        defer { CSVLoader.plainRows = true }
        let general = try CSVLoader.load(path: path, name: "d")
        XCTAssertEqual(general.regionCodes, c.regionCodes)
        XCTAssertEqual(general.measures[0].values, c.measures[0].values)
    }

    /// 80,000 regions: each half passes 32,768 on its own and both stop there; read again
    /// with four-byte codes, once. With a value the counts' words cannot keep late in the second
    /// half too, the second pass stops at it and a third reads the file whole. Nothing is lost.
    func testPassesStopAtTheFirstOverflowAndTheLastOneReadsEverything() throws {
        let plain = manyRegions(80_000)
        let c = try CSVLoader.load(path: Fixture.write("more-regions.csv", plain), name: "d")
        XCTAssertFalse(c.regionCodes.isNarrow)
        XCTAssertNotNil(c.measures[0].scaled)
        XCTAssertEqual(CSVLoader.passes, 2)
        check(c, regions: 80_000)
        var lines = plain.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let k = 155_001   // a data row near the end of the second half (line 0 is the header)
        lines[k] = lines[k].split(separator: ",").dropLast().joined(separator: ",") + ",1.23456"
        let mixed = try CSVLoader.load(path: Fixture.write("more-regions-late.csv", lines.joined(separator: "\n")), name: "d")
        XCTAssertEqual(CSVLoader.passes, 3, "keys, then the late value")
        XCTAssertFalse(mixed.regionCodes.isNarrow)
        XCTAssertNil(mixed.measures[0].scaled, "the counts met a value with five decimals")
        XCTAssertEqual(mixed.measures[0].values[k - 1], 1.23456)
        XCTAssertEqual(mixed.count, 160_000)
        XCTAssertEqual(mixed.region.labels[Int(mixed.regionCodes[k - 1])], "REGION-WITH-A-LONG-LABEL-\((k - 1) / 2)")
    }

    /// 40,000 regions, 20,000 a half, and an odd value in the first block: both halves stop
    /// at once (the other half is told), the second pass reads the counts as doubles and finds
    /// the halves' codes together past 32,768 only when they are joined, and the third reads
    /// with four-byte codes. The first pass read a block or two of each half.
    func testAnOddValueAndTooManyCodesAcrossTheHalves() throws {
        var lines = manyRegions(40_000).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[1001] = lines[1001].split(separator: ",").dropLast().joined(separator: ",") + ",1.23456"
        let c = try CSVLoader.load(path: Fixture.write("regions-odd-early.csv", lines.joined(separator: "\n")), name: "d")
        XCTAssertEqual(CSVLoader.passes, 3)
        XCTAssertFalse(c.regionCodes.isNarrow)
        XCTAssertNil(c.measures[0].scaled)
        XCTAssertEqual(c.measures[0].values[1000], 1.23456)
        XCTAssertEqual(c.count, 80_000)
    }

    func testAnOrdinaryLoadIsNarrow() throws {
        let c = try CSVLoader.load(path: Fixture.write("few-regions.csv", manyRegions(300)), name: "d")
        XCTAssertTrue(c.regionCodes.isNarrow && c.industryCodes.isNarrow && c.years.isNarrow)
        check(c, regions: 300)
    }

    /// Narrow and wide columns come back from a workspace as they went in; a workspace of
    /// schema 1 (four bytes always) still opens, and the first save of narrow columns marks
    /// it schema 2 so that an older spets refuses it instead of misreading it.
    func testWorkspacesKeepEitherWidthAndReadSchemaOne() throws {
        let path = Fixture.dir + "/widths-\(UUID().uuidString).spetsdb"
        let wide = try CSVLoader.load(path: Fixture.write("many-regions.csv", manyRegions(40_000)), name: "wide")
        let small = try CSVLoader.load(path: Fixture.write("few.csv", "region,year,x\nA,2020,1\nB,2021,2\n"), name: "small")
        // As schema 1 wrote it: every code column four bytes.
        let old = Cube(name: "old", source: "test", region: small.region, industry: nil, extras: [],
                       regionCodes: CodeColumn(wide: small.regionCodes.array), industryCodes: [],
                       years: CodeColumn(wide: small.years.array), extraCodes: [], measures: small.measures)
        do {
            let ws = try Workspace(path: path)
            try ws.save(wide)
            try ws.save(old)
        }
        do {
            let db = try SQLiteDB(path: path)
            try db.exec("DELETE FROM datasets WHERE name = 'wide'; UPDATE meta SET value = '1' WHERE key = 'schema_version'")
        }
        do {
            let ws = try Workspace(path: path)
            let back = try ws.loadAll()
            XCTAssertEqual(back.map(\.name), ["old"])
            XCTAssertFalse(back[0].regionCodes.isNarrow, "schema 1's four-byte codes are read as they are")
            XCTAssertEqual(back[0].regionCodes, small.regionCodes)
            XCTAssertEqual(back[0].years, [2020, 2021])
            try ws.save(wide)
            try ws.save(small)
        }
        let db = try SQLiteDB(path: path)
        let v = try db.prepare("SELECT value FROM meta WHERE key = 'schema_version'")
        XCTAssertTrue(try v.step())
        XCTAssertEqual(v.text(0), "2")
        let back = try Workspace(path: path).loadAll()
        let w = try XCTUnwrap(back.first { $0.name == "wide" }), s = try XCTUnwrap(back.first { $0.name == "small" })
        XCTAssertFalse(w.regionCodes.isNarrow)
        XCTAssertEqual(w.regionCodes, wide.regionCodes)
        check(w, regions: 40_000)
        XCTAssertTrue(s.regionCodes.isNarrow && s.years.isNarrow)
        XCTAssertEqual(s.years, [2020, 2021])
    }

    /// A two-byte code column in a workspace of schema 1 (which wrote four bytes always) is
    /// damage too: refused, not read as codes.
    func testTwoByteCodesInASchemaOneWorkspaceAreRefused() throws {
        let path = Fixture.dir + "/schema1-narrow-\(UUID().uuidString).spetsdb"
        let small = try CSVLoader.load(path: Fixture.write("few.csv", "region,year,x\nA,2020,1\nB,2021,2\n"), name: "small")
        do { try Workspace(path: path).save(small) }
        do { try SQLiteDB(path: path).exec("UPDATE meta SET value = '1' WHERE key = 'schema_version'") }
        XCTAssertThrowsError(try Workspace(path: path).loadAll()) { e in
            XCTAssertEqual((e as? Diagnostic)?.message, "workspace dataset small is damaged (a column holds 1 values for 2 rows)")
        }
    }

    /// A code column of a size that is neither two nor four bytes a row is damage, named.
    func testACodeColumnOfAnotherSizeIsRefused() throws {
        let path = Fixture.dir + "/damaged-codes-\(UUID().uuidString).spetsdb"
        let small = try CSVLoader.load(path: Fixture.write("few.csv", "region,year,x\nA,2020,1\nB,2021,2\n"), name: "small")
        do { try Workspace(path: path).save(small) }
        do {
            let db = try SQLiteDB(path: path)
            try db.exec("UPDATE dataset_dimensions SET codes = x'000000' WHERE dataset = 'small'")
        }
        XCTAssertThrowsError(try Workspace(path: path).loadAll()) { e in
            XCTAssertEqual((e as? Diagnostic)?.message, "workspace dataset small is damaged (a column holds 0 values for 2 rows)")
        }
    }
}
