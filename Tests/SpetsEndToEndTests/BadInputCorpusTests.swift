// BadInputCorpusTests.swift — the bad-input catalogue: malformed files of every format, every
// verb with a required clause missing or a clause doubled, broken statements and notebooks.
// Each case runs as its own `spets` process against one persistent workspace and must end with
// exit status 1, an `error:` that names the place (file:line, or the statement with a caret),
// and no crash; afterwards the workspace holds exactly what it held before.
import Foundation
import XCTest

final class BadInputCorpusTests: XCTestCase {
    struct Case { var name: String; var statements: String; var expect: String }

    func files(_ dir: String) throws -> [Case] {
        func file(_ name: String, _ text: String) throws -> String {
            let p = dir + "/" + name
            try text.write(toFile: p, atomically: true, encoding: .utf8)
            return p
        }
        func bytes(_ name: String, _ b: [UInt8]) throws -> String {
            let p = dir + "/" + name
            FileManager.default.createFile(atPath: p, contents: Data(b))
            return p
        }
        var cases: [Case] = []
        func load(_ name: String, _ path: String, _ expect: String) { cases.append(Case(name: name, statements: "load \"\(path)\" as bad", expect: expect)) }
        let head = "region,industry,year,employment\n"
        // CSV
        load("csv empty", try file("empty.csv", ""), "is empty")
        load("csv header only", try file("header.csv", head), "")
        load("csv ragged", try file("ragged.csv", head + "SE213,01,2023,5\nSE213,02,2023\n"), ":3:")
        load("csv too many fields", try file("wide.csv", head + "SE213,01,2023,5,7\n"), ":2:")
        load("csv text in a number column", try file("text.csv", head + "SE213,01,2023,5\nSE213,02,2023,many\n" + (0..<30).map { "SE213,\($0 + 10),2023,\($0)\n" }.joined()), ":3:")
        load("csv duplicate key", try file("dup.csv", head + "SE213,01,2023,5\nSE213,01,2023,6\n"), "")
        load("csv duplicate header", try file("duphead.csv", "region,region,year,employment\nA,B,2023,1\n"), "twice")
        load("csv no year", try file("noyear.csv", "region,industry,employment\nA,01,5\n"), "years")
        load("csv no region", try file("noregion.csv", "place,industry,year,employment\nA,01,2023,5\n"), "regions")
        load("csv no measure", try file("nomeasure.csv", "region,industry,year,note\nA,01,2023,x\n"), "no numeric column")
        load("csv NUL bytes", try bytes("nul.csv", Array(head.utf8) + [83, 0, 69] + Array(",01,2023,5\n".utf8)), "NUL")
        load("csv unterminated quote", try file("quote.csv", head + "\"SE213,01,2023,5\n"), "")
        load("csv bad year", try file("badyear.csv", head + "SE213,01,20x3,5\n"), "")
        load("csv huge number", try file("huge.csv", head + "SE213,01,2023," + String(repeating: "9", count: 400) + "\n"), "")
        load("csv binary", try bytes("bin.csv", (0..<512).map { UInt8(($0 * 37 + 11) % 256) }), "")
        load("csv very long line", try file("long.csv", head + "SE213,01,2023," + String(repeating: "1", count: 2_000_000) + "x\n"), "")
        load("csv wrong encoding (UTF-16)", try bytes("utf16.csv", [0xFF, 0xFE] + Array(head.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), "")
        load("missing file", dir + "/no-such.csv", "cannot open")
        load("a directory", dir, "directory")
        // Eurostat TSV
        let tsvHead = "freq,unit,nace_r2,geo\\TIME_PERIOD\t2022 \t2023 \n"
        load("tsv ragged", try file("a.tsv", tsvHead + "A,THS,C,SE213\t3.1 \n"), "")
        load("tsv bad key", try file("b.tsv", tsvHead + "A,THS,SE213\t3.1 \t4 \n"), "")
        load("tsv bad value", try file("c.tsv", tsvHead + "A,THS,C,SE213\tx y z\t4 \n"), "")
        load("tsv truncated", try file("d.tsv", String(tsvHead.prefix(30))), "")
        // PC-Axis
        let px = "CHARSET=\"ANSI\";\nLANGUAGE=\"sv\";\nSTUB=\"region\";\nHEADING=\"tid\";\nVALUES(\"region\")=\"01 Stockholm\",\"08 Kalmar\";\nVALUES(\"tid\")=\"2022\",\"2023\";\nTIMEVAL(\"tid\")=TLIST(A1),\"2022\",\"2023\";\nCONTENTS=\"Folkmängd\";\nUNITS=\"antal\";\nDATA=\n1 2\n3 4;\n"
        load("px good is loaded (control)", try file("ok.px", px), "")
        load("px missing semicolon", try file("p1.px", px.replacingOccurrences(of: "STUB=\"region\";", with: "STUB=\"region\"")), "")
        load("px too few data", try file("p2.px", px.replacingOccurrences(of: "1 2\n3 4;", with: "1 2\n3;")), "")
        load("px too many data", try file("p3.px", px.replacingOccurrences(of: "1 2\n3 4;", with: "1 2\n3 4 5;")), "")
        load("px no DATA", try file("p4.px", String(px.prefix(while: { $0 != "D" }))), "")
        load("px stub unknown variable", try file("p5.px", px.replacingOccurrences(of: "STUB=\"region\"", with: "STUB=\"kommun\"")), "")
        load("px bad number", try file("p6.px", px.replacingOccurrences(of: "1 2\n3 4;", with: "1 x\n3 4;")), "")
        load("px truncated", try file("p7.px", String(px.prefix(60))), "")
        load("px unterminated string", try file("p8.px", px.replacingOccurrences(of: "\"Folkmängd\"", with: "\"Folkmängd")), "")
        // JSON-stat
        let js = "{\"version\":\"2.0\",\"class\":\"dataset\",\"id\":[\"geo\",\"time\"],\"size\":[2,2],\"dimension\":{\"geo\":{\"category\":{\"index\":[\"SE213\",\"SE321\"]}},\"time\":{\"category\":{\"index\":[\"2022\",\"2023\"]}}},\"value\":[1,2,3,4]}"
        load("json-stat truncated", try file("j1.json", String(js.prefix(80))), "")
        load("json-stat size mismatch", try file("j2.json", js.replacingOccurrences(of: "[2,2]", with: "[2,3]")), "")
        load("json-stat too few values", try file("j3.json", js.replacingOccurrences(of: "[1,2,3,4]", with: "[1,2,3]")), "")
        load("json-stat deep nesting", try file("j5.json", String(repeating: "[", count: 100_000)), "")
        load("json-stat not an object", try file("j6.json", "[1,2,3]"), "")
        load("json-stat no id", try file("j7.json", js.replacingOccurrences(of: "\"id\":[\"geo\",\"time\"],", with: "")), "")
        load("json-stat huge sparse", try file("j8.json", js.replacingOccurrences(of: "[2,2]", with: "[200000,200000]").replacingOccurrences(of: "[1,2,3,4]", with: "{\"0\":1}")), "")
        // Excel
        load("xlsx not a zip", try file("x1.xlsx", head + "A,01,2023,5\n"), "not a readable .xlsx")
        load("xlsx zip without a workbook", try bytes("x2.xlsx", [0x50, 0x4B, 0x05, 0x06] + Array(repeating: 0, count: 18)), "")
        cases.append(Case(name: "xlsx with language", statements: "load \"\(dir)/x1.xlsx\" language sv as bad", expect: ""))
        return cases.filter { $0.name != "px good is loaded (control)" }
    }

    func statements() -> [Case] {
        var cases: [Case] = []
        func add(_ name: String, _ s: String, _ expect: String = "") { cases.append(Case(name: name, statements: s, expect: expect)) }
        // Every verb with its first required clause missing, and with a clause doubled.
        let verbs: [(String, String)] = [
            ("lq", "lq se.employment in 2023 for Kalmar"), ("specialisation", "specialisation se.employment in 2023"),
            ("shiftshare", "shiftshare se.employment from 2013 to 2023 for Kalmar"), ("localisation", "localisation se.employment in 2023"),
            ("portfolio", "portfolio se.employment from 2010 to 2023 for Kalmar"), ("density", "density se.employment in 2023 for Kalmar"),
            ("productivity", "productivity se.value_added per se.employment from 2013 to 2023 for Kalmar"),
            ("growth", "growth se.value_added per se.employment from 2013 to 2023 for Kalmar"),
            ("project", "project se.employment for Kalmar to 2030"), ("lorenz", "lorenz se.employment in 2023 industry 16"),
            ("complexity", "complexity se.employment in 2023"), ("proximity", "proximity se.employment in 2023"),
        ]
        for (v, full) in verbs {
            let words = full.split(separator: " ").map(String.init)
            // Drop the first clause keyword and its value (the word after the measure).
            if let k = words.firstIndex(where: { ["in", "from", "for", "to", "industry"].contains($0) }), k + 1 < words.count {
                add("\(v) missing `\(words[k])`", (words[..<k] + words[(k + 2)...]).joined(separator: " "))
                add("\(v) doubled `\(words[k])`", full + " " + words[k] + " " + words[k + 1])
            }
            add("\(v) without a measure", v)
            add("\(v) with an unknown dataset", full.replacingOccurrences(of: "se.", with: "nosuch."), "no dataset")
            add("\(v) with an unknown measure", full.replacingOccurrences(of: "se.employment", with: "se.employmnt"), "no measure")
            if full.contains("2023") { add("\(v) with a year out of range", full.replacingOccurrences(of: "2023", with: "2031")) }
            if full.contains("Kalmar") { add("\(v) with an unknown region", full.replacingOccurrences(of: "Kalmar", with: "Atlantis")) }
        }
        add("unknown verb", "lqq se.employment in 2023", "unknown verb")
        add("unterminated string", "load \"datasets/demo-counties.csv as x")
        add("huge number", "lq se.employment in 99999999999999999999999")
        add("deep nesting", "se | where " + String(repeating: "(", count: 5000) + "year = 2023" + String(repeating: ")", count: 5000))
        add("unbalanced brackets", "se | where (year = 2023")
        add("bad stage", "se | frobnicate")
        add("bad column", "se | where nosuch = 1")
        add("text against number", "se | where year = \"x\"")
        add("number with a space", "lq se.employment in 2 023")
        add("set unknown", "set colour red")
        add("set bad value", "set decimals 99")
        add("export to an unknown format", "export se to \"x.xls\"")
        add("export into a missing folder", "export se to \"/no/such/dir/x.csv\"")
        add("plot an unknown kind", "plot se as pie to \"p.svg\"")
        add("plot without a file", "plot lq se.employment in 2023 as bars")
        add("goal without a region", "goal g: se.employment >= 5 by 2030")
        add("area of nothing", "area x = industries 99..98")
        add("fetch from an unknown source", "fetch worldbank x as y")
        add("run a missing script", "run \"no-such.spets\"")
        add("open a directory", "open \"/\"")
        add("sql that writes", "sql \"delete from datasets\"")
        add("let a language word", "let lq = se")
        add("history outside the shell", "history")
        add("tutorial step out of range", "tutorial 99")
        add("explain nothing known", "explain frobnicate")
        add("strengths without links", "strengths Kalmar on se.employment in 2023 and se.employment in 2015..2022 for Kalmar")
        add("impact outside the data's years", "impact se.employment in 1990..1995")
        add("a lone pipe", "|")
        add("only a string", "\"Kalmar\"")
        add("a control character in a statement", "lq se.employment in 2023\u{1}")
        return cases
    }

    func testEveryBadInputFailsClearlyAndChangesNothing() throws {
        let dir = Binary.tmp + "/corpus-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let ws = dir + "/ws.spetsdb"
        let setup = try Binary.run([ws, "-c", "load \"\(Binary.root)/datasets/demo-counties.csv\" as se\narea wood = industries 16, 17"], cwd: Binary.root)
        XCTAssertEqual(setup.status, 0, setup.combined)
        // What the workspace holds: datasets, definitions, and the journal apart from the
        // reading statements (`sql`, `areas`) this check itself adds.
        func state() throws -> String {
            try Binary.run([ws, "--format", "csv", "-c", "sql \"select name from datasets order by name\"; sql \"select count(*) from journal where statement not like 'sql %' and statement not like 'areas%'\"; areas | where kind = \"defined\""], cwd: Binary.root).out
        }
        let before = try state()
        // Notebooks: a malformed one fails with the line.
        try "```spets\nareas\n".write(toFile: dir + "/nb.md", atomically: true, encoding: .utf8)
        try "```spets {hidden}\nareas\n```\n".write(toFile: dir + "/nb2.md", atomically: true, encoding: .utf8)
        for (nb, expect) in [(dir + "/nb.md", "nb.md:1: error: this spets block is never closed"), (dir + "/nb2.md", "nb2.md:1: error: unknown block option")] {
            let r = try Binary.run(["check", nb], cwd: Binary.root)
            XCTAssertEqual(r.status, 1, nb)
            XCTAssertTrue(r.err.contains(expect), r.err)
        }
        let cases = try files(dir) + statements()
        XCTAssertGreaterThanOrEqual(cases.count + 2, 100, "the corpus has at least 100 cases")
        for c in cases {
            let r = try Binary.run([ws, "-c", c.statements], cwd: Binary.root)
            XCTAssertEqual(r.status, 1, "\(c.name): exit status\n\(r.combined)")
            XCTAssertTrue(r.err.contains("error:"), "\(c.name): an error message\n\(r.combined)")
            // The place: a file location (`file:line`) or the statement with a caret under it.
            XCTAssertTrue(r.err.contains("^") || r.err.range(of: ":[0-9]+", options: .regularExpression) != nil, "\(c.name): names the place\n\(r.err)")
            if !c.expect.isEmpty { XCTAssertTrue(r.err.contains(c.expect), "\(c.name): expected `\(c.expect)`\n\(r.err)") }
            XCTAssertFalse(r.err.contains("Fatal error") || r.err.contains("Illegal instruction"), c.name)
        }
        XCTAssertEqual(try state(), before, "the workspace is as it was")
    }
}
