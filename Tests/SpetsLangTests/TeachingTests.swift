// TeachingTests.swift — for the room: `explain` in both languages, Swedish output for the
// verbs the lärpass uses (scanned for English words), Swedish errors with the caret, and the
// tutorial's steps (both languages, the same statements, every one of them runs).
import Foundation
import XCTest
@testable import SpetsCore
@testable import SpetsLang

final class TeachingTests: XCTestCase {
    let demo = Repo.root + "/datasets/demo-counties.csv"

    func testExplainInBothLanguages() throws {
        let h = try Harness()
        for verb in ["lq", "shiftshare", "productivity", "density"] {
            let en = h.run("explain \(verb)")
            XCTAssertTrue(en.contains("Pitfalls.") && en.contains("Usage: ") && en.contains("References:"), "\(verb):\n\(en)")
            XCTAssertFalse(en.contains("**"), "Markdown emphasis is removed")
        }
        XCTAssertTrue(h.run("explain lq").contains("LQ[r,i] = (X[r,i] / X[r,·]) / (N[i] / N)"))
        XCTAssertTrue(h.run("explain lq").contains("Balassa, B. (1965)"))
        h.run("set lang sv")
        for verb in ["lq", "shiftshare", "productivity", "density"] {
            let sv = h.run("explain \(verb)")
            XCTAssertTrue(sv.contains("Fallgropar.") && sv.contains("Så läser du den.") && sv.contains("Användning: ") && sv.contains("Referenser:"), "\(verb):\n\(sv)")
            XCTAssertFalse(sv.contains("bara på engelska"), verb)
        }
        XCTAssertTrue(h.run("explain localisation").contains("(Den här förklaringen finns än så länge bara på engelska.)"))
        XCTAssertTrue(h.run("explain lqq").contains("fel: det finns ingen förklaring av `lqq`"))
        XCTAssertEqual(h.runner.failures, 1)
    }

    /// Under `set lang sv` the covered verbs' output has none of these English words (the
    /// demo data's own measure names, `employment` and `value_added`, are data, not text).
    func testSwedishOutputHasNoEnglishWords() throws {
        let h = try Harness()
        h.run("set lang sv")
        var out = h.run("load \"\(demo)\" as se")
        for st in ["lq se.employment in 2023 for Kalmar | sort lq desc | top 45",
                   "lq se.employment in 2023 for Kalmar vs rest | top 3",
                   "shiftshare se.employment from 2013 to 2023 for Kalmar | where industry = \"TOTAL\"",
                   "productivity se.value_added per se.employment from 2013 to 2023 for Kalmar | where industry = \"TOTAL\"",
                   "density se.employment in 2023 for Kalmar | top 3",
                   "lq se.employmnt in 2023", "lqq se.employment in 2023", "lq se.employment in 2030"] {
            out += h.run(st)
        }
        // The verbs' own names (`density`, `growth`) are the language, not English prose.
        let scrubbed = out.split(separator: "\n").filter { !$0.hasPrefix("  hjälp: verb: ") }.joined(separator: "\n")
            .replacingOccurrences(of: "employment", with: "").replacingOccurrences(of: "value_added", with: "")
            .replacingOccurrences(of: "economic-complexity", with: "")
        let english = ["reference", "sum of", "loaded", "regions", "industries", "missing", "cells", "holds", "identity", "largest",
                       "within", "static", "national", "change", "persons", "error", "help:", "unknown", "expected", "did you mean",
                       "density", "distance", "where", "more rows", "measures", "rows,", "observations", "years in", "constant prices",
                       "three-term", "entry/exit", "growth"]
        for w in english { XCTAssertFalse(scrubbed.contains(w), "English `\(w)` under set lang sv:\n\(scrubbed)") }
        XCTAssertEqual(h.runner.failures, 3)
    }

    /// Every verb and stage has its Swedish summary in the catalogue, every command in its
    /// registration.
    func testHelpIsSwedishThroughout() throws {
        let summaries = VerbTable.all.map(\.summary) + StageTable.all.map(\.summary)
        for s in summaries { XCTAssertNotEqual(Catalogue.text(s, .sv), s, "no Swedish for: \(s)") }
        for c in CommandTable.all { XCTAssertFalse(c.summarySV.isEmpty || c.summarySV == c.summary, "no Swedish for `\(c.name)`") }
        let h = try Harness()
        h.run("set lang sv")
        let help = h.run("help")
        XCTAssertTrue(help.hasPrefix("spets — analys för smart specialisering\n\nAnalyser\n"), help)
        XCTAssertTrue(h.run("help lq").contains("  in       året (krävs)"))
    }

    func testSwedishErrorKeepsTheCaret() throws {
        let h = try Harness()
        h.run("load \"\(demo)\" as se\nset lang sv")
        let out = h.run("lq se.employmnt in 2023")
        XCTAssertEqual(out, """
            fel: datamängden se har inget mått `employmnt`
              lq se.employmnt in 2023
                    ^^^^^^^^^
              menade du `employment`?
              hjälp: mått i se: employment, value_added

            """)
    }

    func testTutorialStepsAgreeAcrossLanguagesAndRun() throws {
        let en = TutorialStep.parse(try String(contentsOfFile: Repo.root + "/datasets/tutorial/steps.en.md", encoding: .utf8))
        let sv = TutorialStep.parse(try String(contentsOfFile: Repo.root + "/datasets/tutorial/steps.sv.md", encoding: .utf8))
        XCTAssertEqual(en.count, 10)
        XCTAssertEqual(en.map(\.run), sv.map(\.run), "the same statements in both languages")
        for s in en + sv { XCTAssertFalse(s.concept.isEmpty || s.run.isEmpty || s.read.isEmpty || s.ask.isEmpty, s.title) }
        // Walk it: every suggested statement runs, and each gets its reading once.
        let dir = Repo.tmp + "/tutorial-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let cwd = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(dir)
        defer { FileManager.default.changeCurrentDirectoryPath(cwd) }
        for lang in ["en", "sv"] {
            let h = try Harness()
            h.run("set lang \(lang)")
            var out = h.run("tutorial")
            for k in 0..<10 {
                let step = try h.session.tutorialSteps()[k]
                XCTAssertTrue(out.contains(step.run), "step \(k + 1) suggests its statement:\n\(out)")
                let ran = h.run(step.run)
                XCTAssertTrue(ran.contains(lang == "sv" ? "Så läser du det: " : "How to read it: "), "step \(k + 1):\n\(ran)")
                out = h.run("next")
            }
            XCTAssertTrue(out.contains(lang == "sv" ? "Det var sista steget" : "That was the last step"), out)
            XCTAssertEqual(h.runner.failures, 0, h.out.errors)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/kalmar-portfolio.svg"))
    }
}
