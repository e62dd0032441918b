// SessionTests.swift — statements against a session: atomic loads, let, export, set, sql,
// save and replay, workspace reopen, completion.
import Foundation
import XCTest
@testable import SpetsCore
@testable import SpetsLang

final class SessionTests: XCTestCase {
    func testFailedLoadLeavesTheSessionExactlyAsItWas() throws {
        let h = try Harness()
        h.run("load \"\(Repo.write("good.csv", Repo.worked))\" as w")
        let before = (h.session.datasetOrder, h.session.datasets["w"]!.count, try h.session.workspace.journal())
        let bad = Repo.write("bad.csv", "region,industry,year,employment\nA,B,2020,1\nA,C,2020,x1\n")
        let text = h.run("load \"\(bad)\" as w")
        XCTAssertTrue(text.contains("error: \(bad):3:10: expected a number in column `employment`, found `x1`"), text)
        XCTAssertEqual(h.session.datasetOrder, before.0)
        XCTAssertEqual(h.session.datasets["w"]!.count, before.1, "the old w is untouched")
        XCTAssertEqual(try h.session.workspace.journal(), before.2, "a failed statement is not journaled")
        XCTAssertEqual(h.runner.failures, 1)
    }

    func testFailedLoadInPersistentWorkspaceStoresNothing() throws {
        let ws = Repo.tmp + "/atomic-\(UUID().uuidString).spetsdb"
        do {
            let h = try Harness(workspace: ws)
            h.run("load \"\(Repo.write("bad2.csv", "region,industry,year,x\nA,B,2020,1\nA,B,2020,2\n"))\" as d")
            XCTAssertEqual(h.runner.failures, 1)
        }
        let again = try Harness(workspace: ws)
        XCTAssertTrue(again.session.datasetOrder.isEmpty)
    }

    /// A first session in workspace `ws`: the worked example loaded as `w`, and its LQ as printed.
    func firstSession(_ ws: String) throws -> String {
        let h = try Harness(workspace: ws)
        h.run("load \"\(Repo.write("w-\(UUID().uuidString).csv", Repo.worked))\" as w")
        return h.run("lq w.employment in 2022 vs rest")
    }

    func testWorkspaceReopenGivesTheSameResults() throws {
        let ws = Repo.tmp + "/reopen-\(UUID().uuidString).spetsdb"
        let first = try firstSession(ws)
        let h2 = try Harness(workspace: ws)
        XCTAssertEqual(h2.session.datasetOrder, ["w"])
        XCTAssertEqual(h2.run("lq w.employment in 2022 vs rest"), first)
    }

    /// `open` from a workspace whose measures are still deferred: they come along whole, and
    /// the file left behind is closed at once (no log, no lock, no reader left open).
    func testOpeningAnotherWorkspaceBringsDeferredMeasuresAndClosesTheFirst() throws {
        let saved = Workspace.parallelReopenRows
        defer { Workspace.parallelReopenRows = saved }
        Workspace.parallelReopenRows = 1   // every dataset counts as large: measures deferred
        let a = Repo.tmp + "/leave-a-\(UUID().uuidString).spetsdb", b = Repo.tmp + "/leave-b-\(UUID().uuidString).spetsdb"
        let first = try firstSession(a)
        let h = try Harness(workspace: a)
        XCTAssertTrue(h.session.datasets["w"]!.measures.allSatisfy(\.isDeferred), "reopened large: deferred")
        let said = h.run("open \"\(b)\"")
        XCTAssertTrue(said.contains("1 datasets"), said)
        XCTAssertFalse(FileManager.default.fileExists(atPath: a + "-wal"), "the first workspace is closed")
        XCTAssertNoThrow(try Workspace(path: a).loadAll(), "and its lock is free")
        XCTAssertEqual(h.run("lq w.employment in 2022 vs rest"), first)
        h.session.workspace.closeFile()
        let again = try Harness(workspace: b)
        XCTAssertEqual(again.run("lq w.employment in 2022 vs rest"), first, "the measures reached the second file whole")
    }

    func testSaveReplaysToByteIdenticalOutput() throws {
        let data = Repo.write("w3.csv", Repo.worked)
        let h = try Harness()
        let session = """
        load "\(data)" as w
        lq w.employment in 2022 for NB
        lq w.employment in 2022 | where lq >= 1 | sort lq desc | top 3
        lq w.employment in 2022 for nowhere
        set decimals 5
        let top = lq w.employment in 2022 | top 2 by lq
        top | select region, lq
        """
        var original = ""
        for line in session.split(separator: "\n") { original += h.run(String(line)) }
        let script = Repo.tmp + "/saved.spets"
        h.run("save \"\(script)\"")
        let saved = try String(contentsOfFile: script, encoding: .utf8)
        XCTAssertFalse(saved.contains("nowhere"), "failed statements are not saved")
        XCTAssertFalse(saved.contains("save "), "save itself is not saved")
        let replay = try Harness()
        let replayed = replay.run(saved, file: script)
        let expected = original.components(separatedBy: "\n").filter { !$0.contains("nowhere") && !$0.hasPrefix("  ") && !$0.hasPrefix("error") }
        XCTAssertEqual(replay.runner.failures, 0)
        XCTAssertEqual(replayed, expected.joined(separator: "\n"))
        let again = try Harness()
        XCTAssertEqual(again.run(saved, file: script), replayed, "replays are byte-identical")
    }

    func testLetBindsAResultAndAFilteredDataset() throws {
        let h = try Harness(format: .csv)
        h.run("load \"\(Repo.write("w4.csv", Repo.worked))\" as w")
        h.run("let big = w | where employment > 10000")
        XCTAssertEqual(h.session.datasets["big"]?.count, 5, "a filtered dataset is still a dataset")
        let out = h.run("lq big.employment in 2022 for RS | summarise count()")
        XCTAssertEqual(out, "count\n4\n")
        h.run("let r = lq w.employment in 2022 | top 1 by lq")
        XCTAssertEqual(h.run("r | select region, industry"), "region,industry\nNB,MIN\n")
        XCTAssertTrue(h.run("let lq = w").contains("`lq` is a word of the language"))
    }

    /// A pipeline on a dataset builds only the columns its stages read when it ends narrower
    /// than the dataset; results and messages are those of the whole table.
    func testPipelinesOnADatasetReadOnlyTheirColumns() throws {
        let names = ["region", "industry", "year", "employment"]
        func read(_ stages: String) throws -> Set<Int>? {
            guard case .pipeline(let p) = Parser.parse("w" + stages).statements[0].kind else { XCTFail("not a pipeline"); return nil }
            return Session.columnsRead(by: p.stages, from: names)
        }
        XCTAssertEqual(try read(" | summarise count()"), [])
        XCTAssertEqual(try read(" | where year > 2020 | summarise sum(employment)"), [2, 3])
        XCTAssertEqual(try read(" | sort employment | select Region | summarise count(region)"), [0, 3])
        XCTAssertEqual(try read(" | summarise count() | select count"), [], "stages after summarise read the summary")
        XCTAssertNil(try read(" | where year > 2020"), "the whole table is the result")
        XCTAssertNil(try read(" | summarise sum(jobs)"), "an unknown name is reported against the whole table")

        let h = try Harness(format: .csv)
        h.run("load \"\(Repo.write("w-cols.csv", Repo.worked))\" as w")
        XCTAssertEqual(h.run("w | summarise count()"), "count\n20\n")
        XCTAssertEqual(h.run("w | where year = 2022 | where industry = \"ICT\" | summarise sum(employment), count(year)"),
                       "sum_employment,count_year\n260400,4\n", "2600 + 11500 + 1300 + 245000")
        XCTAssertEqual(h.run("w | select region, year | top 1"), "region,year\nNB,2022\n")
        let unknown = h.run("w | summarise sum(jobs)")
        XCTAssertTrue(unknown.contains("no column `jobs`") && unknown.contains("columns: region, industry, year, employment"), unknown)
        h.run("let ict = w | where industry = \"ICT\"")
        XCTAssertEqual(h.session.datasets["ict"]?.count, 4)
        XCTAssertEqual(h.run("ict | select year | top 1"), "year\n2022\n", "a filtered dataset keeps every column")
    }

    func testExportByExtension() throws {
        let h = try Harness()
        h.run("load \"\(Repo.write("w5.csv", Repo.worked))\" as w")
        let csv = Repo.tmp + "/ex.csv", json = Repo.tmp + "/ex.json", md = Repo.tmp + "/ex.md"
        h.run("export lq w.employment in 2022 for NB | select industry, lq to \"\(csv)\"")
        h.run("export lq w.employment in 2022 for NB to \"\(json)\"")
        h.run("export w | top 1 to \"\(md)\"")
        XCTAssertEqual(try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").first, "industry,lq")
        XCTAssertTrue(try String(contentsOfFile: json, encoding: .utf8).hasPrefix("{\"columns\": [\"region\", \"industry\", \"year\", \"employment\", \"lq\"]"))
        XCTAssertTrue(try String(contentsOfFile: md, encoding: .utf8).hasPrefix("| region | industry | year | employment |"))
        let unknown = h.run("export w to \"x.xls\"")
        XCTAssertTrue(unknown.contains("cannot tell the format of \"x.xls\"") && unknown.contains(".xlsx"), unknown)
    }

    func testMessagesGoToStderrWhenStdoutCarriesData() throws {
        let h = try Harness(format: .csv)
        h.run("load \"\(Repo.write("w6.csv", Repo.worked))\" as w\nlq w.employment in 2022 | summarise count(), sum(lq)")
        let lines = h.out.results.split(separator: "\n")
        XCTAssertEqual(lines.first, "count,sum_lq")
        let figures = lines[1].split(separator: ",").map { Double($0)! }
        XCTAssertEqual(figures[0], 20)
        XCTAssertEqual(figures[1], NeumaierSum.total(WorkedLQ.all), accuracy: 1e-9)
        XCTAssertTrue(h.out.messages.hasPrefix("loaded w: 20 rows"))
    }

    func testSqlSeesTheWorkspace() throws {
        let h = try Harness(format: .csv)
        h.run("load \"\(Repo.write("w7.csv", Repo.worked))\" as w")
        XCTAssertEqual(h.run("sql \"select name, rows from datasets\""), "name,rows\nw,20\n")
        XCTAssertEqual(h.run("sql \"select sum(value) as s from observations where region = 'NB'\""), "s\n20800\n")
        XCTAssertTrue(h.run("sql \"drop table datasets\"").contains("sql is read-only"))
        XCTAssertTrue(h.run("sql \"selec 1\"").contains("error: near \"selec\": syntax error"))
    }

    func testHelpIsGeneratedFromTheTables() throws {
        let h = try Harness()
        let all = h.run("help")
        for v in VerbTable.all { XCTAssertTrue(all.contains(v.name), v.name) }
        for c in CommandTable.all { XCTAssertTrue(all.contains(c.name), c.name) }
        XCTAssertTrue(h.run("help lq").contains("lq D.M in YEAR"))
        XCTAssertTrue(h.run("help lqq").contains("did you mean `lq`?"))
    }

    func testRunAScriptAndRefuseRecursion() throws {
        let h = try Harness(format: .csv)
        let data = Repo.write("w8.csv", Repo.worked)
        let inner = Repo.write("inner.spets", "load \"\(data)\" as w\nlq w.employment in 2022 for JH | summarise count()\n")
        h.run("run \"\(inner)\"")
        XCTAssertEqual(h.out.results, "count\n5\n")
        let selfish = Repo.write("self.spets", "run \"\(Repo.tmp)/self.spets\"\n")
        XCTAssertTrue(h.run("run \"\(selfish)\"").contains("is already running"))
    }

    func testCompletionByContext() throws {
        let h = try Harness()
        h.run("load \"\(Repo.write("w9.csv", Repo.worked))\" as w")
        let c = Completer(session: h.session)
        XCTAssertEqual(c.complete("l").candidates, ["load", "link", "let", "lq", "localisation", "lorenz"])
        XCTAssertEqual(c.complete("lq w.").candidates, ["employment"])
        XCTAssertEqual(c.complete("lq w.employment in 2022 f").candidates, ["for"])
        XCTAssertEqual(c.complete("lq w.employment in 2022 for J").candidates, ["JH"])
        XCTAssertEqual(c.complete("lq w.employment in 2022 for NB, V").candidates, ["VB"])
        XCTAssertEqual(c.complete("lq w.employment in 2022 vs r").candidates, ["rest", "RS"])
        XCTAssertEqual(c.complete("lq w.employment in 2022 | so").candidates, ["sort"])
        XCTAssertEqual(c.complete("describe ").candidates, ["w"])
        XCTAssertEqual(c.complete("set format j").candidates, ["json"])
        Repo.write("compl-data.csv", "x")
        let p = c.complete("load \"\(Repo.tmp)/compl-d")
        XCTAssertEqual(p.candidates, ["compl-data.csv"])
        XCTAssertEqual(p.replaceCount, "compl-d".count)
        // The load clauses, each offered until it is used.
        XCTAssertEqual(c.complete("load \"f.csv\" as d sk").candidates, ["skip"])
        XCTAssertEqual(c.complete("load \"f.csv\" as d skip 2 m").candidates, ["measure", "missing"])
        XCTAssertEqual(c.complete("load \"f.csv\" as d wide ").candidates, ["industries", "regions"])
        XCTAssertFalse(c.complete("load \"f.csv\" as d skip 2 ").candidates.contains("skip"))
    }

    /// A file completed inside quotes closes them; a folder does not; `~/` is the home folder,
    /// in completion and in every file a statement names.
    func testPathsCloseTheirQuotesAndTildeIsHome() throws {
        let h = try Harness()
        let c = Completer(session: h.session)
        Repo.write("tilde-only.csv", "x")
        let file = c.complete("load \"\(Repo.tmp)/tilde-on")
        XCTAssertEqual(file.candidates, ["tilde-only.csv"])
        XCTAssertEqual(file.terminator("tilde-only.csv"), "\" ")
        XCTAssertEqual(file.terminator("datasets/"), "")
        XCTAssertEqual(c.complete("lq w.employment in 2022 f").terminator("for"), " ")
        // A home folder of the test's own.
        let saved = ProcessInfo.processInfo.environment["HOME"]
        let home = Repo.tmp + "/home-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home + "/data", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: home + "/kalmar.csv", contents: Data())
        setenv("HOME", home, 1)
        defer { if let saved { setenv("HOME", saved, 1) } else { unsetenv("HOME") } }
        XCTAssertEqual(c.complete("load \"~/k").candidates, ["kalmar.csv"], "completion lists the home folder")
        XCTAssertEqual(c.complete("load \"~/d").candidates, ["data/"])
        XCTAssertEqual(c.complete("load \"~").candidates, ["~/"])
        XCTAssertEqual(FileIO.expandHome("~/a.csv"), home + "/a.csv")
        XCTAssertEqual(FileIO.expandHome("~user/a.csv"), "~user/a.csv")
        XCTAssertEqual(FileIO.expandHome("a/~/b"), "a/~/b")
        let parsed = Parser.parse("load \"~/data.csv\" as d")
        guard case .command(let cmd) = parsed.statements.first?.kind, let load = cmd.node as? LoadCommand else { return XCTFail("\(parsed)") }
        XCTAssertEqual(load.path.text, home + "/data.csv")
        XCTAssertEqual(parsed.statements.first?.text, "load \"~/data.csv\" as d", "the statement keeps what was typed")
    }

    /// Column names complete where a stage takes a column, from the table before the pipe.
    func testColumnsCompleteInStages() throws {
        let h = try Harness()
        h.run("load \"\(Repo.write("w10.csv", Repo.worked))\" as w")
        let c = Completer(session: h.session)
        let lq = "lq w.employment in 2022 for NB"
        XCTAssertEqual(c.complete(lq + " | where ").candidates, ["region", "industry", "year", "employment", "lq"])
        XCTAssertEqual(c.complete(lq + " | where l").candidates, ["lq"])
        XCTAssertEqual(c.complete(lq + " | where lq > 1 and e").candidates, ["employment"])
        XCTAssertEqual(c.complete(lq + " | sort l").candidates, ["lq"])
        XCTAssertEqual(c.complete(lq + " | sort lq ").candidates, ["asc", "desc"])
        XCTAssertEqual(c.complete(lq + " | select industry, l").candidates, ["lq"])
        XCTAssertEqual(c.complete(lq + " | top 3 by ").candidates, ["region", "industry", "year", "employment", "lq"])
        XCTAssertEqual(c.complete(lq + " | summarise s").candidates, ["sum("])
        XCTAssertEqual(c.complete(lq + " | summarise sum(e").candidates, ["employment"])
        XCTAssertEqual(c.complete("let x = " + lq + " | sort lq desc | select i").candidates, ["industry"])
        XCTAssertEqual(c.complete("w | where y").candidates, ["year"])
        XCTAssertEqual(c.complete("export " + lq + " | where r").candidates, ["region"])
        // A statement that does more than give a table is not run for its columns.
        XCTAssertEqual(c.complete("load \"x.csv\" as q | where ").candidates, [])
        XCTAssertNil(h.session.datasets["q"])
    }
}

/// The 20 LQs of C1 (to check sums through the language).
enum WorkedLQ {
    static let all: [Double] = [14.0153400754559, 1.39089313572543, 0.832134245936066, 0.342381912442396, 0.655619094839112,
                                2.465584204319, 1.57772952709153, 0.86111404554578, 1.17534089345897, 0.524258055031909,
                                0.500461928874648, 2.5788233246068, 0.495232970399719, 0.305645655742568, 2.09279686093525,
                                0.534897382696298, 0.935769082139432, 1.02002184580848, 1.0260986978396, 1.01098153443822]
}

final class WorkspaceDefinitionTests: XCTestCase {
    func testLetResultsComeBackWithTheWorkspace() throws {
        let ws = Repo.tmp + "/let-\(UUID().uuidString).spetsdb"
        let data = Repo.write("wl.csv", Repo.worked)
        do {
            let h = try Harness(workspace: ws)
            h.run("load \"\(data)\" as w\nlet top = lq w.employment in 2022 | top 2 by lq\nlet nb = w | where region = NB")
            XCTAssertEqual(h.runner.failures, 0)
        }
        let h = try Harness(workspace: ws, format: .csv)
        XCTAssertEqual(h.session.datasetOrder, ["w", "nb"], "a filtered dataset is stored as a dataset")
        XCTAssertEqual(h.run("top | select region, industry"), "region,industry\nNB,MIN\nJH,WOOD\n")
        XCTAssertTrue(h.session.restoreWarnings.isEmpty)
    }
}

final class MunicipalityTests: XCTestCase {
    /// An SCB table mixing a county and its municipalities (`0880 Kalmar`): every code is in
    /// the registry, the reference is the municipalities' sum, and `Kalmar` is ambiguous there.
    func testMunicipalitiesFromAnSCBTable() throws {
        let h = try Harness()
        let path = Repo.write("kommun.tsv", """
        region\tnäringsgren SNI 2007\tår\tsysselsatta
        08 Kalmar län\tC tillverkning och utvinning\t2023\t30
        08 Kalmar län\tF byggverksamhet\t2023\t10
        0880 Kalmar\tC tillverkning och utvinning\t2023\t8
        0880 Kalmar\tF byggverksamhet\t2023\t4
        0881 Nybro\tC tillverkning och utvinning\t2023\t6
        0881 Nybro\tF byggverksamhet\t2023\t1

        """)
        h.run("load \"\(path)\" as k")
        XCTAssertTrue(h.run("describe k").contains("08, 0880, 0881; all in the registry"))
        let lq = h.run("lq k.sysselsatta in 2023 for \"Kalmar kommun\"")
        // Reference: the two municipalities, C 14 of 19, F 5 of 19; Kalmar C 8 of 12.
        XCTAssertTrue(lq.contains("reference: sum of the 2 loaded regions at level municipality"), lq)
        XCTAssertTrue(lq.contains(NumberFormatting.fixed((8.0 / 12) / (14.0 / 19), decimals: 3)), lq)
        let e = h.run("lq k.sysselsatta in 2023 for Kalmar")
        XCTAssertTrue(e.contains("`Kalmar` matches several regions in k") && e.contains("Kalmar län (08)") && e.contains("Kalmar (0880)"), e)
    }
}

final class FlagTests: XCTestCase {
    /// Eurostat's flags ride with their cells into the analyses: the LQ footer counts the
    /// flagged cells it used (2022: p, b and c; 2021: none) and `describe` counts them all.
    func testFlaggedCellsAreNamedUnderTheResultsThatUseThem() throws {
        let h = try Harness()
        let path = Repo.write("flags.tsv", "freq,unit,nace_r2,geo\\TIME_PERIOD\t2021 \t2022 \nA,THS,C,SE213\t20.5 \t21.25 p\nA,THS,C,SE321\t: \t12 b\nA,THS,F,SE213\t6 \t: c\nA,THS,F,SE321\t4 \t4.5 \n")
        h.run("load \"\(path)\" as e")
        XCTAssertTrue(h.run("describe e").contains("missing 2; flagged p (provisional) 1, b (break in series) 1, c (confidential) 1"))
        let y22 = h.run("lq e.value in 2022")
        XCTAssertTrue(y22.contains("flagged cells (as the source marked them): p (provisional) 1, b (break in series) 1, c (confidential) 1"), y22)
        XCTAssertFalse(h.run("lq e.value in 2021").contains("flagged cells"))
        // One region still rests on the whole cross-section (its reference), flags and all.
        XCTAssertTrue(h.run("specialisation e.value in 2022 for SE213").contains("flagged cells"))
        // Over two years, each year's flags on their own line (2021 has none).
        let ss = h.run("shiftshare e.value from 2021 to 2022")
        XCTAssertTrue(ss.contains("flagged cells in value 2022 (as the source marked them): p (provisional) 1, b (break in series) 1, c (confidential) 1"), ss)
        XCTAssertFalse(ss.contains("flagged cells in value 2021"), ss)
        h.run("set lang sv")
        XCTAssertTrue(h.run("shiftshare e.value from 2021 to 2022").contains("flaggade celler i value 2022 (som källan märkt dem): p (preliminärt) 1"))
    }
}
