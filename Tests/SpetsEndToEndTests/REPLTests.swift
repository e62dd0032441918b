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

    /// Under scripts/sanitize the sanitizers' options must reach the shell too.
    static var sanitizerOptions: [String: String] {
        ProcessInfo.processInfo.environment.filter { ["ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"].contains($0.key) }
    }

    func start(lang: String = "C.UTF-8", args: [String] = [], env extra: [String: String] = [:], columns: Int = 100) throws -> PseudoTerminal {
        // PAGER=cat: tall results pass straight through (testPagerAndProgress sets its own).
        var env = ["HOME": home, "TERM": "xterm", "LANG": lang, "LC_ALL": lang, "SPETS_HISTORY": home + "/history", "PATH": "/usr/bin:/bin", "PAGER": "cat"]
        for (k, v) in extra { env[k] = v }
        env.merge(Self.sanitizerOptions) { a, _ in a }
        let t = try PseudoTerminal(args: args, env: env, cwd: home, columns: columns)
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

    /// A file name completed inside quotes closes them, so the statement runs as completed;
    /// `~/` completes from the home folder; a column completes after `where`.
    func testPathsCloseTheirQuotesAndColumnsComplete() throws {
        try FileManager.default.copyItem(atPath: worked, toPath: home + "/panel-for-tab.csv")
        let t = try start()
        t.type("load \"panel-for\t")
        XCTAssertTrue(t.read(until: "load \"panel-for-tab.csv\" ", timeout: 2), t.plain)
        t.type("as p\r")
        XCTAssertTrue(t.read(until: "loaded p: 60 rows"), t.plain)
        t.type("load \"~/panel-f\t")
        XCTAssertTrue(t.read(until: "load \"~/panel-for-tab.csv\" ", timeout: 2), t.plain)
        t.type("as q\r")
        XCTAssertTrue(t.read(until: "loaded q: 60 rows"), t.plain)
        t.type("lq p.employment in 2022 | where indu\t")
        XCTAssertTrue(t.read(until: "| where industry ", timeout: 2), t.plain)
        t.type("= MIN\r")
        XCTAssertTrue(t.read(until: "│ NB     │ MIN      │ 2022 │"), t.plain)
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

    /// At the prompt an existing file is not overwritten without a yes (80 columns).
    func testOverwriteAsks() throws {
        let out = home + "/lq.csv"
        try "precious\n".write(toFile: out, atomically: true, encoding: .utf8)
        let t = try start(env: ["COLUMNS": "80"])
        load(t)
        t.type("export w | top 2 by employment to \"lq.csv\"\r")
        XCTAssertTrue(t.read(until: "lq.csv exists: replace it? [y/N] "), t.plain)
        t.type("n\r")
        XCTAssertTrue(t.read(until: "spets> ", occurrences: 3), t.plain)
        XCTAssertTrue(t.plain.contains("lq.csv was kept as it was (not replaced)"), t.plain)
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), "precious\n")
        t.type("export w | top 2 by employment to \"lq.csv\"\r")
        XCTAssertTrue(t.read(until: "replace it? [y/N] ", occurrences: 2), t.plain)
        t.type("y\r")
        XCTAssertTrue(t.read(until: "spets> ", occurrences: 4), t.plain)
        XCTAssertTrue(t.plain.contains("exported 2 rows to lq.csv (csv)"), t.plain)
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").count, 3)
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

    /// At 80 columns the README's first example fits without wrapping: units go under their
    /// names and the long industry names are cut; `set width 0` gives the whole table back,
    /// and a narrower terminal hides columns from the middle with a note.
    func testTablesFitAnEightyColumnTerminal() throws {
        let t = try start(args: ["--demo"], columns: 80)
        t.type("lq se.employment in 2023 for Kalmar | sort lq desc | top 3\r")
        XCTAssertTrue(t.read(until: "spets> ", occurrences: 2), t.plain)
        let table = t.plain.split(separator: "\n").map(String.init).filter { $0.hasPrefix("│") || $0.hasPrefix("┌") || $0.hasPrefix("├") || $0.hasPrefix("└") }
        XCTAssertEqual(table.count, 2 + 2 + 3 + 1, t.plain)   // rules, two header lines, 3 rows
        for l in table { XCTAssertLessThanOrEqual(l.count, 80, l) }
        XCTAssertTrue(table.contains { $0.contains("SE213 Kalmar län │ 16 Tillverkning av trä") && $0.contains("│ 2023 │      5,035 │ 4.154 │") }, t.plain)
        XCTAssertTrue(table.contains { $0.contains("(persons)") }, t.plain)
        // The README shows this very screen.
        let readme = try String(contentsOfFile: Binary.root + "/README.md", encoding: .utf8)
        func block(_ text: String) -> String? {
            guard let a = text.range(of: "┌──"), let b = text.range(of: "missing cells: 0\n", range: a.upperBound..<text.endIndex) else { return nil }
            return String(text[a.lowerBound..<b.upperBound])
        }
        XCTAssertEqual(block(readme), block(t.plain), "README.md's first example is not what an 80-column terminal shows")
        t.type("set width 0\r")
        t.type("lq se.employment in 2023 for Kalmar | sort lq desc | top 1\r")
        XCTAssertTrue(t.read(until: "spets> ", occurrences: 4), t.plain)
        XCTAssertTrue(t.plain.contains("16 Tillverkning av trä och varor av trä, kork, rotting o.d. utom möbler │ 2023 │                5,035 │"), t.plain)
        t.type("set width 40\r")
        t.type("lq se.employment in 2023 for Kalmar | sort lq desc | top 1\r")
        XCTAssertTrue(t.read(until: "spets> ", occurrences: 6), t.plain)
        XCTAssertTrue(t.plain.replacingOccurrences(of: "\n  ", with: " ").contains("… 3 columns hidden (industry, year, employment); `set width 0` shows all"), t.plain)
        t.type("\u{04}")
        XCTAssertEqual(t.wait(), 0)
    }

    /// `history` numbers what was typed, `history N` runs one again, Ctrl-R finds an earlier
    /// statement as you type, and `edit` runs what the editor saved.
    func testHistoryCtrlRAndEdit() throws {
        let editor = home + "/editor.sh"
        try "#!/bin/sh\necho 'lq w.employment in 2022 for NB | top 1' > \"$1\"\n".write(toFile: editor, atomically: true, encoding: .utf8)
        chmod(editor, 0o755)
        let t = try start(env: ["EDITOR": editor])
        load(t)
        let jh = "│ JH     │ MIN"
        t.type("lq w.employment in 2022 for JH | top 1\r")
        XCTAssertTrue(t.read(until: jh, occurrences: 1), t.plain)
        t.type("datasets\r")
        XCTAssertTrue(t.read(until: "│ w    │ dataset"), t.plain)
        t.type("history\r")
        XCTAssertTrue(t.read(until: "│ n │ statement"), t.plain)
        t.read(until: "spets> history\n", timeout: 1)
        XCTAssertTrue(t.read(until: "│ 2 │ lq w.employment in 2022 for JH | top 1 ", timeout: 3), t.plain)
        // Ctrl-R, a few characters of the earlier statement, Enter: it runs again.
        t.type("\u{12}for JH")
        t.read(until: "for JH", occurrences: 4, timeout: 1)
        t.type("\r")
        XCTAssertTrue(t.read(until: jh, occurrences: 2, timeout: 5), "Ctrl-R ran the JH statement again:\n\(t.plain)")
        // history N
        t.type("history 2\r")
        XCTAssertTrue(t.read(until: jh, occurrences: 3, timeout: 5), t.plain)
        // edit: the editor script rewrites the statement to NB's; that is what runs.
        t.type("edit\r")
        XCTAssertTrue(t.read(until: "│ NB     │ MIN", timeout: 5), t.plain)
        t.type("\u{04}")
        XCTAssertEqual(t.wait(), 0)
    }

    /// A result taller than the terminal goes through $PAGER; a short one and `set pager off`
    /// do not. A long load shows a progress line on stderr and erases it.
    func testPagerAndProgress() throws {
        let big = home + "/big.csv"
        var csv = "region,industry,year,employment\n"
        csv.reserveCapacity(40_000_000)
        for r in 0..<700 { for i in 0..<60 { for y in 2000..<2024 { csv += "R\(r),I\(i),\(y),\(r + i + y)\n" } } }
        try csv.write(toFile: big, atomically: true, encoding: .utf8)
        // The line appears at the first tick however fast the load (not after 0.5 s).
        let t = try start(env: ["PAGER": "sed s/^/PAGED:/", "SPETS_PROGRESS_AFTER": "0"])
        t.type("load \"\(big)\" as b\r")
        XCTAssertTrue(t.read(until: "loaded b: 1008000 rows", timeout: 60), t.plain)
        XCTAssertTrue(t.screen.contains("load: ") && t.screen.contains(" MB/s"), "a progress line was drawn:\n\(t.screen.suffix(2000))")
        XCTAssertTrue(t.screen.contains("\r\u{1B}[Kloaded b:"), "and erased before the result")
        load(t, prompts: 3)
        t.type("set rows 600\r")
        t.type("lq w.employment in 2022 | top 2\r")
        XCTAssertTrue(t.read(until: "│ NB     │ MIN", timeout: 5), t.plain)
        XCTAssertFalse(t.plain.contains("PAGED:"), "a short result is not paged")
        t.type("b | top 600\r")
        XCTAssertTrue(t.read(until: "PAGED:│ R0     │ I0", timeout: 10), t.plain)
        t.read(until: "PAGED:└", timeout: 5)
        let paged = t.plain.components(separatedBy: "PAGED:").count
        t.type("set pager off\r")
        t.type("b | top 501\r")
        XCTAssertTrue(t.read(until: "│ I20      │ 2020 │", timeout: 10), t.plain)
        t.read(until: "spets> ", occurrences: 8, timeout: 3)
        XCTAssertEqual(t.plain.components(separatedBy: "PAGED:").count, paged, "`set pager off`: not paged")
        // A long `compare` (one verb run per region over a million rows) shows its progress
        // and stops at Ctrl-C, leaving the shell ready.
        t.type("compare " + (0..<400).map { "R\($0)" }.joined(separator: ", ") + " on lq b.employment in 2020\r")
        XCTAssertTrue(t.read(until: " of 400 regions", timeout: 20), "a progress line for compare:\n\(t.screen.suffix(1500))")
        t.type("\u{03}")
        XCTAssertTrue(t.read(until: "interrupted", timeout: 10), t.plain.suffix(1500).description)
        t.read(until: "spets> ", occurrences: 9, timeout: 5)
        t.type("datasets\r")
        XCTAssertTrue(t.read(until: "spets> ", occurrences: 10, timeout: 5), t.plain.suffix(800).description)
        // An export of a million rows is written piece by piece with progress in rows; Ctrl-C
        // leaves no file (and no temporary one) behind.
        let exported = home + "/all.csv"
        t.type("export b to \"\(exported)\"\r")
        XCTAssertTrue(t.read(until: " rows · ", timeout: 20), "a progress line for export:\n\(t.screen.suffix(1500))")
        t.type("\u{03}")
        XCTAssertTrue(t.read(until: "spets> ", occurrences: 11, timeout: 10), t.plain.suffix(1500).description)
        XCTAssertEqual(t.plain.components(separatedBy: "interrupted").count, 3, t.plain.suffix(800).description)
        XCTAssertFalse(FileManager.default.fileExists(atPath: exported))
        let folder = URL(fileURLWithPath: exported).deletingLastPathComponent().path
        XCTAssertFalse(((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).contains { $0.contains(".spets-") }, "no temporary file is left")
        t.type("\u{04}")
        XCTAssertEqual(t.wait(), 0)
        // `spets -c … > out.txt` from a terminal: the progress line goes to the terminal
        // (stderr), the file holds only the result.
        let sh = try PseudoTerminal(executable: "/bin/sh", args: ["-c", "'\(Binary.path)' -c 'load \"\(big)\" as b; b | top 600' > out.txt"],
                                    env: ["HOME": home, "TERM": "xterm", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "SPETS_PROGRESS_AFTER": "0"].merging(Self.sanitizerOptions) { a, _ in a }, cwd: home)
        XCTAssertEqual(sh.wait(timeout: 60), 0)
        XCTAssertTrue(sh.screen.contains("load: "), "progress on the terminal:\n\(sh.screen.suffix(500))")
        let out = try String(contentsOfFile: home + "/out.txt", encoding: .utf8)
        XCTAssertTrue(out.hasPrefix("loaded b: 1008000 rows"), String(out.prefix(200)))
        XCTAssertFalse(out.contains("\u{1B}") || out.contains("\r") || out.contains("MB/s"), "no progress or pager codes in the file")
        XCTAssertTrue(out.contains("… 560 more rows (600 in all"), "no pager: the table as for any script")
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
        let holder = try PseudoTerminal(args: [ws], env: ["HOME": home, "TERM": "xterm", "LANG": "C.UTF-8", "SPETS_HISTORY": home + "/h"].merging(REPLTests.sanitizerOptions) { a, _ in a }, cwd: home)
        XCTAssertTrue(holder.read(until: "spets> "), holder.plain)
        let second = try Binary.run([ws, "-c", "datasets"])
        XCTAssertEqual(second.status, 1)
        XCTAssertTrue(second.err.contains("error: workspace \(ws) is in use by process \(holder.pid)"), second.err)
        holder.type("\u{04}")
        XCTAssertEqual(holder.wait(), 0)
        XCTAssertEqual(try Binary.run([ws, "-c", "datasets"]).status, 0, "free again once the first session has left")
    }
}
