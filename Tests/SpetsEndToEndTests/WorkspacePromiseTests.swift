// WorkspacePromiseTests.swift — the workspace keeps its promises whatever is done to it:
// one writer per database file by any name, `sql` that cannot write, `open` that touches only
// workspaces, a reopen that is the session, nothing printed as done that was not stored,
// and Ctrl-C that stops a script. Each test is a reproducer of a finding (issue #23).
import Foundation
import XCTest
@testable import SpetsCore

final class WorkspacePromiseTests: XCTestCase {
    var dir = ""
    override func setUpWithError() throws {
        dir = try Binary.freshDirectory("promise")
    }

    func bytes(_ p: String) -> Data { FileManager.default.contents(atPath: p) ?? Data() }
    func files() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() }

    /// A session that holds `ws` open at its (piped) prompt until `release` is called.
    func hold(_ ws: String) throws -> (pid: Int32, release: () -> Void) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Binary.path)
        p.arguments = [ws]
        let inp = Pipe(), out = Pipe()
        p.standardInput = inp; p.standardOutput = out; p.standardError = FileHandle.nullDevice
        try p.run()
        inp.fileHandleForWriting.write(Data("areas\n\n".utf8))   // a pipe runs a statement once the next line shows it is whole
        _ = out.fileHandleForReading.availableData   // the first answer: the workspace is open
        return (p.processIdentifier, { try? inp.fileHandleForWriting.close(); p.waitUntilExit() })
    }

    func testOneWriterWhateverNameTheFileIsOpenedBy() throws {
        let ws = dir + "/kalmar.spetsdb"
        XCTAssertEqual(try Binary.run([ws, "-c", "area wood = industries 16"]).status, 0)
        let holder = try hold(ws)
        defer { holder.release() }
        // A symlink, a relative path with ../, and the path itself: all the same file.
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.spetsdb", withDestinationPath: ws)
        for name in [ws, dir + "/link.spetsdb", dir + "/../" + URL(fileURLWithPath: dir).lastPathComponent + "/kalmar.spetsdb"] {
            let r = try Binary.run([name, "-c", "area other = industries 17"])
            XCTAssertEqual(r.status, 1, name)
            XCTAssertTrue(r.err.contains("is in use by process \(holder.pid)"), r.err)
        }
        // The lock is on the file, not on a sibling: there is no FILE.lock to delete.
        XCTAssertFalse(files().contains { $0.hasSuffix(".lock") }, "\(files())")
        holder.release()
        // A second hard link would give SQLite two write-ahead logs for one database.
        XCTAssertEqual(link(ws, dir + "/hard.spetsdb"), 0)
        for name in [ws, dir + "/hard.spetsdb"] {
            let r = try Binary.run([name, "-c", "areas"])
            XCTAssertEqual(r.status, 1, name)
            XCTAssertTrue(r.err.contains("has 2 hard links"), r.err)
        }
        unlink(dir + "/hard.spetsdb")
        let r = try Binary.run([ws, "--format", "csv", "-c", "areas | where kind = \"defined\" | select name"])
        XCTAssertEqual(r.status, 0, r.combined)
        XCTAssertEqual(r.out, "name\nwood\n", "only the first session's definition is there")
    }

    func testSqlCannotChangeAnything() throws {
        let ws = dir + "/w.spetsdb"
        XCTAssertEqual(try Binary.run([ws, "-c", "load \"\(Binary.root)/Tests/Fixtures/worked-panel.csv\" as p"]).status, 0)
        func dump() throws -> String {
            try Binary.run([ws, "--format", "csv", "-c", "sql \"select name, rows from datasets\"; sql \"select statement from journal where statement not like 'sql %' order by seq\""]).out
        }
        let before = try dump()
        let probes: [(String, String)] = [
            ("sql \"BEGIN\"", "BEGIN is refused"),
            ("sql \"ATTACH 'x.db' AS x\"", "ATTACH is refused"),
            ("sql \"PRAGMA writable_schema=1\"", "PRAGMA writable_schema is refused"),
            ("sql \"select fts3_tokenizer('simple')\"", "the function fts3_tokenizer is refused"),
            ("sql \"SAVEPOINT s\"", "SAVEPOINT is refused"),
            ("sql \"PRAGMA synchronous=OFF\"", "PRAGMA synchronous is refused"),
            ("sql \"PRAGMA user_version=7\"", "PRAGMA user_version is refused"),
            ("sql \"select 1; delete from journal\"", "sql runs one statement"),
            ("sql \"delete from datasets\"", "sql is read-only"),
            ("sql \"create temp table t(x)\"", "sql is read-only"),
        ]
        for (k, (statement, expect)) in probes.enumerated() {
            let r = try Binary.run([ws, "-c", statement + "\nload \"\(Binary.root)/Tests/Fixtures/worked-panel.csv\" as after_\(k)"], cwd: dir)
            XCTAssertEqual(r.status, 1, statement)
            XCTAssertTrue(r.err.contains("error: ") && r.err.contains(expect), "\(statement): \(r.err)")
            XCTAssertTrue(r.err.contains("^"), "\(statement): the caret points into the query\n\(r.err)")
        }
        XCTAssertFalse(files().contains("x.db"), "ATTACH created no file")
        // Every later statement of those runs was committed (no transaction left open).
        let after = try dump()
        XCTAssertEqual(after.split(separator: "\n").filter { $0.hasPrefix("after_") }.count, probes.count, after)
        XCTAssertTrue(after.hasPrefix(before.split(separator: "\n").prefix(2).joined(separator: "\n")), after)
        // Reading still works, PRAGMAs that only read included.
        let ok = try Binary.run([ws, "--format", "csv", "-c", "sql \"PRAGMA table_info(datasets)\" | select name | top 2 by name"])
        XCTAssertEqual(ok.status, 0, ok.combined)
    }

    func testSqlResultAndTimeAreBounded() throws {
        let ws = try Workspace(path: nil)
        let (cells, seconds) = (Workspace.maxQueryCells, Workspace.queryTimeLimit)
        defer { Workspace.maxQueryCells = cells; Workspace.queryTimeLimit = seconds }
        Workspace.maxQueryCells = 1000
        XCTAssertThrowsError(try ws.query("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 5000) SELECT x FROM c", cubes: [])) { e in
            XCTAssertTrue((e as! Diagnostic).message.contains("larger than 1000 cells"), "\(e)")
        }
        Workspace.queryTimeLimit = 0.3
        let started = Date()
        XCTAssertThrowsError(try ws.query("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c", cubes: [])) { e in
            XCTAssertTrue((e as! Diagnostic).message.contains("the limit for one query"), "\(e)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
        XCTAssertEqual(try ws.query("SELECT 1 AS one", cubes: []).columns[0].number(0), 1, "the limits are lifted afterwards")
    }

    func testOpenTouchesOnlyWorkspaces() throws {
        // Someone else's SQLite database, a newer spets's workspace, a text file.
        let foreign = dir + "/other.db"
        do { let db = try SQLiteDB(path: foreign); try db.exec("CREATE TABLE t(x); INSERT INTO t VALUES (1);") }
        let newer = dir + "/newer.spetsdb"
        XCTAssertEqual(try Binary.run([newer, "-c", "area wood = industries 16"]).status, 0)
        do {
            let db = try SQLiteDB(path: newer)
            try db.exec("UPDATE meta SET value = '99' WHERE key = 'schema_version'; PRAGMA journal_mode=DELETE;")
        }
        let text = dir + "/notes.txt"
        try "region,year\n".write(toFile: text, atomically: true, encoding: .utf8)
        let listing = files()
        for (path, expect) in [(foreign, "is an SQLite database but not a spets workspace"), (newer, "another version of spets (schema 99)"),
                               (text, "not an SQLite database")] {
            let before = bytes(path)
            for args in [[path, "-c", "datasets"], ["-c", "open \"\(path)\""]] {
                let r = try Binary.run(args, cwd: dir)
                XCTAssertEqual(r.status, 1, "\(args)")
                XCTAssertTrue(r.err.contains(expect) && r.err.contains("it was not changed"), r.err)
            }
            XCTAssertEqual(bytes(path), before, "\(path) is byte for byte as it was")
        }
        XCTAssertEqual(files(), listing, "no lock, -wal or -shm file is left beside them")
        // A failed open of a new name leaves nothing behind either.
        let r = try Binary.run(["-c", "open \"\(dir)/no/such/dir/w.spetsdb\""], cwd: dir)
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(files(), listing)
    }

    func testReopenIsTheSession() throws {
        let ws = dir + "/w.spetsdb"
        let panel = "\(Binary.root)/datasets/demo-counties.csv"
        // A redefined area: the `let` made between the two versions keeps the first one's
        // meaning; a dataset bound over a result's name replaces it.
        let session = try Binary.run([ws, "--format", "csv", "-c", """
            load "\(panel)" as se
            area wood = industries 16, 17
            let x = lq se.employment in 2022 for "Kalmar län" by area
            area wood = industries 16
            let y = lq se.employment in 2022 | top 3 by lq
            let y = se | where year = 2022
            let z = lq se.employment in 2022 for "Kalmar län" by area
            x
            z
            datasets
            """])
        XCTAssertEqual(session.status, 0, session.combined)
        let reopened = try Binary.run([ws, "--format", "csv", "-c", "x\nz\ndatasets"])
        XCTAssertEqual(reopened.status, 0, reopened.combined)
        XCTAssertEqual(reopened.err, "", "no definition was dropped")
        let shown = session.out.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(reopened.out, shown.suffix(reopened.out.split(separator: "\n", omittingEmptySubsequences: false).count).joined(separator: "\n"))
        XCTAssertTrue(reopened.out.contains("y,dataset,987"), reopened.out)
        XCTAssertFalse(reopened.out.contains("y,result"), reopened.out)
        XCTAssertNotEqual(reopened.out.components(separatedBy: "wood").count, 1)
    }

    /// A `let` keeps the table it gave even when the dataset it read is reloaded, filtered
    /// in place or replaced by a result; and the file alone is the workspace after exit.
    func testReopenKeepsResultsWhateverHappensToTheirData() throws {
        let ws = dir + "/w.spetsdb"
        let smaller = dir + "/smaller.csv"
        let all = try String(contentsOfFile: "\(Binary.root)/datasets/demo-counties.csv", encoding: .utf8)
        try all.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("SE110") }.joined(separator: "\n").write(toFile: smaller, atomically: true, encoding: .utf8)
        let session = try Binary.run([ws, "--format", "csv", "-c", """
            load "\(Binary.root)/datasets/demo-counties.csv" as se
            let x = lq se.employment in 2022 for SE213
            let z = lq se.employment in 2010 for SE213
            load "\(smaller)" as se
            let se = se | where year = 2022
            let se = lq se.employment in 2022
            x | summarise sum(lq)
            z | summarise sum(lq)
            se | summarise count()
            """])
        XCTAssertEqual(session.status, 0, session.err)
        XCTAssertEqual(files().filter { $0.hasPrefix("w.spetsdb") }, ["w.spetsdb"], "no -wal or -shm after a clean exit")
        try FileManager.default.copyItem(atPath: ws, toPath: dir + "/copy.spetsdb")
        for file in [ws, dir + "/copy.spetsdb"] {
            let reopened = try Binary.run([file, "--format", "csv", "-c", "x | summarise sum(lq)\nz | summarise sum(lq)\nse | summarise count()"])
            XCTAssertEqual(reopened.err, "", file)
            XCTAssertEqual(reopened.out, session.out, "\(file): the results are the session's")
        }
        // The same through `open`: a result made in memory goes into the file with its table.
        let adopted = dir + "/adopted.spetsdb"
        let inMemory = try Binary.run(["--format", "csv", "-c", """
            load "\(Binary.root)/datasets/demo-counties.csv" as se
            let x = lq se.employment in 2022 for SE213
            open "\(adopted)"
            load "\(smaller)" as se
            x | summarise sum(lq)
            """], cwd: dir)
        XCTAssertEqual(inMemory.status, 0, inMemory.err)
        let back = try Binary.run([adopted, "--format", "csv", "-c", "x | summarise sum(lq)"])
        XCTAssertEqual(back.out, inMemory.out.split(separator: "\n").suffix(2).joined(separator: "\n") + "\n", back.combined)
    }

    /// A script that fails halfway: what it did is in the journal (so `save` replays it).
    func testAScriptThatFailsHalfwayIsJournaledAsFarAsItWent() throws {
        let ws = dir + "/w.spetsdb"
        let sub = dir + "/sub.spets"
        try "area r1 = industries 16\nlet bad = lq se.nosuch in 2022\narea r2 = industries 17\n".write(toFile: sub, atomically: true, encoding: .utf8)
        let r = try Binary.run([ws, "-c", "run \"\(sub)\""])
        XCTAssertEqual(r.status, 1)
        let j = try Binary.run([ws, "--format", "csv", "-c", "sql \"select statement from journal where statement not like 'sql%' order by seq\""])
        // (Binary.run runs the script twice: once for stdout and stderr apart, once together.)
        XCTAssertEqual(j.out, "statement\n" + String(repeating: "area r1 = industries 16\narea r2 = industries 17\n", count: 2), j.combined)
    }

    func testNothingIsPrintedAsDoneThatWasNotStored() throws {
        let ws = dir + "/w.spetsdb"
        XCTAssertEqual(try Binary.run([ws, "-c", "area wood = industries 16"]).status, 0)
        // A file-size limit lower than the load needs: the write fails mid-load.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "ulimit -f 200; exec \"$0\" \"$1\" -c \"$2\"", Binary.path, ws, "load \"\(Binary.root)/datasets/demo-counties.csv\" as se"]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        try p.run()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 1, message)
        XCTAssertFalse(printed.contains("loaded"), printed)
        XCTAssertTrue(message.contains("could not be written"), message)
        let r = try Binary.run([ws, "--format", "csv", "-c", "sql \"select count(*) AS n from datasets\"; sql \"select count(*) AS n from journal where statement like 'load%'\""])
        XCTAssertEqual(r.out, "n\n0\nn\n0\n", r.combined)
    }

    func testCtrlCStopsAScriptWith130() throws {
        var csv = "region,industry,year,employment\n"
        for r in 0..<300 { for i in 0..<40 { for y in 2015...2022 { csv += "R\(r),I\(i),\(y),\(r + i + y)\n" } } }
        let data = dir + "/big.csv"
        try csv.write(toFile: data, atomically: true, encoding: .utf8)
        let script = dir + "/s.spets"
        // Enough loads that the last Ctrl-C (at 0.51 s) still falls inside the run.
        try ((0..<24).map { "load \"\(data)\" as d\($0)" } + ["area last = industries I1"]).joined(separator: "\n").write(toFile: script, atomically: true, encoding: .utf8)
        for trial in 0..<4 {
            let ws = dir + "/int-\(trial).spetsdb"
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Binary.path)
            p.arguments = ["run", script, "--workspace", ws]
            let out = Pipe(), err = Pipe()
            p.standardOutput = out; p.standardError = err
            try p.run()
            usleep(UInt32(150_000 + trial * 120_000))
            kill(p.processIdentifier, SIGINT)
            let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            XCTAssertEqual(p.terminationStatus, 130, "trial \(trial): \(printed)\(message)")
            XCTAssertTrue(message.contains("interrupted"), message)
            XCTAssertFalse(printed.contains("area last"), "trial \(trial): the run stopped")
            // What was acknowledged is there; nothing else is.
            let acknowledged = printed.split(separator: "\n").filter { $0.hasPrefix("loaded ") }.count
            let r = try Binary.run([ws, "--format", "csv", "-c", "sql \"select count(*) AS n from datasets\""])
            XCTAssertEqual(r.out, "n\n\(acknowledged)\n", "trial \(trial)")
        }
    }
    /// A measure deferred at reopen (a dataset of a million rows) whose stored column is cut
    /// short beneath the running session: the statement that reads it prints nothing, the
    /// session ends with status 74 and the reason in its language, and what it had committed
    /// stays in the file — the failed statement is not in the journal.
    func testADeferredReadThatFailsEndsTheSessionWithTheReason() throws {
        var csv = "region,industry,year,employment\n"
        csv.reserveCapacity(24_000_000)
        for r in 0..<1000 { for i in 0..<50 { for y in 2003...2022 { csv += "R\(r),I\(i),\(y),\(r + i + y)\n" } } }
        let data = dir + "/million.csv"
        try csv.write(toFile: data, atomically: true, encoding: .utf8)
        for (lang, reason) in [("en", "error: workspace dataset d is damaged (a column holds 1 values for 1000000 rows); the session ends here (nothing more was written)"),
                               ("sv", "fel: datamängden d i arbetsytan är skadad (en kolumn har 1 värden för 1000000 rader); sessionen slutar här (inget mer skrevs)")] {
            let ws = dir + "/deferred-\(lang).spetsdb"
            let loaded = try Binary.run([ws, "-c", "load \"\(data)\" as d"])
            XCTAssertTrue(loaded.out.contains("loaded d: 1000000 rows"), loaded.combined)
            // The shell at a terminal: a statement at a time (a pipe is read to its end first).
            let t = try PseudoTerminal(args: [ws, "--format", "csv"], env: ["HOME": dir, "TERM": "xterm", "LANG": "C.UTF-8", "SPETS_LANG": lang,
                                                                           "SPETS_HISTORY": dir + "/history", "PATH": "/usr/bin:/bin"], cwd: dir, columns: 200)
            XCTAssertTrue(t.read(until: "> ", timeout: 20), t.plain)
            // Reopened: the measure is deferred. Now its column is cut short from outside.
            t.type("d | summarise count()\r")
            XCTAssertTrue(t.read(until: "1000000", timeout: 20), t.plain)
            let raw = try SQLiteDB(path: ws)
            try raw.exec("UPDATE dataset_measures SET vals = zeroblob(4)")   // one word of the (scaled) counts
            raw.close()
            t.type("lq d.employment in 2022 | summarise count(), sum(lq)\r")
            let status = t.wait(timeout: 20)
            XCTAssertEqual(status, 74, lang + ": " + t.plain)
            XCTAssertTrue(t.plain.contains(reason), lang + ": " + t.plain)
            XCTAssertFalse(t.plain.contains("sum_lq"), "no figure from the values that could not be read")
            let journal = try Workspace(path: ws).journal()
            XCTAssertFalse(journal.contains { $0.hasPrefix("lq ") }, "the failed statement was not committed")
            XCTAssertTrue(journal.contains { $0.hasPrefix("load ") }, "what was committed is there")
        }
    }
}
