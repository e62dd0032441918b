// ReportAcceptanceTests.swift — the follow-up report a county publishes (#25 item 7): the
// demo's Kalmar goals as Markdown and HTML in both languages, with three or more charts, no
// number with more than three decimals, no absolute path, opened in headless Chromium.
import Foundation
import XCTest

final class ReportAcceptanceTests: XCTestCase {
    static let script = """
        load "datasets/demo-counties.csv" as se
        area kis = preset kis
        indicator kis_share = share se.employment of kis
        goal kis_kalmar: kis_share for Kalmar >= 55% by 2030
        """

    func makeDir() throws -> String {
        let dir = Binary.tmp + "/report-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/datasets", withDestinationPath: Binary.root + "/datasets")
        return dir
    }

    /// The text a reader sees: the page without SVG markup, plus the words drawn in charts.
    static func visibleText(_ page: String, charts: [String]) -> String {
        var text = page
        while let a = text.range(of: "<svg"), let b = text.range(of: "</svg>", range: a.upperBound..<text.endIndex) {
            text.replaceSubrange(a.lowerBound..<b.upperBound, with: "")
        }
        for svg in charts {
            var rest = svg[...]
            while let open = rest.range(of: "<text"), let gt = rest[open.upperBound...].firstIndex(of: ">"),
                  let close = rest.range(of: "</text>", range: gt..<rest.endIndex) {
                text += "\n" + rest[rest.index(after: gt)..<close.lowerBound]
                rest = rest[close.upperBound...]
            }
        }
        return text
    }

    /// Numbers written with more than three decimals (`0.4850`, `131,574.0000`).
    static func longDecimals(_ text: String) -> [String] {
        var found: [String] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            if chars[i].isNumber {
                var j = i
                while j < chars.count, chars[j].isNumber { j += 1 }
                if j + 1 < chars.count, chars[j] == "." || chars[j] == ",", chars[j + 1].isNumber {
                    var k = j + 1
                    while k < chars.count, chars[k].isNumber { k += 1 }
                    if k - j - 1 > 3 && (j - i) <= 6 { found.append(String(chars[i..<k])) }
                    i = k
                    continue
                }
                i = j
            } else { i += 1 }
        }
        return found
    }

    func testDemoReportHasChartsShortNumbersAndNoAbsolutePath() throws {
        let dir = try makeDir()
        let r = try Binary.run(["-c", Self.script + """

            report "kalmar.md" for Kalmar
            report "kalmar.html" for Kalmar
            set lang sv
            report "kalmar-sv.md" for Kalmar
            report "kalmar-sv.html" for Kalmar
            """], cwd: dir)
        XCTAssertEqual(r.status, 0, r.err)
        for (page, sv) in [("kalmar", false), ("kalmar-sv", true)] {
            let md = try String(contentsOfFile: dir + "/\(page).md", encoding: .utf8)
            let html = try String(contentsOfFile: dir + "/\(page).html", encoding: .utf8)
            // Charts: linked by relative paths in Markdown, inline in HTML.
            let links = md.components(separatedBy: "](\(page).files/figure-").count - 1
            XCTAssertGreaterThanOrEqual(links, 3, md)
            let charts = try (1...links).map { try String(contentsOfFile: dir + "/\(page).files/figure-\($0).svg", encoding: .utf8) }
            XCTAssertGreaterThanOrEqual(html.components(separatedBy: "<svg").count - 1, 3)
            XCTAssertTrue(charts.contains { $0.contains("stroke-dasharray") && $0.contains("kis_kalmar") }, "the goal's line chart")
            // No absolute path anywhere, no number with more than three decimals.
            for text in [Self.visibleText(md, charts: charts), Self.visibleText(html, charts: [])] {
                XCTAssertFalse(text.contains(dir) || text.contains(Binary.root) || text.contains("/tmp/"), text)
                XCTAssertEqual(Self.longDecimals(text), [], page)
            }
            // One language.
            if sv {
                XCTAssertTrue(md.hasPrefix("# Uppföljning: Kalmar län\n"), md)
                for h in ["## Mål\n", "## Indikatorer\n", "## Specialisering 2023 (lokaliseringskvoter, topp 10)", "## Portfölj 2013–2023", "## Strukturomvandling 2013–2023 (shift-share, topp 10)", "## Bilaga: alla rader"] {
                    XCTAssertTrue(md.contains(h), h)
                }
                XCTAssertFalse(md.contains("(goals)") || md.contains("## Goals") || md.contains("Appendix"), md)
                XCTAssertTrue(md.contains("| 48,5 | 55,0 |"), "shares as percentages, Swedish numbers")
                XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"sv\">"))
            } else {
                XCTAssertTrue(md.hasPrefix("# Follow-up: Kalmar län\n"), md)
                XCTAssertFalse(md.contains("Uppföljning") || md.contains("## Mål"), md)
                XCTAssertTrue(md.contains("| 48.5 | 55.0 |"), md)
                XCTAssertTrue(md.contains("| 16 Tillverkning av trä och varor av trä, kork, rotting o.d. utom möbler | 5,035 | 4.154 |"), md)
            }
            // Tables cut to ten rows, the rest in the appendix.
            let specialisation = md.components(separatedBy: "\n## ")[3]
            XCTAssertEqual(specialisation.split(separator: "\n").filter { $0.hasPrefix("| ") }.count, 11, specialisation)
            XCTAssertFalse(html.contains("<script") || html.contains("<link") || html.contains("src=\"http"), "nothing fetched")
        }
        try openInChromium(dir + "/kalmar-sv.html", in: dir)
    }

    func openInChromium(_ page: String, in dir: String) throws {
        guard let chromium = try Chromium.find(scratch: dir) else { return }
        let (dom, log) = try chromium.browse(page, ["--dump-dom"])
        XCTAssertFalse(log.contains(":CONSOLE"), log)
        XCTAssertGreaterThanOrEqual(dom.components(separatedBy: "<svg").count - 1, 3, "the charts are in the page as the browser reads it")
        XCTAssertTrue(dom.contains("<h1>Uppföljning: Kalmar län</h1>"))
        // A screenshot for people to look at, in the temporary folder.
        _ = try chromium.browse(page, ["--screenshot=" + dir + "/report.png", "--window-size=1100,5000"])
        let size = (try FileManager.default.attributesOfItem(atPath: dir + "/report.png")[.size] as? Int) ?? 0
        XCTAssertGreaterThan(size, 50_000, "a page with charts, not a blank one")
    }

    /// A latest year that holds only totals is passed over with a note; asked for by `to`, it
    /// is refused with the latest complete year; `from … to …` sets the window.
    func testTotalsOnlyYearAndWindow() throws {
        let dir = try makeDir()
        var csv = try String(contentsOfFile: Binary.root + "/Tests/Fixtures/worked-panel.csv", encoding: .utf8)
        csv += "NB,TOTAL,2023,16000,30000\nVB,TOTAL,2023,9000,20000\nNB,TOTAL,2010,15000,28000\n"
        try csv.write(toFile: dir + "/panel.csv", atomically: true, encoding: .utf8)
        let r = try Binary.run(["-c", """
            load "panel.csv" as w
            report "a.md" for NB
            report "b.md" for NB from 2015 to 2019
            report "c.md" for NB to 2023
            report "e.md" for NB from 2010
            report "g.md" for NB
            report "g.md" replace for NB to 2015
            report "f (copy).md" for NB
            """], cwd: dir)
        XCTAssertEqual(r.status, 1, r.combined)
        let a = try String(contentsOfFile: dir + "/a.md", encoding: .utf8)
        XCTAssertTrue(a.contains("The data's latest year, 2023, holds 1 of 5 industries for NB (totals only); this report uses 2022, the latest complete year"), a)
        XCTAssertTrue(a.contains("## Specialisation 2022") && a.contains("## Structural change 2015–2022"), a)
        let b = try String(contentsOfFile: dir + "/b.md", encoding: .utf8)
        XCTAssertTrue(b.contains("## Structural change 2015–2019") && b.contains("## Specialisation 2019"), b)
        XCTAssertTrue(r.err.contains("error: `to` 2023: that year holds 1 of 5 industries for NB; the latest complete year is 2022"), r.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/c.md"), "a refused report writes nothing")
        XCTAssertTrue(r.err.contains("error: `from` 2010: that year holds 1 of 5 industries for NB; the first complete year is 2015"), r.err)
        // A report written again over a shorter window keeps no chart of the longer one.
        let g = try String(contentsOfFile: dir + "/g.md", encoding: .utf8)
        let charts = try FileManager.default.contentsOfDirectory(atPath: dir + "/g.files").filter { $0.hasSuffix(".svg") }
        XCTAssertEqual(charts, [], "the second report of g.md has no chart, so none of the first is left")
        XCTAssertFalse(g.contains("](g.files/"), g)
        // A file name with a space and brackets: the chart links are `<…>` targets.
        let f = try String(contentsOfFile: dir + "/f (copy).md", encoding: .utf8)
        XCTAssertTrue(f.contains("](<f (copy).files/figure-1.svg>)"), f)
    }

    /// A dataset with totals only has no year to report on: refused, and nothing written.
    func testADatasetOfTotalsOnlyIsRefused() throws {
        let dir = try makeDir()
        try "region,industry,year,employment\nNB,TOTAL,2021,100\nNB,TOTAL,2022,110\nVB,TOTAL,2022,90\n".write(toFile: dir + "/t.csv", atomically: true, encoding: .utf8)
        let r = try Binary.run(["-c", "load \"t.csv\" as t\nreport \"t.md\" for NB"], cwd: dir)
        XCTAssertEqual(r.status, 1, r.combined)
        XCTAssertTrue(r.err.contains("error: nothing to report for NB: no year of t holds its industries"), r.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/t.md"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/t.files"))
    }

    /// The chart folder is never a symbolic link planted beside the report.
    func testChartFolderThatIsALinkIsRefused() throws {
        let dir = try makeDir()
        try FileManager.default.createDirectory(atPath: dir + "/elsewhere", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/k.files", withDestinationPath: dir + "/elsewhere")
        let r = try Binary.run(["-c", Self.script + "\nreport \"k.md\" for Kalmar"], cwd: dir)
        XCTAssertEqual(r.status, 1, r.combined)
        XCTAssertTrue(r.err.contains("is a symbolic link"), r.err)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir + "/elsewhere"), [])
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/k.md"))
    }
}
