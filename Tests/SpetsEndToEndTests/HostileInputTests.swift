// HostileInputTests.swift — inputs made to crash, hang or exhaust spets (issue #23): each
// must end in a clear error, quickly and in bounded memory, with nothing written.
import Foundation
import XCTest
@testable import SpetsCore

final class HostileInputTests: XCTestCase {
    var dir = ""
    override func setUpWithError() throws {
        dir = try Binary.freshDirectory("hostile")
    }

    /// A workbook whose sheet is `sheet` (the rest written by spets' own writer).
    func workbook(sheet: String, shared: String? = nil) throws -> [UInt8] {
        let t = Table(columns: [Column("region", .text(["A"])), Column("year", .number([2020]))])
        var entries = try Zip.read(XLSXWriter.workbook(t), file: "w.xlsx").map { (name: $0.key, data: $0.value) }.sorted { $0.name < $1.name }
        for k in entries.indices where entries[k].name == "xl/worksheets/sheet1.xml" { entries[k].data = Array(sheet.utf8) }
        if let shared { entries.append((name: "xl/sharedStrings.xml", data: Array(shared.utf8))) }
        return Zip.write(entries)
    }

    func testWorkbookNumbersThatDoNotFitAreNotACrash() throws {
        let head = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
        let sheets = [
            "<row r=\"99999999999999999999\"><c r=\"A99999999999999999999\" t=\"inlineStr\"><is><t>x</t></is></c></row>",
            "<row r=\"1\"><c r=\"ABCDEFGHIJKLM1\" t=\"inlineStr\"><is><t>x</t></is></c></row>",
            "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>99999999999999999999</v></c></row>",
        ]
        for s in sheets {
            let b = try workbook(sheet: head + s + "</sheetData></worksheet>", shared: "<sst><si><t>a</t></si></sst>")
            _ = try? XLSXReader.read(b, file: "w.xlsx", sheet: nil)   // an answer or an error; never a trap
        }
        // A deflated entry that declares 1 GiB is refused before anything is allocated.
        var zip = Zip.write([(name: "xl/workbook.xml", data: Array("<workbook/>".utf8))])
        if let cd = (0..<(zip.count - 4)).last(where: { zip[$0] == 0x50 && zip[$0 + 1] == 0x4B && zip[$0 + 2] == 1 && zip[$0 + 3] == 2 }) {
            zip[cd + 10] = 8                                      // method: deflate
            zip[cd + 24] = 0; zip[cd + 25] = 0; zip[cd + 26] = 0; zip[cd + 27] = 0x3F   // ~1 GiB
        }
        XCTAssertThrowsError(try Zip.read(zip, file: "big.xlsx")) { e in
            XCTAssertTrue((e as! Diagnostic).message.contains("more than its"), "\(e)")
        }
    }

    func testDevicesPipesAndHugeCountsAreRefused() throws {
        let fifo = dir + "/pipe.csv"
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        let cases: [(String, String)] = [
            ("load \"/dev/zero\" as z", "is not a regular file"),
            ("load \"\(fifo)\" as f", "is not a regular file"),
            ("run \"\(fifo)\"", "is not a regular file"),
            ("load regions \"/dev/zero\"", "is not a regular file"),
            ("similar SE213 on se.employment in 2022 top 9223372036854775806", "whole number of regions"),
            ("se | top 99999999999999999999 by employment", "whole number of rows"),
        ]
        for (statement, expect) in cases {
            let started = Date()
            let r = try Binary.run(["--demo", "-c", statement])
            XCTAssertEqual(r.status, 1, statement)
            XCTAssertTrue(r.err.contains(expect), "\(statement): \(r.err)")
            XCTAssertFalse(r.err.contains("Fatal error") || r.err.contains("Backtrace"), statement)
            XCTAssertLessThan(Date().timeIntervalSince(started), 30, "\(statement) does not hang")
        }
    }

    func testDeclaredSizesAreCheckedAgainstTheFile() throws {
        // PC-Axis declaring 120 million cells with three values; a sparse JSON-stat declaring
        // 134 million cells with two; JSON-stat with 100,000 labelled categories (linear).
        let px = dir + "/big.px"
        try ("CHARSET=\"ANSI\";\nMATRIX=\"X\";\nSTUB=\"region\";\nHEADING=\"year\";\nVALUES(\"region\")=" + (0..<60000).map { "\"R\($0)\"" }.joined(separator: ",")
             + ";\nVALUES(\"year\")=" + (0..<2000).map { "\"\(2000 + $0)\"" }.joined(separator: ",") + ";\nDATA=\n1 2 3;\n").write(toFile: px, atomically: true, encoding: .utf8)
        let sparse = dir + "/sparse.json"
        try """
            {"version":"2.0","class":"dataset","id":["geo","nace","time"],"size":[4096,4096,8],"dimension":{"geo":{"category":{"index":[\((0..<4096).map { "\"R\($0)\"" }.joined(separator: ","))]}},"nace":{"category":{"index":[\((0..<4096).map { "\"N\($0)\"" }.joined(separator: ","))]}},"time":{"category":{"index":[\((0..<8).map { "\"\(2000 + $0)\"" }.joined(separator: ","))]}}},"value":{"0":1,"5":2}}
            """.write(toFile: sparse, atomically: true, encoding: .utf8)
        for (file, expect) in [(px, "DATA has room for at most"), (sparse, "expands a sparse table at most")] {
            let r = try Binary.run(["-c", "load \"\(file)\" as d"])
            XCTAssertEqual(r.status, 1, file)
            XCTAssertTrue(r.err.contains(expect), r.err)
        }
        let many = dir + "/many.json"
        let n = 100_000
        try """
            {"version":"2.0","class":"dataset","id":["geo","time"],"size":[\(n),1],"dimension":{"geo":{"category":{"index":{\((0..<n).map { "\"R\($0)\":\($0)" }.joined(separator: ","))},"label":{\((0..<n).map { "\"R\($0)\":\"Region \($0)\"" }.joined(separator: ","))}}},"time":{"category":{"index":["2020"]}}},"value":[\([String](repeating: "1", count: n).joined(separator: ","))]}
            """.write(toFile: many, atomically: true, encoding: .utf8)
        let started = Date()
        let r = try Binary.run(["-c", "load \"\(many)\" as d"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("100000 regions"), r.out)
        XCTAssertLessThan(Date().timeIntervalSince(started), 60, "labels are looked up in linear time (28 s before, twice over here)")
    }

    func testControlCharactersAreEscapedWhenPrinted() throws {
        let csv = dir + "/esc.csv"
        try "region,year,x\nA\u{1B}[31mRED,2020,1\nB\u{202E}lacsiF,2020,2\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let r = try Binary.run(["-c", "load \"\(csv)\" as d\nd | where x > 0\nlq d.nope in 2020"])
        XCTAssertFalse(r.combined.contains("\u{1B}["), "no raw escape reaches the terminal")
        XCTAssertTrue(r.out.contains("\\u{1B}[31mRED"), r.out)
        XCTAssertTrue(r.out.contains("B\\u{202E}lacsiF"), "a right-to-left override is shown, not obeyed:\n\(r.out)")
        let started = Date()
        let long = try Binary.run(["--demo"], stdin: "lq se." + String(repeating: "x", count: 1_000_000) + " in 2020\n")
        XCTAssertLessThan(long.err.count, 5000, "a 1 MB unknown name gets a short answer")
        XCTAssertLessThan(Date().timeIntervalSince(started), 30, "and a quick one (92 s before)")
    }

    func testOverwritingAFileNeedsReplace() throws {
        let out = dir + "/lq.csv", svg = dir + "/p.svg"
        try "precious\n".write(toFile: out, atomically: true, encoding: .utf8)
        try "precious\n".write(toFile: svg, atomically: true, encoding: .utf8)
        for (statement, file) in [("export se | top 2 by employment to \"\(out)\"", out), ("save \"\(out)\"", out),
                                  ("plot lq se.employment in 2022 for SE213 as bars to \"\(svg)\"", svg),
                                  ("report \"\(out)\" for SE213", out)] {
            let r = try Binary.run(["--demo", "-c", statement])
            XCTAssertEqual(r.status, 1, statement)
            XCTAssertTrue(r.err.contains("exists; spets does not overwrite a file unless told to"), r.err)
            XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), "precious\n", statement)
        }
        // A dangling symlink is an existing name too.
        XCTAssertEqual(symlink(dir + "/nowhere", dir + "/dangle.csv"), 0)
        let dangling = try Binary.run(["--demo", "-c", "export se | top 2 by employment to \"\(dir)/dangle.csv\""])
        XCTAssertEqual(dangling.status, 1, dangling.combined)
        // `replace` overwrites; a file the session wrote itself it may write again.
        let r = try Binary.run(["--demo", "-c", "export se | top 2 by employment to \"\(out)\" replace\nexport se | top 3 by employment to \"\(out)\""])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").count, 4)
        // Exported text that a spreadsheet would run is made inert.
        let formula = dir + "/f.csv"
        try "region,year,x\n=cmd|' /C calc'!A0,2020,1\n".write(toFile: formula, atomically: true, encoding: .utf8)
        let e = try Binary.run(["-c", "load \"\(formula)\" as d\nexport d to \"\(dir)/out.csv\""])
        XCTAssertEqual(e.status, 0, e.err)
        XCTAssertTrue(try String(contentsOfFile: dir + "/out.csv", encoding: .utf8).contains("'=cmd|' /C calc'!A0"))
    }

    func testGarbageOnStdinIsAFewErrorsAndACount() throws {
        let started = Date()
        let r = try Binary.run([], stdin: String(repeating: "\u{0}", count: 200_000) + "\n" + String(repeating: "$", count: 10_000) + "\n")
        XCTAssertEqual(r.status, 1)
        XCTAssertLessThan(r.err.count, 40_000, "not one message per byte")
        XCTAssertTrue(r.err.contains("more errors in this input are not shown"), String(r.err.suffix(500)))
        XCTAssertLessThan(Date().timeIntervalSince(started), 60)
    }

    func testANotebookChartFolderThatIsASymlinkIsRefused() throws {
        try FileManager.default.createDirectory(atPath: dir + "/outside", withIntermediateDirectories: true)
        try "VICTIM\n".write(toFile: dir + "/outside/figure-1.svg", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: dir + "/nb", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/nb/page.files", withDestinationPath: dir + "/outside")
        try "# p\n\n```spets\nplot lq se.employment in 2022 for SE213 as bars\n```\n".write(toFile: dir + "/nb/page.md", atomically: true, encoding: .utf8)
        let r = try Binary.run(["render", dir + "/nb/page.md", "-o", dir + "/nb/page.md"], env: ["SPETS_DATASETS": Binary.root + "/datasets"])
        XCTAssertEqual(r.status, 1, r.combined)
        XCTAssertTrue(r.err.contains("is a symbolic link"), r.err)
        XCTAssertEqual(try String(contentsOfFile: dir + "/outside/figure-1.svg", encoding: .utf8), "VICTIM\n")
    }

    func testANotebookWritesOnlyWhereItMay() throws {
        let home = dir + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try "keep\n".write(toFile: home + "/.bashrc", atomically: true, encoding: .utf8)
        let nb = dir + "/nb/untrusted.md"
        try FileManager.default.createDirectory(atPath: dir + "/nb", withIntermediateDirectories: true)
        try """
            # A notebook from somewhere

            ```spets {error}
            load "\(Binary.root)/datasets/demo-counties.csv" as se
            save "\(home)/.bashrc" replace
            export se | top 1 by employment to "../outside.csv" replace
            export se | top 1 by employment to "inside.csv"
            ```
            """.write(toFile: nb, atomically: true, encoding: .utf8)
        for args in [["check", nb], ["render", nb, "-o", dir + "/nb/out.html"], ["render", nb, "--write-here", "-o", dir + "/nb/out2.html"]] {
            _ = try Binary.run(args, cwd: dir)
            XCTAssertEqual(try String(contentsOfFile: home + "/.bashrc", encoding: .utf8), "keep\n", "\(args)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/outside.csv"), "\(args)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/inside.csv"), "\(args): relative paths are not the current directory's")
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/nb/inside.csv"), "--write-here writes into the notebook's folder")
        let page = try String(contentsOfFile: dir + "/nb/out.html", encoding: .utf8)
        XCTAssertTrue(page.contains("a notebook may write only inside its scratch directory"), page)
        XCTAssertFalse(page.contains("spets-notebook-"), "the scratch path is not in the page (renders are byte for byte the same)")
    }
}
