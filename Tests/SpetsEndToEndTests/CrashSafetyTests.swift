// CrashSafetyTests.swift — SIGKILL spets at random moments while it loads into a workspace,
// defines (`area`, `let`) and saves the session as a script; reopened, the workspace must pass
// SQLite's integrity check and hold every dataset and definition whose statement was
// acknowledged (and nothing that was never attempted), and a saved script is either the
// previous one or the new one, whole.
import Foundation
import XCTest
@testable import SpetsCore

final class CrashSafetyTests: XCTestCase {
    func testKilledDuringLoadsDefinitionsAndSavesLosesNothingAcknowledged() throws {
        // A CSV big enough that a load takes a noticeable moment.
        var csv = "region,industry,year,employment\n"
        for r in 0..<300 { for i in 0..<40 { for y in 2015...2022 { csv += "R\(r),I\(i),\(y),\(r + i + y)\n" } } }
        let data = Binary.tmp + "/crash-data.csv"
        try csv.write(toFile: data, atomically: true, encoding: .utf8)
        var rng = SystemRandomNumberGenerator()
        // 8 kills in every test run; `SPETS_KILLS=200 scripts/test --filter CrashSafety` for
        // the full count (docs/reliability.md).
        let kills = ProcessInfo.processInfo.environment["SPETS_KILLS"].flatMap { Int($0) } ?? 8
        var reached: [Int] = []   // acknowledged statements at each kill, to show where kills fell
        let names = (0..<6).map { "d\($0)" }
        // Trial -1 runs the script to its end: it must acknowledge all 24 statements, and its
        // duration spreads the kills over the whole script.
        var duration = 1.0
        for trial in -1..<kills {
            let ws = Binary.tmp + "/crash-\(trial)-\(UUID().uuidString).spetsdb"
            let started = Date()
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Binary.path)
            p.arguments = [ws]
            let inp = Pipe(), out = Pipe()
            p.standardInput = inp; p.standardOutput = out; p.standardError = FileHandle.nullDevice
            try p.run()
            var early = Data()
            let saved = ws + ".saved.spets"
            let statements = names.map { ["load \"\(data)\" as \($0)", "area a_\($0) = industries I1, I2", "let x_\($0) = lq \($0).employment in 2022"] }
            let script = statements.map { $0.joined(separator: "\n") + "\nsave \"\(saved)\"\n" }.joined()
            inp.fileHandleForWriting.write(Data(script.utf8))
            if trial < 0 {
                try inp.fileHandleForWriting.close()
                p.waitUntilExit()
                duration = Date().timeIntervalSince(started)
            } else if trial % 2 == 0 {
                usleep(UInt32.random(in: 20_000...max(20_001, UInt32(duration * 1_000_000)), using: &rng))
                kill(p.processIdentifier, SIGKILL)
                p.waitUntilExit()
            } else {
                // Right after a result line: the moment an acknowledged statement is most at
                // risk of not being durable.
                let k = Int.random(in: 1...23, using: &rng)
                while early.split(separator: 10).count < k {
                    let chunk = out.fileHandleForReading.availableData
                    if chunk.isEmpty { break }
                    early += chunk
                }
                kill(p.processIdentifier, SIGKILL)
                p.waitUntilExit()
            }
            let printed = String(decoding: early + out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            if trial < 0 { XCTAssertEqual(printed.split(separator: "\n").count, 24, "the whole script runs:\n\(printed)") }
            let acknowledged = Set(names.filter { printed.contains("loaded \($0): ") })
            if trial >= 0 { reached.append(printed.split(separator: "\n").count) }
            // Reopen: integrity, then contents.
            let w = try Workspace(path: ws)
            let check = try w.db.prepare("PRAGMA integrity_check")
            XCTAssertTrue(try check.step())
            XCTAssertEqual(check.text(0), "ok", "trial \(trial)")
            let stored = Set(try w.loadAll().map(\.name))
            XCTAssertTrue(acknowledged.isSubset(of: stored), "trial \(trial): acknowledged \(acknowledged.sorted()) but stored \(stored.sorted())")
            XCTAssertTrue(stored.isSubset(of: Set(names)), "trial \(trial)")
            for c in try w.loadAll() { XCTAssertEqual(c.count, 300 * 40 * 8, "a stored dataset is whole") }
            // Definitions: every acknowledged `let` (it prints `x_dN: 12000 rows`) is kept.
            let defined = Set(try w.definitions().map(\.name))
            let lets = Set(names.filter { printed.contains("x_\($0): ") }.map { "x_" + $0 })
            XCTAssertTrue(lets.isSubset(of: defined), "trial \(trial): acknowledged \(lets.sorted()) but defined \(defined.sorted())")
            XCTAssertTrue(defined.isSubset(of: Set(names.flatMap { ["a_" + $0, "x_" + $0] })), "trial \(trial)")
            let all = statements.flatMap { $0 }
            // The journal: every acknowledged statement, in order (what `save` and a reopen see).
            let journaled = all.filter { !$0.hasPrefix("save ") }
            let acknowledgedCount = printed.split(separator: "\n").filter { !$0.hasPrefix("saved ") }.count
            let journal = try w.journal()
            XCTAssertGreaterThanOrEqual(journal.count, acknowledgedCount, "trial \(trial): acknowledged \(acknowledgedCount), journaled \(journal.count)")
            XCTAssertEqual(journal, Array(journaled.prefix(journal.count)), "trial \(trial): the journal is the session so far")
            // The saved script: absent, or the session's statements up to some point, whole —
            // and at least as long as the last save that was acknowledged.
            let acknowledgedSave = printed.split(separator: "\n").compactMap { l -> Int? in
                guard l.hasPrefix("saved ") else { return nil }
                return Int(l.split(separator: " ")[1])
            }.max() ?? 0
            if let text = try? String(contentsOfFile: saved, encoding: .utf8) {
                XCTAssertTrue(text.hasSuffix("\n"), "trial \(trial): the saved script is whole")
                let lines = text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
                XCTAssertEqual(lines, Array(all.prefix(lines.count)), "trial \(trial): the saved script is the session so far")
                XCTAssertGreaterThanOrEqual(lines.count, acknowledgedSave, "trial \(trial)")
            } else {
                XCTAssertEqual(acknowledgedSave, 0, "trial \(trial): a save was acknowledged but no script is there")
            }
        }
        let hist = Dictionary(grouping: reached, by: { $0 }).mapValues(\.count).sorted { $0.key < $1.key }
        print("kills: \(kills); acknowledged statements when killed (of 24) → trials: " + hist.map { "\($0.key)→\($0.value)" }.joined(separator: " "))
    }
}
