// CrashSafetyTests.swift — SIGKILL spets at random moments while it loads into a workspace;
// reopened, the workspace must pass SQLite's integrity check and hold every dataset whose
// load was acknowledged (and nothing that was never attempted).
import Foundation
import XCTest
@testable import SpetsCore

final class CrashSafetyTests: XCTestCase {
    func testKilledDuringLoadsLosesNothingAcknowledged() throws {
        // A CSV big enough that a load takes a noticeable moment.
        var csv = "region,industry,year,employment\n"
        for r in 0..<300 { for i in 0..<40 { for y in 2015...2022 { csv += "R\(r),I\(i),\(y),\(r + i + y)\n" } } }
        let data = Binary.tmp + "/crash-data.csv"
        try csv.write(toFile: data, atomically: true, encoding: .utf8)
        var rng = SystemRandomNumberGenerator()
        // 8 kills in every test run; `SPETS_KILLS=200 scripts/test --filter CrashSafety` for
        // the full count (docs/reliability.md).
        let kills = ProcessInfo.processInfo.environment["SPETS_KILLS"].flatMap { Int($0) } ?? 8
        for trial in 0..<kills {
            let ws = Binary.tmp + "/crash-\(trial)-\(UUID().uuidString).spetsdb"
            let names = (0..<6).map { "d\($0)" }
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Binary.path)
            p.arguments = [ws]
            let inp = Pipe(), out = Pipe()
            p.standardInput = inp; p.standardOutput = out; p.standardError = FileHandle.nullDevice
            try p.run()
            let script = names.map { "load \"\(data)\" as \($0)\narea a_\($0) = industries I1, I2\n" }.joined()
            inp.fileHandleForWriting.write(Data(script.utf8))
            usleep(UInt32.random(in: 20_000...600_000, using: &rng))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let acknowledged = Set(names.filter { printed.contains("loaded \($0): ") })
            // Reopen: integrity, then contents.
            let w = try Workspace(path: ws)
            let check = try w.db.prepare("PRAGMA integrity_check")
            XCTAssertTrue(try check.step())
            XCTAssertEqual(check.text(0), "ok", "trial \(trial)")
            let stored = Set(try w.loadAll().map(\.name))
            XCTAssertTrue(acknowledged.isSubset(of: stored), "trial \(trial): acknowledged \(acknowledged.sorted()) but stored \(stored.sorted())")
            XCTAssertTrue(stored.isSubset(of: Set(names)), "trial \(trial)")
            for c in try w.loadAll() { XCTAssertEqual(c.count, 300 * 40 * 8, "a stored dataset is whole") }
        }
    }
}
