// ComfortErrorTests.swift — the error paths of the everyday commands, with their messages and
// carets, and that a failed one leaves the session as it was.
import Foundation
import XCTest
@testable import SpetsCore
@testable import SpetsLang

final class ComfortErrorTests: XCTestCase {
    /// Refused statements leave nothing behind: stages after an export's file write no file,
    /// a `where` on an unknown name binds nothing; a `let` over a dataset says what it did.
    func testRefusedStatementsChangeNothingAndALetOverADatasetSaysSo() throws {
        let h = try Harness()
        h.run("load \"\(Repo.write("w-refused.csv", Repo.worked))\" as w")
        let file = Repo.tmp + "/stages-after.csv"
        unlink(file)
        XCTAssertTrue(h.run("export lq w.employment in 2022 to \"\(file)\" | top 3").contains("error: pipe stages go before `to`"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: file), "nothing written")
        XCTAssertTrue(h.run("let x = w | where region = Nowhere").contains("error: no region `Nowhere` in the table"))
        XCTAssertNil(h.session.bindings["x"], "nothing bound")
        XCTAssertTrue(h.run("let y = load \"a.csv\" as z").contains("error: `let` takes a result table; `load` does not give one"))
        XCTAssertNil(h.session.datasets["z"])
        XCTAssertEqual(h.run("let w = lq w.employment in 2022"), "w: 20 rows; this result replaces the dataset w (load it again to analyse it)\n")
        XCTAssertNil(h.session.datasets["w"])
    }

    /// A file not found names the near files beside it and in the bundled datasets folder.
    func testAFileNotFoundSuggestsTheBundledOne() throws {
        let h = try Harness()
        let out = h.run("load \"demo-counties.csv\" as d")
        XCTAssertTrue(out.hasPrefix("error: cannot open demo-counties.csv: "), out)
        XCTAssertTrue(out.contains("did you mean `") && out.contains("datasets/demo-counties.csv`?"), out)
        let near = h.run("load \"\(Repo.root)/datasets/demo-countie.csv\" as d")
        XCTAssertTrue(near.contains("did you mean `\(Repo.root)/datasets/demo-counties.csv`"), near)
    }

    func testHistoryEditPagerAndSheetErrors() throws {
        let h = try Harness()
        h.run("load \"\(Repo.write("w-comfort.csv", Repo.worked))\" as w")
        try assertDiagnostic("history", "^^^^^^^", "`history` and `edit` work in the interactive shell", in: h)
        h.session.historyEntries = { ["datasets", "areas"] }
        h.session.editText = { _ in nil }
        try assertDiagnostic("history 9", "^^^^^^^^^", "no history entry 9: there are 2", in: h)
        try assertDiagnostic("edit", "^^^^", "the editor did not save a statement", in: h)
        try assertDiagnostic("set pager sideways", "          ^^^^^^^^", "`set pager` takes auto, on or off", in: h)
        XCTAssertEqual(h.session.settings.pager, .auto, "the setting is unchanged")
        try assertDiagnostic("load \"\(Repo.write("w-sheet.csv", Repo.worked))\" as s sheet 2", "     " + String(repeating: "^", count: Repo.tmp.count + 14),
                             "`sheet` chooses a worksheet of an Excel (.xlsx) file; \(Repo.tmp)/w-sheet.csv is not one", in: h)
        XCTAssertEqual(h.session.datasetOrder, ["w"], "nothing was loaded")
        // With an entry to run, `history N` runs it as if typed.
        XCTAssertTrue(h.run("history 1").hasPrefix("datasets\n"))
    }
}
