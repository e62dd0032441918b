// CommandLineTests.swift — exit statuses, -c, --bail, --format, piped stdin, and the
// acceptance statements of the foundation issue (on ../shared when it is present).
import Foundation
import XCTest

final class CommandLineTests: XCTestCase {
    var worked: String { Binary.root + "/Tests/Fixtures/worked-panel.csv" }

    func testExitStatuses() throws {
        XCTAssertEqual(try Binary.run(["-c", "help"]).status, 0)
        XCTAssertEqual(try Binary.run(["-c", "lq nothing.x in 2020"]).status, 1)
        XCTAssertEqual(try Binary.run(["--bogus"]).status, 2, "usage error")
        let bad = try Binary.run(["--format", "xml", "-c", "help"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.err.contains("unknown format 'xml'"), bad.err)
        XCTAssertEqual(try Binary.run(["run", "/nonexistent.spets"]).status, 1)
        XCTAssertEqual(try Binary.run(["run"]).status, 2)
    }

    /// The performance issue's promise: one thread or two, byte-identical results. The file
    /// spans two 4 MB chunks (each parsed in two halves on two threads), regions first
    /// appear in second halves (so dictionaries merge), and it has missing cells and a blank line.
    func testOneOrTwoThreadsGiveIdenticalResults() throws {
        var csv = "region,industry,year,employment,value_added\n"
        csv.reserveCapacity(5_000_000)
        for y in [2015, 2022] { for r in stride(from: 339, through: 0, by: -1) { for i in 0..<200 {
            let e = (r * 7919 + i * 104_729 + y) % 5000
            csv += "R\(r % 2 == 0 ? "A" : "B")\(r),\(100 + i),\(y),\(e == 17 ? "" : String(e)),\(Double(e) * 1.37 + Double(r) / 8)\n"
            if r == 150 && i == 0 && y == 2015 { csv += "\n" }
        } } }
        XCTAssertGreaterThan(csv.utf8.count, 4 << 20, "more than one chunk")
        let path = Binary.tmp + "/threads.csv"
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        let stmts = """
            load "\(path)" as d
            d | where year = 2022 | summarise count(), sum(employment), mean(value_added)
            lq d.employment in 2022 | sort lq | top 5
            shiftshare d.employment from 2015 to 2022 | where industry = "TOTAL" | summarise sum(industry_mix), sum(regional_shift)
            productivity d.value_added per d.employment from 2015 to 2022 | where industry = "TOTAL" | summarise sum(within), sum(entry_exit)
            density d.employment in 2022 | summarise count(), mean(density)
            """
        let two = try Binary.run(["--format", "csv", "-c", stmts])
        let one = try Binary.run(["--format", "csv", "-c", stmts], env: ["SPETS_THREADS": "1"])
        XCTAssertEqual(two.status, 0, two.err)
        XCTAssertEqual(one.out, two.out)
        XCTAssertEqual(one.err, two.err)
        XCTAssertTrue(two.err.hasPrefix("loaded d: 136000 rows"), two.err)
    }

    /// The plain forms are read by hand before ArgumentParser (start-up); a trailing `--`
    /// sends the same line through ArgumentParser: both must behave the same.
    func testQuickArgumentsAgreeWithArgumentParser() throws {
        let script = Binary.tmp + "/quick.spets"
        try "load \"\(worked)\" as w\nlq w.employment in 2022 | top 2 by lq\n".write(toFile: script, atomically: true, encoding: .utf8)
        let forms: [[String]] = [
            ["-c", "datasets; help lq"],
            ["--format", "csv", "-c", "load \"\(worked)\" as w\nlq w.employment in 2022 | top 3 by lq"],
            ["--format=json", "--echo", "-c", "load \"\(worked)\" as w; describe w"],
            ["--bail", "-c", "lq x.y in 2020; help lq"],
            ["--lang", "sv", "--ascii", "-c", "help lq"],
            ["--format", "xml", "-c", "help"],
            ["-c", "help", "--bail", "--bail"],
            ["run", script, "--format", "markdown"],
            ["run", script, "--workspace", Binary.tmp + "/quick.spetsdb", "--echo"],
        ]
        for f in forms {
            let quick = try Binary.run(f), parsed = try Binary.run(f + ["--"])
            XCTAssertEqual(quick.status, parsed.status, "\(f)")
            XCTAssertEqual(quick.out, parsed.out, "\(f)")
            XCTAssertEqual(quick.err, parsed.err, "\(f)")
        }
    }

    /// The bundled registries are read when first needed (start-up does not look): a session
    /// that never needs them says nothing; one that does is told once, and still works.
    /// The shell completions (from swift-argument-parser) know every subcommand, option,
    /// format and file type, although `spets` dispatches `run`, `render` and `check` by hand:
    /// bash is driven as a terminal would drive it (COMP_WORDS, the function's arguments).
    func testShellCompletionsCompleteSubcommandsOptionsFormatsAndFiles() throws {
        let dir = Binary.tmp + "/completion-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for f in ["a.spets", "b.md", "c.csv"] { FileManager.default.createFile(atPath: dir + "/" + f, contents: Data()) }
        let bash = try Binary.run(["--generate-completion-script", "bash"], cwd: dir)
        XCTAssertEqual(bash.status, 0, bash.err)
        try bash.out.write(toFile: dir + "/spets.bash", atomically: true, encoding: .utf8)
        let driver = """
            source ./spets.bash
            comp() { COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}; read -ra COMP_WORDS <<< "$COMP_LINE"
                     [[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=(""); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); COMPREPLY=()
                     _spets spets "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"; echo "$1|${COMPREPLY[*]}"; }
            comp "spets r"; comp "spets --format "; comp "spets --lang "; comp "spets run "; comp "spets render "
            comp "spets render b.md -"; comp "spets run a.spets --f"
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", driver]
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        let got = Dictionary(uniqueKeysWithValues: text.split(separator: "\n").map { l in
            let parts = l.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), Set(parts[1].split(separator: " ").map(String.init)))
        })
        XCTAssertEqual(got["spets r"], ["run", "render"], text)
        XCTAssertEqual(got["spets --format "], Set(["table", "csv", "json", "markdown", "html"]), text)
        XCTAssertEqual(got["spets --lang "], ["en", "sv"], text)
        XCTAssertTrue(got["spets run "]?.contains("a.spets") == true && got["spets run "]?.contains("c.csv") == false, text)
        XCTAssertTrue(got["spets render "]?.contains("b.md") == true, text)
        XCTAssertTrue(got["spets render b.md -"]?.isSuperset(of: ["-o", "--output", "--write-here"]) == true, text)
        XCTAssertEqual(got["spets run a.spets --f"], ["--format"], text)
        for shell in ["zsh", "fish"] {
            let script = try Binary.run(["--generate-completion-script", shell], cwd: dir)
            XCTAssertEqual(script.status, 0, script.err)
            for word in ["render", "check", "format", "markdown", "write-here"] { XCTAssertTrue(script.out.contains(word), "\(shell): \(word)") }
        }
    }

    func testMissingRegistriesAreReportedWhenFirstNeeded() throws {
        let env = ["SPETS_DATASETS": "/nonexistent-spets-data"]
        let quiet = try Binary.run(["-c", "help lq"], env: env)
        XCTAssertEqual(quiet.status, 0)
        XCTAssertFalse(quiet.err.contains("warning"), quiet.err)
        let used = try Binary.run(["--format", "csv", "-c", "load \"\(worked)\" as w\nlq w.employment in 2022 | summarise count()"], env: env)
        XCTAssertEqual(used.status, 0, used.err)
        XCTAssertTrue(used.err.hasPrefix("warning: registries in /nonexistent-spets-data could not be read: cannot open /nonexistent-spets-data/regions-se.csv"), used.err)
        XCTAssertEqual(used.err.components(separatedBy: "warning:").count, 2, "said once")
        XCTAssertEqual(used.out, "count\n20\n", "the analysis still runs")
    }

    func testBailStopsAtTheFirstFailure() throws {
        let stmts = "datasets; lq x.y in 2020; help lq"
        let keepGoing = try Binary.run(["-c", stmts])
        XCTAssertTrue(keepGoing.out.contains("lq D.M in YEAR"))
        let bail = try Binary.run(["--bail", "-c", stmts])
        XCTAssertEqual(bail.status, 1)
        XCTAssertFalse(bail.out.contains("lq D.M in YEAR"))
    }

    func testCsvFormatKeepsStdoutForTables() throws {
        let r = try Binary.run(["--format", "csv", "-c", "load \"\(worked)\" as w\nlq w.employment in 2022 | summarise count(), sum(lq)"])
        XCTAssertEqual(r.status, 0)
        let lines = r.out.split(separator: "\n")
        XCTAssertEqual(lines.count, 2, r.out)
        XCTAssertEqual(lines[0], "count,sum_lq")
        XCTAssertTrue(r.err.hasPrefix("loaded w: 60 rows"))
    }

    func testPipedStdinRunsStatementsWithContinuations() throws {
        let input = "load \"\(worked)\" as w\nlq w.employment in 2022\n  | where lq >= 2\n  | select region, industry\nlq w.employment in 2022 |\n  summarise count()\n"
        let r = try Binary.run(["--format", "csv"], stdin: input)
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(r.out, "region,industry\nNB,MIN\nVB,MIN\nJH,WOOD\nJH,TOUR\ncount\n20\n")
    }

    func testEchoPrintsStatements() throws {
        let r = try Binary.run(["--echo", "--format", "csv", "-c", "set decimals 2"])
        XCTAssertEqual(r.out, "set decimals 2\n")
    }

    func testWorkspaceArgumentPersists() throws {
        let ws = Binary.tmp + "/cli-\(UUID().uuidString).spetsdb"
        XCTAssertEqual(try Binary.run([ws, "-c", "load \"\(worked)\" as w"]).status, 0)
        let r = try Binary.run([ws, "--format", "csv", "-c", "lq w.employment in 2022 for NB | select lq | top 1"])
        XCTAssertEqual(r.out, "lq\n14.01534007545588\n")
    }

    /// The foundation issue's acceptance statements, verbatim, on ../shared (skipped without it).
    func testAcceptanceStatementsOnSharedExamples() throws {
        let shared = Binary.root + "/../shared/examples/worked-panel.csv"
        try requireShared(shared)
        let script = """
        load "../shared/examples/worked-panel.csv" as w
        lq w.employment in 2022
        lq w.employment in 2022 for NB
        lq w.employment in 2022 vs rest
        lq w.employment in 2022 | where lq >= 1 | sort lq desc | top 3
        """
        let r = try Binary.run(["--format", "csv", "-c", script], cwd: Binary.root)
        XCTAssertEqual(r.status, 0, r.err)
        let blocks = r.out.components(separatedBy: "region,industry,year,employment,lq\n").dropFirst()
        XCTAssertEqual(blocks.count, 4)
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Binary.root + "/../shared/examples/worked-expected.json"))) as! [String: Any]
        let c1 = expected["C1_LQ"] as! [String: Any]
        func values(_ block: String) -> [Double] { block.split(separator: "\n").filter { !$0.isEmpty }.map { Double($0.split(separator: ",")[4])! } }
        let all = (c1["LQ"] as! [[Double]]).flatMap { $0 }
        let rest = (c1["LQ_rest_of_nation"] as! [[Double]]).flatMap { $0 }
        for (g, w) in zip(values(blocks[blocks.startIndex]), all) { XCTAssertEqual(g, w, accuracy: 1e-6 * abs(w)) }
        for (g, w) in zip(values(blocks[blocks.startIndex + 1]), Array(all[0..<5])) { XCTAssertEqual(g, w, accuracy: 1e-6 * abs(w)) }
        for (g, w) in zip(values(blocks[blocks.startIndex + 2]), rest) { XCTAssertEqual(g, w, accuracy: 1e-6 * abs(w)) }
        XCTAssertEqual(values(blocks[blocks.startIndex + 3]).count, 3)
        XCTAssertEqual(values(blocks[blocks.startIndex + 3])[0], all[0], accuracy: 1e-9)
    }

    func testDemoAcceptance() throws {
        let r = try Binary.run(["-c", "load \"datasets/demo-counties.csv\" as se\nlq se.employment in 2023 for Kalmar"], cwd: Binary.root)
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("SE213 Kalmar län"))
        XCTAssertTrue(r.out.contains("reference: sum of the 21 loaded regions at level county"))
    }
}
