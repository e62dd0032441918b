// DeferredMeasureTests.swift — a reopened workspace's large datasets read a measure when it is
// first used: the same values to the bit, read once however many threads ask, and read
// before the dataset's stored rows are replaced or dropped.
import XCTest
import Glibc
@testable import SpetsCore

final class DeferredMeasureTests: XCTestCase {
    private var savedThreshold = 0
    override func setUp() { savedThreshold = Workspace.parallelReopenRows; Workspace.parallelReopenRows = 1 }
    override func tearDown() { Workspace.parallelReopenRows = savedThreshold }

    private func cube(_ name: String, scale: Double) -> Cube {
        let region = Dimension(name: "region", role: .region, labels: ["A", "B", "C"])
        let industry = Dimension(name: "industry", role: .industry, labels: ["X", "Y"])
        var rc: [Int32] = [], ic: [Int32] = [], ys: [Int32] = [], x: [Double] = [], y: [Double] = []
        for r in Int32(0)..<3 { for i in Int32(0)..<2 { for year in Int32(2019)...2021 {
            rc.append(r); ic.append(i); ys.append(year)
            x.append(Double(r * 100 + i * 10 + year - 2019) * scale / 3)
            y.append(r == 1 && i == 0 ? .nan : Double(year) * scale)
        } } }
        return Cube(name: name, source: "test", region: region, industry: industry, extras: [], regionCodes: CodeColumn(rc),
                    industryCodes: CodeColumn(ic), years: CodeColumn(ys), extraCodes: [],
                    measures: [Measure(name: "x", unit: "persons", values: x), Measure(name: "y", values: y, prices: "current")])
    }

    private func path() -> String { Fixture.dir + "/deferred-\(UUID().uuidString).spetsdb" }

    func testMeasuresAreReadOnFirstUseToTheBit() throws {
        let p = path(), original = cube("d", scale: 1)
        do { try Workspace(path: p).save(original) }
        let back = try Workspace(path: p).loadAll()[0]
        XCTAssertEqual(back.measures.map(\.isDeferred), [true, true], "nothing is read before it is used")
        XCTAssertEqual(back.measures.map(\.count), [18, 18])
        XCTAssertEqual(back.measures.map(\.name), ["x", "y"])
        XCTAssertEqual(back.measures[0].unit, "persons")
        XCTAssertEqual(back.measures[1].prices, "current")
        XCTAssertEqual(back.regionCodes, original.regionCodes)
        XCTAssertEqual(back.years, original.years)
        XCTAssertTrue(back.isConsistent)
        XCTAssertEqual(back.measures.map(\.isDeferred), [true, true], "checking the shape reads no values")
        XCTAssertEqual(back.measures[1].values.map(\.bitPattern), original.measures[1].values.map(\.bitPattern))
        XCTAssertEqual(back.measures.map(\.isDeferred), [true, false], "only the measure used is read")
        XCTAssertEqual(back.measures[0].values.map(\.bitPattern), original.measures[0].values.map(\.bitPattern))
        // A verb on the reopened dataset gives what it gives on the one saved.
        func lq(_ c: Cube) throws -> ([[UInt64]], [String]) {
            let t = try LocationQuotient.compute(c, LQRequest(measure: 0, year: 2020), registry: RegistryTests.registry)
            return (t.columns.compactMap { if case .number(let v) = $0.values { return v.map(\.bitPattern) } else { return nil } }, t.footer)
        }
        let (n0, f0) = try lq(original), (n1, f1) = try lq(back)
        XCTAssertEqual(n1, n0)
        XCTAssertEqual(f1, f0)
        XCTAssertFalse(n0.isEmpty)
    }

    func testManyThreadsAskingReadOnce() throws {
        let p = path(), original = cube("d", scale: 7)
        do { try Workspace(path: p).save(original) }
        let back = try Workspace(path: p).loadAll()[0]
        var got: [[Double]] = Array(repeating: [], count: 2)
        got.withUnsafeMutableBufferPointer { g in
            Parallel.both({ g[0] = back.measures[0].values }, { g[1] = back.measures[0].values })
        }
        XCTAssertEqual(got[0].map(\.bitPattern), original.measures[0].values.map(\.bitPattern))
        // One read: both threads hold the same storage.
        XCTAssertEqual(got[0].withUnsafeBufferPointer { $0.baseAddress }, got[1].withUnsafeBufferPointer { $0.baseAddress })
    }

    func testChangingDeferredValuesChangesOnlyThatCopy() throws {
        let p = path()
        do { try Workspace(path: p).save(cube("d", scale: 1)) }
        let back = try Workspace(path: p).loadAll()[0]
        var m = back.measures[0]
        m.values[0] = -1
        XCTAssertEqual(m.values[0], -1)
        XCTAssertFalse(m.isDeferred)
        XCTAssertEqual(back.measures[0].values[0], 0, "the dataset's own measure is unchanged")
    }

    /// The old rows are read before the new ones take their place: a reopened dataset that is
    /// then replaced (or dropped) keeps its own values, never the replacement's.
    func testReplacingOrDroppingADatasetReadsWhatWasDeferredFirst() throws {
        let p = path()
        do { let ws = try Workspace(path: p); try ws.save(cube("d", scale: 1)); try ws.save(cube("e", scale: 2)) }
        let ws = try Workspace(path: p)
        let stored = try ws.loadAll()
        let (d, e) = (stored[0], stored[1])
        XCTAssertTrue(d.measures[0].isDeferred)
        try ws.save(cube("d", scale: 5))
        XCTAssertFalse(d.measures[0].isDeferred, "read before its rows were replaced")
        XCTAssertTrue(e.measures[0].isDeferred, "another dataset's values stay deferred")
        XCTAssertEqual(d.measures[0].values.map(\.bitPattern), cube("d", scale: 1).measures[0].values.map(\.bitPattern))
        try ws.drop("e")
        XCTAssertEqual(e.measures[1].values.map(\.bitPattern), cube("e", scale: 2).measures[1].values.map(\.bitPattern))
        XCTAssertEqual(try ws.loadAll().map(\.name), ["d"])
        XCTAssertEqual(try ws.loadAll()[0].measures[0].values, cube("d", scale: 5).measures[0].values)
    }

    func testAStoredMeasureOfTheWrongLengthIsRefusedWhenTheWorkspaceOpens() throws {
        let p = path()
        do { try Workspace(path: p).save(cube("d", scale: 1)) }
        do {
            let raw = try SQLiteDB(path: p)
            try raw.exec("UPDATE dataset_measures SET vals = substr(vals, 1, 64) WHERE position = 1")
            raw.close()
        }
        XCTAssertThrowsError(try Workspace(path: p).loadAll()) { e in
            let d = e as! Diagnostic
            XCTAssertEqual(d.content?.id, .workspaceColumnWrongLength)
            XCTAssertTrue(d.message.contains("8 values for 18 rows"), d.message)
        }
        Workspace.parallelReopenRows = .max   // the small-dataset path reads it whole, and refuses it too
        XCTAssertThrowsError(try Workspace(path: p).loadAll()) { e in
            XCTAssertTrue((e as! Diagnostic).message.contains("8 values for 18 rows"), "\(e)")
        }
    }

    func testTheSessionsEndClosesTheReadsAndRemovesTheLog() throws {
        let p = path()
        do { try Workspace(path: p).save(cube("d", scale: 1)) }
        let ws = try Workspace(path: p)
        let back = try ws.loadAll()[0]
        XCTAssertEqual(back.measures[0].values.count, 18)
        ws.closeFile()
        XCTAssertFalse(FileManager.default.fileExists(atPath: p + "-wal"), "no connection is left holding the log")
        XCTAssertFalse(FileManager.default.fileExists(atPath: p + "-shm"))
        XCTAssertEqual(back.measures[0].values.count, 18, "values read before the end stay")
    }

    nonisolated(unsafe) static var said: String? = nil

    /// A deferred read that cannot be done gives no values: the failure handler is called
    /// with the reason (by default it writes it to standard error and ends the process).
    func testAReadThatCannotBeDoneGivesNoValuesAndSaysWhy() throws {
        let p = path()
        do { try Workspace(path: p).save(cube("d", scale: 1)) }
        let ws = try Workspace(path: p)
        let back = try ws.loadAll()[0]
        ws.closeFile()   // the reads end with the session
        let saved = DeferredRead.failed
        defer { DeferredRead.failed = saved }
        Self.said = nil
        // The handler never returns: here it ends only the thread that asked.
        DeferredRead.failed = { d in Self.said = d.message; pthread_exit(nil) }
        var thread = pthread_t()
        let box = Unmanaged.passRetained(back)
        XCTAssertEqual(pthread_create(&thread, nil, { ctx in
            let c = Unmanaged<Cube>.fromOpaque(ctx!).takeUnretainedValue()
            _ = c.measures[0].values
            return nil
        }, box.toOpaque()), 0)
        pthread_join(thread, nil)
        box.release()
        XCTAssertEqual(Self.said, "the workspace file was closed before the values were read")
        XCTAssertTrue(back.measures[0].isDeferred, "nothing was made up in its place")
    }
}
