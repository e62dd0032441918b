// REPLTests.swift — the interactive shell under a pseudo-terminal: completion, history across
// restarts, Ctrl-C discarding a line and interrupting a statement, UTF-8 editing under
// LANG=C, continuation prompts, Ctrl-D.
import Foundation
import XCTest

final class REPLTests: XCTestCase {
    var home = ""
    var worked: String { Binary.root + "/Tests/Fixtures/worked-panel.csv" }

    override func setUp() {
        home = Binary.tmp + "/home-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    }

    func start(lang: String = "C.UTF-8", args: [String] = []) throws -> PseudoTerminal {
        let t = try PseudoTerminal(args: args, env: ["HOME": home, "TERM": "xterm", "LANG": lang, "LC_ALL": lang,
                                                    "SPETS_HISTORY": home + "/history", "PATH": "/usr/bin:/bin"], cwd: home)
        XCTAssertTrue(t.read(until: "spets> "), "no prompt:\n\(t.plain)")
        return t
    }

    func load(_ t: PseudoTerminal, prompts: Int = 2) {
        t.type("load \"\(worked)\" as w\r")
        XCTAssertTrue(t.read(until: "spets> ", occurrences: prompts), t.plain)
    }

    func testTabCompletesVerbsMeasuresAndRegions() throws {
        let t = try start()
        load(t)
        t.type("desc\t")
        t.read(until: "describe ", timeout: 2)
        t.type("\u{15}")            // Ctrl-U: clear the line
        t.type("lq w.\t")           // two measures: both are listed
        XCTAssertTrue(t.read(until: "employment  value_added", timeout: 2), t.plain)
        t.type("em\t")
        XCTAssertTrue(t.read(until: "lq w.employment ", timeout: 2), t.plain)
        t.type("in 2022 for J\t")
        XCTAssertTrue(t.read(until: "for JH ", timeout: 2), t.plain)
        t.type("\r")
        XCTAssertTrue(t.read(until: "│ JH     │ TOUR     │ 2022 │      5,900 │ 2.093 │"), t.plain)
        t.type("\u{04}")
        XCTAssertEqual(t.wait(), 0)
    }

    func testHistorySurvivesARestart() throws {
        do {
            let t = try start()
            t.type("help lq\r")
            XCTAssertTrue(t.read(until: "spets> ", occurrences: 2))
            t.type("\u{04}")
            XCTAssertEqual(t.wait(), 0)
        }
        let saved = try String(contentsOfFile: home + "/history", encoding: .utf8)
        XCTAssertTrue(saved.contains("help"), saved)
        let t = try start()
        t.type("\u{1B}[A")          // Up
        t.type("\r")
        XCTAssertTrue(t.read(until: "lq D.M in YEAR", timeout: 3), t.plain)
        t.type("\u{04}")
        XCTAssertEqual(t.wait(), 0)
    }

    func testCtrlCDiscardsTheLineAndKeepsTheShell() throws {
        let t = try start()
        t.type("help lqqqq")
        t.read(until: "lqqqq", timeout: 2)
        t.type("\u{03}")            // Ctrl-C
        XCTAssertTrue(t.read(until: "spets> ", occurrences: 2), t.plain)
        t.type("help set\r")
        XCTAssertTrue(t.read(until: "spets> ", occurrences: 3), t.plain)
        XCTAssertFalse(t.plain.contains("no help on `lqqqq`"), "the discarded line must not run:\n\(t.plain)")
        XCTAssertTrue(t.plain.contains("set format table|csv|json|markdown"))
        t.type("\u{04}")
        XCTAssertEqual(t.wait(), 0)
    }

    func testCtrlCInterruptsARunningStatement() throws {
        let t = try start()
        t.type("sql \"with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c\"\r")
        usleep(500_000)
        t.type("\u{03}")
        XCTAssertTrue(t.read(until: "interrupted", timeout: 5), t.plain)
        XCTAssertTrue(t.read(until: "spets> ", occurrences: 2), t.plain)
        t.type("\u{04}")
        XCTAssertEqual(t.wait(), 0)
    }

    func testEditingUTF8UnderLangC() throws {
        let t = try start(lang: "C")
        t.type("sql \"select 'Jämtlands ln' as n\"")
        t.read(until: "as n\"", timeout: 2)
        t.type(String(repeating: "\u{1B}[D", count: 8))   // Left ×8: between `l` and `n`
        t.type("ä\r")
        XCTAssertTrue(t.read(until: "Jämtlands län", timeout: 3), t.plain)
        XCTAssertTrue(t.read(until: "spets> ", occurrences: 2), t.plain)
        t.type("\u{04}")
        XCTAssertEqual(t.wait(), 0)
    }

    func testContinuationPromptForAnUnfinishedStatement() throws {
        let t = try start()
        load(t)
        t.type("lq w.employment in 2022 |\r")
        XCTAssertTrue(t.read(until: "...> ", timeout: 2), t.plain)
        t.type("summarise count()\r")
        XCTAssertTrue(t.read(until: "spets> ", occurrences: 3), t.plain)
        XCTAssertTrue(t.plain.contains("│    20 │"), t.plain)
        t.type("\u{04}")
        XCTAssertEqual(t.wait(), 0)
    }

    /// `chart` draws to the terminal's width (100 columns here) with block characters, and
    /// with ASCII under LANG=C.
    func testChartFitsTheTerminalAndFallsBackToASCII() throws {
        for lang in ["C.UTF-8", "C"] {
            let t = try start(lang: lang)
            load(t)
            t.type("chart lq w.employment in 2022 for NB\r")
            XCTAssertTrue(t.read(until: "spets> ", occurrences: 3), t.plain)
            let lines = t.plain.split(separator: "\n").map(String.init).filter { $0.hasPrefix("MIN") || $0.hasPrefix("TOUR") }
            XCTAssertEqual(lines.count, 2, t.plain)
            for l in lines {
                XCTAssertLessThanOrEqual(l.count, 100, l)
                XCTAssertGreaterThan(l.count, 90, "uses the width: \(l)")
                XCTAssertTrue(lang == "C" ? l.contains("#") && !l.contains("█") : l.contains("█"), l)
            }
            t.type("\u{04}")
            XCTAssertEqual(t.wait(), 0)
        }
    }

    /// The tutorial from start to end at a real terminal, in both languages, typing each
    /// suggested statement as the screen shows it.
    func testTutorialEndToEndInBothLanguages() throws {
        for lang in ["en", "sv"] {
            let t = try start(args: ["--lang", lang])
            let sv = lang == "sv"
            t.type("tutorial\r")
            for step in 1...10 {
                XCTAssertTrue(t.read(until: sv ? "`next` går vidare" : "`next` goes on", occurrences: step, timeout: 5), "\(lang) step \(step):\n\(t.plain)")
                let marker = sv ? "Prova:  " : "Try:  "
                guard let r = t.plain.range(of: marker, options: .backwards) else { return XCTFail("no suggestion:\n\(t.plain)") }
                let statement = String(t.plain[r.upperBound...].prefix { $0 != "\n" && $0 != "\r" })
                t.type(statement + "\r")
                XCTAssertTrue(t.read(until: sv ? "Så läser du det: " : "How to read it: ", occurrences: step, timeout: 10), "\(lang) step \(step) `\(statement)`:\n\(t.plain)")
                t.type("next\r")
            }
            XCTAssertTrue(t.read(until: sv ? "Det var sista steget" : "That was the last step", timeout: 5), t.plain)
            XCTAssertFalse(t.plain.contains(sv ? "fel:" : "error:"), t.plain)
            t.type("\u{04}")
            XCTAssertEqual(t.wait(), 0)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: home + "/my-session.spets"), "the last step saved the session")
    }

    func testViModeFromEditrcStillHandlesCtrlC() throws {
        try "bind -v\n".write(toFile: home + "/.editrc", atomically: true, encoding: .utf8)
        let t = try start()
        t.type("help lqqqq")
        t.type("\u{1B}")            // vi command mode
        t.type("\u{03}")
        XCTAssertTrue(t.read(until: "spets> ", occurrences: 2), t.plain)
        t.type("\u{04}")
        XCTAssertEqual(t.wait(), 0)
        XCTAssertFalse(t.plain.contains("no help on `lqqqq`"))
    }
}

final class WorkspaceSharingTests: XCTestCase {
    /// One session holds a workspace at its prompt; a second process is told who has it.
    func testSecondProcessIsTurnedAwayClearly() throws {
        let home = Binary.tmp + "/share-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let ws = home + "/kalmar.spetsdb"
        let holder = try PseudoTerminal(args: [ws], env: ["HOME": home, "TERM": "xterm", "LANG": "C.UTF-8", "SPETS_HISTORY": home + "/h"], cwd: home)
        XCTAssertTrue(holder.read(until: "spets> "), holder.plain)
        let second = try Binary.run([ws, "-c", "datasets"])
        XCTAssertEqual(second.status, 1)
        XCTAssertTrue(second.err.contains("error: workspace \(ws) is in use by process \(holder.pid)"), second.err)
        holder.type("\u{04}")
        XCTAssertEqual(holder.wait(), 0)
        XCTAssertEqual(try Binary.run([ws, "-c", "datasets"]).status, 0, "free again once the first session has left")
    }
}
