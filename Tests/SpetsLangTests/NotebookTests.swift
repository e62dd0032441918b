// NotebookTests.swift — reading notebooks (options, stored outputs, malformed ones), running
// them, writing them back (render → parse → same blocks), and check's diff.
import Foundation
import XCTest
@testable import SpetsCore
@testable import SpetsLang
@testable import SpetsNotebook

final class NotebookTests: XCTestCase {
    let demo = Repo.root + "/datasets/demo-counties.csv"

    func run(_ text: String) throws -> (Notebook, [BlockResult]) {
        let nb = try Notebook.parse(text, file: "nb.md")
        let session = try Session(registry: Repo.registry(), presetDirectory: Repo.root + "/datasets/areas")
        return (nb, NotebookRunner.run(nb, session: session))
    }

    var source: String {
        """
        # Title

        Prose with `code`.

        ```spets
        load "\(demo)" as se
        lq se.employment in 2023 for Kalmar | sort lq desc | top 2
        ```

        ```spets {hide}
        plot portfolio se.employment from 2010 to 2023 for Kalmar as bubble
        ```

        ~~~spets {error}
        lq se.employment in 1999
        ~~~

        ```python
        print("prose, not run")
        ```

        """
    }

    func testParseRunRenderAndReadBack() throws {
        let (nb, results) = try run(source)
        let codes = nb.cells.compactMap { if case .code(let c) = $0 { return c } else { return nil } }
        XCTAssertEqual(codes.map(\.line), [5, 10, 14])
        XCTAssertEqual(codes.map(\.options), [[], [.hide], [.error]])
        XCTAssertEqual(results.map(\.failed), [false, false, true])
        XCTAssertTrue(NotebookRunner.problems(nb, results, file: "nb.md").isEmpty)
        let page = NotebookMarkdown.render(nb, results, pageName: "out.md")
        XCTAssertEqual(page.figures.map(\.path), ["out.files/figure-1.svg"])
        XCTAssertTrue(page.text.contains("| SE213 Kalmar län | 16 Tillverkning av trä och varor av trä, kork, rotting o.d. utom möbler | 2023 | 5,035 | 4.154 |"), page.text)
        XCTAssertTrue(page.text.contains("block 3:1:18: error: no observations for 1999 in se"), page.text)
        XCTAssertTrue(page.text.contains("print(\"prose, not run\")"))
        // Read back: the same blocks, now with their outputs; rendering again changes nothing.
        let back = try Notebook.parse(page.text, file: "out.md")
        let again = NotebookMarkdown.render(back, results, pageName: "out.md")
        XCTAssertEqual(again.text, page.text)
        let figures = Dictionary(uniqueKeysWithValues: page.figures.map { ($0.path, $0.svg) })
        let report = NotebookCheck.compare(back, results, file: "out.md", pageName: "out.md") { figures[$0] }
        XCTAssertTrue(report.ok, report.differences.joined(separator: "\n"))
        XCTAssertEqual(report.checked, 3)
        // HTML: one page, charts inline, hidden code left out, prose through Ink.
        let html = NotebookHTML.render(back, results)
        XCTAssertTrue(html.contains("<h1>Title</h1>") && html.contains("<code>code</code>"))
        XCTAssertTrue(html.contains("<svg xmlns"))
        XCTAssertFalse(html.contains("as bubble"), "{hide} leaves the code out")
        XCTAssertFalse(html.contains("<script"))
    }

    func testCheckShowsWhatChanged() throws {
        let (nb, results) = try run(source)
        let page = NotebookMarkdown.render(nb, results, pageName: "out.md")
        let edited = page.text.replacingOccurrences(of: "| 4.154 |", with: "| 4.155 |")
        let figures = Dictionary(uniqueKeysWithValues: page.figures.map { ($0.path, $0.svg.replacingOccurrences(of: "Portfolio", with: "Portfolj")) })
        let back = try Notebook.parse(edited, file: "out.md")
        let report = NotebookCheck.compare(back, results, file: "out.md", pageName: "out.md") { figures[$0] }
        XCTAssertEqual(report.differences.count, 2, report.differences.joined(separator: "\n"))
        XCTAssertTrue(report.differences[0].hasPrefix("out.md:5: the output of this block changed\n"))
        XCTAssertTrue(report.differences[0].contains("  - | SE213 Kalmar län | 16 Tillverkning av trä och varor av trä, kork, rotting o.d. utom möbler | 2023 | 5,035 | 4.155 |"))
        XCTAssertTrue(report.differences[0].contains("  + | SE213 Kalmar län | 16 Tillverkning av trä och varor av trä, kork, rotting o.d. utom möbler | 2023 | 5,035 | 4.154 |"))
        XCTAssertTrue(report.differences[1].contains("chart out.files/figure-1.svg changed"))
    }

    func testUnexpectedOutcomesAreProblems() throws {
        let (nb, results) = try run("```spets\nlq nope.x in 2023\n```\n\n```spets {error}\nareas\n```\n")
        let p = NotebookRunner.problems(nb, results, file: "nb.md")
        XCTAssertEqual(p, ["nb.md:1: error: this block failed (mark it {error} if that is what it shows)\n"
                            + "  block 1:1:4: error: no dataset `nope`\n    lq nope.x in 2023\n       ^^^^\n    help: load one first:  load \"FILE.csv\" as nope",
                           "nb.md:5: error: this block is marked {error} but ran without one"], "a failing block says why, with the caret")
    }

    func testMalformedNotebooksNameTheLine() {
        func err(_ text: String) -> String {
            do { _ = try Notebook.parse(text, file: "bad.md"); return "no error" } catch { return error.description }
        }
        XCTAssertEqual(err("intro\n\n```spets\nareas\n"), "bad.md:3: error: this spets block is never closed (no closing ```)")
        XCTAssertEqual(err("```spets {hidden}\nareas\n```\n"), "bad.md:1: error: unknown block option `hidden`; options: {hide}, {nooutput}, {error}")
        XCTAssertEqual(err("```spets\nareas\n```\n\n<!-- spets:output -->\nx\n"), "bad.md:5: error: this output block has no <!-- /spets:output -->")
        XCTAssertEqual(err("text\n<!-- spets:output -->\n"), "bad.md:2: error: an output block without a spets block before it")
    }

    func testNoOutputBlocksAreRunButNotStored() throws {
        let (nb, results) = try run("```spets {nooutput}\nload \"\(demo)\" as se\n```\n\n```spets\ndatasets\n```\n")
        let page = NotebookMarkdown.render(nb, results, pageName: "p.md")
        XCTAssertEqual(page.text.components(separatedBy: Notebook.outputStart).count, 2, "one stored output")
        XCTAssertTrue(page.text.contains("| se |"), page.text)
    }
}
