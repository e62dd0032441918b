// SwedishWalkTests.swift — "Swedish all the way" (#25 item 6): every verb and table command
// run on the demo data under `set lang sv`, and every line under its table must come out
// Swedish (a line the catalogue leaves as it was is English), except lines that are only a
// formula. And a chart's title, axes and footer are Swedish.
import XCTest
@testable import SpetsCore
@testable import SpetsLang

final class SwedishWalkTests: XCTestCase {
    static let setup = """
        load "\(Repo.root)/datasets/demo-counties.csv" as se
        load "\(Repo.root)/datasets/demo-publications.csv" as pubs
        area kis = preset kis
        indicator kis_share = share se.employment of kis
        goal kis_kalmar: kis_share for Kalmar >= 55% by 2030
        scenario push: growth kis +3%/yr from 2025
        group norr = regions Jämtland, Västernorrland, Norrbotten
        link fields to areas preset kalmar
        """

    /// One statement per verb and per command that gives a table.
    static let corpus = [
        "lq se.employment in 2023 for Kalmar", "lq se.employment in 2023 for Kalmar vs rest with slq",
        "lq se.employment in 2023 for Kalmar with binary threshold 1.25", "lq se.employment in 2023 for Kalmar by area",
        "specialisation se.employment in 2023 for Kalmar", "krugman se.employment in 2023 for Kalmar vs mean",
        "shiftshare se.employment from 2013 to 2023 for Kalmar", "shiftshare se.employment from 2013 to 2023 for Kalmar method esteban",
        "shiftshare se.employment from 2013 to 2023 for Kalmar method dynamic", "shiftshare se.employment from 2013 to 2023 for Kalmar method gerfin",
        "growth se.value_added per se.employment from 2013 to 2023 for Kalmar",
        "productivity se.value_added per se.employment from 2013 to 2023 for Kalmar",
        "productivity se.value_added per se.employment from 2013 to 2023 for Kalmar method two-term",
        "gap se.value_added per se.employment in 2023 for Kalmar",
        "project se.employment for Kalmar to 2030", "project se.employment for Kalmar to 2030 method trend",
        "project kis_share for Kalmar to 2030 method logtrend scenario push",
        "proximity se.employment in 2023", "density se.employment in 2023 for Kalmar", "complexity se.employment in 2023",
        "localisation se.employment in 2023", "lorenz se.employment in 2023 industry 16",
        "portfolio se.employment from 2013 to 2023 for Kalmar", "opportunities Kalmar on se.employment in 2023",
        "activity pubs.publications in 2015..2022 for LNU", "impact pubs.citations in 2015..2022 for LNU",
        "strengths Kalmar on se.employment in 2023 and pubs.publications in 2015..2022 for LNU",
        "compare Kalmar, norr on lq se.employment in 2023", "rank lq se.employment in 2023 for Kalmar",
        "rank se.value_added per se.employment in 2023 for Jämtland", "similar Kalmar on se.employment in 2023",
        "convergence se.value_added per se.employment from 2008 to 2023", "goals", "areas", "groups", "years se", "describe se",
    ]

    /// Lines that are a formula and nothing else read the same in both languages.
    static func formulaOnly(_ line: String) -> Bool {
        ["LQ = (x[r,i]", "slq = ", "AI = ", "cagr: g = "].contains { line.hasPrefix($0) } && !line.contains(" the ")
    }

    func testEveryFooterLineOfEveryVerbIsSwedish() throws {
        let h = try Harness()
        h.run(Self.setup)
        XCTAssertEqual(h.runner.failures, 0, h.out.errors)
        var english: [String] = []
        var checked = 0
        for text in Self.corpus {
            let parsed = Parser.parse(text)
            XCTAssertTrue(parsed.diagnostics.isEmpty, "\(text): \(parsed.diagnostics)")
            guard let st = parsed.statements.first else { continue }
            let table: Table
            do { table = try XCTUnwrap(try h.session.execute(st).table, text) } catch { XCTFail("\(text): \(error)"); continue }
            for line in table.footer where !Self.formulaOnly(line) {
                checked += 1
                if Catalogue.text(line, .sv) == line { english.append("\(text)\n    \(line)") }
            }
        }
        XCTAssertGreaterThan(checked, 120, "the walk reads the footers of every statement")
        XCTAssertEqual(english, [], "lines left in English under `set lang sv`:\n" + english.joined(separator: "\n"))
    }

    func testAChartsTitleAxesAndFooterAreSwedish() throws {
        let h = try Harness()
        h.run(Self.setup + "\nset lang sv")
        let parsed = Parser.parse("plot portfolio se.employment from 2013 to 2023 for Kalmar as bubble")
        h.session.inlineFigures = true
        let svg = try XCTUnwrap(try h.session.execute(parsed.statements[0]).figure)
        XCTAssertTrue(svg.contains(">Portfölj för Kalmar län, employment 2013→2023</text>"), svg)
        XCTAssertTrue(svg.contains(">referens: summan av de 21 inlästa regionerna på nivån län</text>"), svg)
        XCTAssertTrue(svg.contains("lokaliseringskvot (LQ)") && svg.contains("tillväxt jämfört med referensen, procentenheter"))
        XCTAssertFalse(svg.contains(">Portfolio of") || svg.contains("reference:") || svg.contains("growth ="), svg)
        // A line chart of a share: a percent axis titled by the indicator, its goal in per cent.
        let line = try XCTUnwrap(try h.session.execute(Parser.parse("plot project kis_share for Kalmar to 2030 as line goal kis_kalmar").statements[0]).figure)
        XCTAssertTrue(line.contains(">48 %</text>") && line.contains(">kis_share (share employment of kis)</text>"), line)
        XCTAssertTrue(line.contains(">observerat</text>") && line.contains(">framskrivning</text>"), "the legend names both lines")
        XCTAssertTrue(line.contains("mål kis_kalmar: ≥ 55 % år 2030"), line)
        XCTAssertTrue(line.contains(">Framskrivning av kis_share"), line)
    }
}
