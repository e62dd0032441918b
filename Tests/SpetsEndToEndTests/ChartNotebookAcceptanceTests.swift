// ChartNotebookAcceptanceTests.swift — issue 9's acceptance, run as written: the portfolio
// chart statement on the demo data, `spets check` on the rendered tutorial (and failing with
// a diff when a number in it is edited), and the tutorial's HTML in headless Chromium.
import Foundation
import XCTest

final class ChartNotebookAcceptanceTests: XCTestCase {
    func testPortfolioBubbleStatementAsWritten() throws {
        let dir = Binary.tmp + "/bubble-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/datasets", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Binary.root + "/datasets/demo-counties.csv", toPath: dir + "/datasets/demo-counties.csv")
        let script = """
            load "datasets/demo-counties.csv" as se
            plot portfolio se.employment from 2010 to 2023 for Kalmar as bubble to "out/p.svg"
            """
        let r = try Binary.run(["-c", script], cwd: dir)
        XCTAssertEqual(r.status, 0, r.combined)
        XCTAssertTrue(r.out.contains("plotted bubble chart of 47 rows to out/p.svg"), r.combined)
        let first = try String(contentsOfFile: dir + "/out/p.svg", encoding: .utf8)
        XCTAssertTrue(first.contains(">Portfolio of Kalmar län, employment 2010→2023</text>"))
        _ = try Binary.run(["-c", script], cwd: dir)
        XCTAssertEqual(first, try String(contentsOfFile: dir + "/out/p.svg", encoding: .utf8), "byte-identical across runs")
    }

    func testTutorialChecksAndAnEditedNumberFails() throws {
        let ok = try Binary.run(["check", "docs/tutorial.md"], cwd: Binary.root)
        XCTAssertEqual(ok.status, 0, ok.combined)
        XCTAssertTrue(ok.out.hasSuffix("blocks, every output as stored\n"), ok.out)
        // A copy with one number changed: exit 1 and a diff that shows both.
        let dir = Binary.tmp + "/nb-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Binary.root + "/docs/tutorial.files", toPath: dir + "/tutorial.files")
        let text = try String(contentsOfFile: Binary.root + "/docs/tutorial.md", encoding: .utf8)
        XCTAssertTrue(text.contains("| 5,035 | 4.154 |"))
        try text.replacingOccurrences(of: "| 5,035 | 4.154 |", with: "| 5,035 | 4.145 |").write(toFile: dir + "/tutorial.md", atomically: true, encoding: .utf8)
        let bad = try Binary.run(["check", dir + "/tutorial.md"], cwd: Binary.root)
        XCTAssertEqual(bad.status, 1, bad.combined)
        XCTAssertTrue(bad.out.contains("the output of this block changed"), bad.out)
        XCTAssertTrue(bad.out.contains("  - | SE213 Kalmar län | 16 Tillverkning av trä och varor av trä, kork, rotting o.d. utom möbler | 2023 | 5,035 | 4.145 |"), bad.out)
        XCTAssertTrue(bad.out.contains("  + | SE213 Kalmar län | 16 Tillverkning av trä och varor av trä, kork, rotting o.d. utom möbler | 2023 | 5,035 | 4.154 |"), bad.out)
        let blocks = ok.out.split(separator: " ").dropFirst().first.map(String.init) ?? "?"
        XCTAssertTrue(bad.out.hasSuffix("1 of \(blocks) blocks differ\n"), bad.out)
    }

    /// Determinism across locales: the stored outputs (text, tables, chart bytes) are what the
    /// notebooks give under C, C.UTF-8 and a Swedish locale alike, and a script's output is
    /// the same bytes under each.
    func testOutputsDoNotDependOnTheLocale() throws {
        var outputs: [String] = [], charts: [String] = []
        for lang in ["C", "C.UTF-8", "sv_SE.UTF-8"] {
            let env = ["LANG": lang, "LC_ALL": lang, "LC_NUMERIC": lang]
            for nb in ["docs/tutorial.md", "docs/lärpass.md"] {
                let r = try Binary.run(["check", nb], cwd: Binary.root, env: env)
                XCTAssertEqual(r.status, 0, "\(nb) under \(lang):\n\(r.combined)")
            }
            let s = try Binary.run(["-c", "load \"datasets/demo-counties.csv\" as se; set locale sv; lq se.employment in 2023 for Kalmar | top 3"],
                                   cwd: Binary.root, env: env)
            outputs.append(s.out)
            if lang != "C" { charts.append(try Binary.run(["-c", "load \"datasets/demo-counties.csv\" as se; chart lq se.employment in 2023 for Kalmar | top 3"], cwd: Binary.root, env: env).out) }
        }
        XCTAssertEqual(Set(outputs).count, 1, "the same bytes under every locale")
        XCTAssertEqual(Set(charts).count, 1, "terminal charts too (under C they are ASCII by design)")
    }

    /// A copied or renamed notebook (its chart folder beside it) checks as the original did;
    /// a block that fails says why on stderr, with the caret, not only "block failed".
    func testACopiedNotebookChecksAndAFailingBlockSaysWhy() throws {
        let dir = try Binary.freshDirectory("nbcopy")
        let fm = FileManager.default
        try fm.copyItem(atPath: Binary.root + "/docs/tutorial.md", toPath: dir + "/renamed.md")
        try fm.copyItem(atPath: Binary.root + "/docs/tutorial.files", toPath: dir + "/tutorial.files")
        try fm.createSymbolicLink(atPath: dir + "/datasets", withDestinationPath: Binary.root + "/datasets")
        let r = try Binary.run(["check", "renamed.md"], cwd: dir)
        XCTAssertEqual(r.status, 0, r.combined)
        try "# t\n\n```spets\nlq nope.employment in 2023\n```\n".write(toFile: dir + "/bad.md", atomically: true, encoding: .utf8)
        let bad = try Binary.run(["render", "bad.md", "-o", "bad.html"], cwd: dir)
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.err.contains("bad.md:3: error: this block failed"), bad.err)
        XCTAssertTrue(bad.err.contains("block 1:1:4: error: no dataset `nope`"), bad.err)
        XCTAssertTrue(bad.err.contains("     ^^^^"), bad.err)
    }

    /// The facilitator's handout (Swedish) holds the expected answers as checked outputs.
    func testLarpassHandoutChecks() throws {
        let r = try Binary.run(["check", "docs/lärpass.md"], cwd: Binary.root)
        XCTAssertEqual(r.status, 0, r.combined)
        XCTAssertTrue(r.out.hasSuffix("blocks, every output as stored\n"), r.out)
    }

    func testRenderedTutorialOpensInChromium() throws {
        let dir = Binary.tmp + "/html-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let r = try Binary.run(["render", "docs/tutorial.md", "-o", dir + "/tutorial.html"], cwd: Binary.root)
        XCTAssertEqual(r.status, 0, r.combined)
        let html = try String(contentsOfFile: dir + "/tutorial.html", encoding: .utf8)
        XCTAssertFalse(html.contains("http://") && html.contains("<link"), "nothing fetched")
        guard let chromium = try Chromium.find(scratch: dir) else { return }
        let page = dir + "/tutorial.html"
        let (dom, log) = try chromium.browse(page, ["--dump-dom"])
        XCTAssertFalse(log.contains(":CONSOLE"), "console messages:\n" + log.split(separator: "\n").filter { $0.contains("CONSOLE") }.joined(separator: "\n"))
        let figures = try FileManager.default.contentsOfDirectory(atPath: Binary.root + "/docs/tutorial.files").filter { $0.hasSuffix(".svg") }.count
        XCTAssertGreaterThanOrEqual(figures, 4)
        XCTAssertEqual(dom.components(separatedBy: "<svg").count - 1, figures, "every chart is in the page")
        XCTAssertTrue(dom.contains("Portfolio of Kalmar län"))
        // A screenshot for people to look at; kept in the temporary folder, not the repository.
        _ = try chromium.browse(page, ["--screenshot=" + dir + "/tutorial.png", "--window-size=1200,4000"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/tutorial.png"))
    }
}
