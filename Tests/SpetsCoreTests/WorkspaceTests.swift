// WorkspaceTests.swift — a dataset survives close and reopen bit for bit; sql is read-only
// and binds, never splices.
import XCTest
@testable import SpetsCore

final class WorkspaceTests: XCTestCase {
    func testRoundTripRestoresEveryColumn() throws {
        let path = Fixture.dir + "/rt-\(UUID().uuidString).spetsdb"
        let csv = "region,region_name,industry,year,sex,x,y\nA,Alfa,X,2020,M,1.5,..\nB,Beta,X,2021,F,2,3\n"
        let cube = try CSVLoader.load(path: Fixture.write("rt.csv", csv), name: "d")
        do {
            let ws = try Workspace(path: path)
            try ws.save(cube)
            try ws.appendJournal("load \"rt.csv\" as d")
        }
        let ws = try Workspace(path: path)
        let back = try ws.loadAll()
        XCTAssertEqual(back.count, 1)
        let c = back[0]
        XCTAssertEqual(c.name, "d")
        XCTAssertEqual(c.region.labels, ["A", "B"])
        XCTAssertEqual(c.region.names, ["Alfa", "Beta"])
        XCTAssertEqual(c.industry!.labels, ["X"])
        XCTAssertEqual(c.extras.map(\.name), ["sex"])
        XCTAssertEqual(c.extraCodes, cube.extraCodes)
        XCTAssertEqual(c.years, [2020, 2021])
        XCTAssertEqual(c.measures.map(\.name), ["x", "y"])
        XCTAssertEqual(c.measures[0].values, [1.5, 2])
        XCTAssertTrue(c.measures[1].values[0].isNaN, "missing survives the round trip")
        XCTAssertEqual(c.notes, cube.notes)
        XCTAssertEqual(try ws.journal(), ["load \"rt.csv\" as d"])
    }

    /// A new workspace file has 64 KB pages (a column blob's overflow chain is walked page by
    /// page on every reopen); one made before keeps its own.
    func testANewWorkspaceHasLargePages() throws {
        let path = Fixture.dir + "/pages-\(UUID().uuidString).spetsdb"
        do { try Workspace(path: path).save(try CSVLoader.load(path: Fixture.write("pg.csv", "region,year,x\nA,2020,1\n"), name: "d")) }
        let db = try SQLiteDB(path: path)
        let st = try db.prepare("PRAGMA page_size")
        XCTAssertTrue(try st.step())
        XCTAssertEqual(st.int(0), 65_536)
    }

    /// Per-cell flags are stored with their measure and come back cell for cell; a measure
    /// without flags comes back without.
    func testFlagsSurviveTheRoundTrip() throws {
        let path = Fixture.dir + "/flags-\(UUID().uuidString).spetsdb"
        let tsv = "freq,unit,nace_r2,geo\\TIME_PERIOD\t2021 \t2022 \nA,THS,C,SE213\t1 e\t2 p\nA,THS,F,SE213\t3 \t: c\n"
        let cube = try DataFormat.load(path: Fixture.write("fl.tsv", tsv), name: "f")
        let plain = try CSVLoader.load(path: Fixture.write("plain.csv", "region,year,x\nA,2020,1\n"), name: "p")
        do {
            let ws = try Workspace(path: path)
            try ws.save(cube)
            try ws.save(plain)
        }
        let back = try Workspace(path: path).loadAll()
        XCTAssertEqual(back[0].measures[0].flags, CellFlags(labels: ["e", "p", "c"], codes: [1, 2, 0, 3]))
        XCTAssertNil(back[1].measures[0].flags)
        XCTAssertEqual(CellFlags.describe(back[0].measures[0].flags!.counts()), "e (estimated) 1, p (provisional) 1, c (confidential) 1")
    }

    func testSummableDimensionsSurviveTheRoundTrip() throws {
        let path = Fixture.dir + "/sum-\(UUID().uuidString).spetsdb"
        let px = Fixture.writeBytes("sum.px", PXLoaderTests.counties.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
        let cube = try DataFormat.load(path: px, name: "p")
        XCTAssertTrue(cube.extras[0].summable)
        do { try Workspace(path: path).save(cube) }
        let back = try Workspace(path: path).loadAll()[0]
        XCTAssertEqual(back.extras.map(\.name), ["kon"])
        XCTAssertTrue(back.extras[0].summable, "ELIMINATION=YES is kept")
        XCTAssertEqual(back.extras[0].role, .extra)
        XCTAssertFalse(back.region.summable)
        XCTAssertNil(back.extras[0].total)
        let withTotal = Cube(name: "t", source: "s", region: cube.region, industry: nil,
                             extras: [Dimension(name: "kon", role: .extra, labels: ["män", "totalt"], total: 1)],
                             regionCodes: [0], industryCodes: [], years: [2020], extraCodes: [[1]], measures: [Measure(name: "x", values: [1])])
        do { try Workspace(path: path).save(withTotal) }
        XCTAssertEqual(try Workspace(path: path).loadAll().first { $0.name == "t" }!.extras[0].total, 1)
    }

    func testReplacingADatasetKeepsOneCopy() throws {
        let ws = try Workspace(path: Fixture.dir + "/rep-\(UUID().uuidString).spetsdb")
        let a = try CSVLoader.load(path: Fixture.write("a.csv", "region,industry,year,x\nA,X,2020,1\n"), name: "d")
        try ws.save(a)
        try ws.save(a)
        XCTAssertEqual(try ws.loadAll().count, 1)
    }

    /// A large dataset's measures are read on a second connection while the codes are read
    /// on the first: the same dataset as reading everything on one.
    func testReopenReadsTheSameOnOneOrTwoConnections() throws {
        let path = Fixture.dir + "/two-\(UUID().uuidString).spetsdb"
        let csv = "region,industry,year,sex,x,y\nA,X,2020,M,1.5,..\nB,X,2021,F,2,3\nB,Y,2021,F,4,5\n"
        do { try Workspace(path: path).save(try CSVLoader.load(path: Fixture.write("two.csv", csv), name: "d")) }
        let saved = Workspace.parallelReopenRows
        defer { Workspace.parallelReopenRows = saved }
        Workspace.parallelReopenRows = .max
        let one = try Workspace(path: path).loadAll()[0]
        Workspace.parallelReopenRows = 1
        let two = try Workspace(path: path).loadAll()[0]
        XCTAssertEqual(two.regionCodes, one.regionCodes)
        XCTAssertEqual(two.industryCodes, one.industryCodes)
        XCTAssertEqual(two.extraCodes, one.extraCodes)
        XCTAssertEqual(two.years, [2020, 2021, 2021])
        XCTAssertEqual(two.measures.map(\.name), ["x", "y"])
        XCTAssertEqual(two.measures.map { $0.values.map(\.bitPattern) }, one.measures.map { $0.values.map(\.bitPattern) })
        XCTAssertEqual(two.measures[1].values[1], 3)
    }

    /// An in-memory workspace opens SQLite only when something needs it (start-up); the
    /// statements journaled before then are all there, in order, once it opens.
    func testInMemoryJournalIsKeptUntilTheDatabaseOpens() throws {
        let ws = try Workspace(path: nil)
        try ws.appendJournal("help lq")
        try ws.appendJournal("datasets")
        XCTAssertEqual(try ws.journal(), ["help lq", "datasets"])
        try ws.save(try CSVLoader.load(path: Fixture.write("lazy.csv", "region,industry,year,x\nA,X,2020,1\n"), name: "d"))
        try ws.appendJournal("load \"lazy.csv\" as d")
        XCTAssertEqual(try ws.journal(), ["help lq", "datasets", "load \"lazy.csv\" as d"])
        let rows = try ws.db.prepare("SELECT count(*) FROM journal")
        _ = try rows.step()
        XCTAssertEqual(rows.int(0), 3, "the pending statements were written when the database opened")
    }

    func testSqlIsReadOnlyAndSeesObservations() throws {
        let ws = try Workspace(path: nil)
        let a = try CSVLoader.load(path: Fixture.write("obs.csv", "region,industry,year,x\nA,X,2020,1\nB,X,2020,..\n"), name: "d")
        try ws.save(a)
        let t = try ws.query("SELECT region, value FROM observations WHERE dataset = 'd' ORDER BY region", cubes: [a])
        XCTAssertEqual(t.rowCount, 2)
        XCTAssertEqual(t.columns[1].number(0), 1)
        XCTAssertTrue(t.columns[1].number(1)!.isNaN, "NULL comes back missing")
        XCTAssertThrowsError(try ws.query("DELETE FROM datasets", cubes: [a])) { e in
            XCTAssertTrue((e as! Diagnostic).message.hasPrefix("sql is read-only: it may query the workspace, not change it"))
        }
        XCTAssertEqual(try ws.query("SELECT count(*) AS n FROM datasets", cubes: [a]).columns[0].number(0), 1)
    }

    func testNotAWorkspaceIsAClearError() throws {
        let p = Fixture.write("notdb.spetsdb", "this is not sqlite")
        XCTAssertThrowsError(try Workspace(path: p)) { e in
            XCTAssertTrue((e as! Diagnostic).message.contains("not a spets workspace") || (e as! Diagnostic).message.contains("file is not a database"))
        }
    }
}

final class WorkspaceLockTests: XCTestCase {
    func testASecondSessionGetsAClearMessage() throws {
        let path = Fixture.dir + "/lock-\(UUID().uuidString).spetsdb"
        var first: Workspace? = try Workspace(path: path)
        XCTAssertNotNil(first)
        XCTAssertThrowsError(try Workspace(path: path)) { e in
            XCTAssertEqual((e as! Diagnostic).message, "workspace \(path) is in use by process \(getpid())")
        }
        first = nil   // closing releases the lock
        XCTAssertNoThrow(try Workspace(path: path))
    }

    func testATableSurvivesTheCodecAndDamageIsNil() throws {
        let d = Dimension(name: "region", role: .region, labels: ["SE213", "SE322"], names: ["Kalmar län", nil], summable: true, total: 1)
        var lq = Column("lq", .number([1.5, .nan]), unit: "ratio", decimals: 3)
        lq.literalName = true
        var t = Table(columns: [Column("region", .coded([1, 0], d), kind: .key), Column("name", .text(["a", "å"])), lq],
                      footer: ["LQ = …", "missing cells: 1"], title: "T")
        t.parts = ColumnParts(components: ["a", "b"], total: "c")
        let bytes = TableCodec.encode(t)
        let back = try XCTUnwrap(TableCodec.decode(bytes))
        XCTAssertEqual(DelimitedRenderer.csv(back), DelimitedRenderer.csv(t))
        XCTAssertEqual(back.footer, t.footer)
        XCTAssertEqual(back.title, "T")
        XCTAssertEqual(back.parts, t.parts)
        XCTAssertEqual(back.columns.map(\.decimals), [nil, nil, 3])
        XCTAssertEqual(back.columns[2].unit, "ratio")
        XCTAssertTrue(back.columns[2].literalName)
        XCTAssertTrue(back.columns[2].number(1)!.isNaN)
        if case .coded(_, let d2) = back.columns[0].values {
            XCTAssertEqual(d2.names, ["Kalmar län", nil]); XCTAssertTrue(d2.summable); XCTAssertEqual(d2.total, 1)
        } else { XCTFail("a coded column stays coded") }
        // Every truncation and a flipped count decode to nil, never a trap.
        for n in 0..<bytes.count { XCTAssertNil(TableCodec.decode(Array(bytes.prefix(n))), "prefix \(n)") }
        var bad = bytes
        bad[bad.count - 9] = 0xFF
        _ = TableCodec.decode(bad)
    }
}
