// WideLoadTests.swift — `load … wide industries [into NAME]` through the language: the
// clause, its error, and a saved script that replays it.
import XCTest
@testable import SpetsCore
@testable import SpetsLang

final class WideLoadTests: XCTestCase {
    let csv = "Date,GeoId,Count_Person_Employed_NACE/A,Count_Person_Employed_NACE/F,Count_Person_Employed_NACE/J,Count_Person_Employed\n"
        + "2017,dcid:nuts/SE213,5000,8000,1000,14000\n2017,dcid:nuts/SE110,4000,80000,90000,174000\n"

    func testWideIndustriesIntoAMeasure() throws {
        let path = Repo.write("wide-lang.csv", csv)
        let h = try Harness()
        XCTAssertTrue(h.run("load \"\(path)\" as se wide industries into employment").hasPrefix("loaded se: 8 rows, 2 regions, 4 industries, measures employment"))
        let out = h.run("lq se.employment in 2017 for Kalmar")
        XCTAssertTrue(out.contains("J Informations- och kommunikationsv"), out)
        let saved = Repo.write("wide-lang.spets", "")
        h.run("save \"\(saved)\" replace")   // Repo.write made the file: replacing it is asked for
        let script = try String(contentsOfFile: saved, encoding: .utf8)
        XCTAssertTrue(script.contains("wide industries into employment"), script)
    }

    func testWideNeedsIndustries() throws {
        try assertDiagnostic("load \"x.csv\" as d wide years", "                  ^^^^^^^^^^", "expected `industries` or `regions` after `wide`, found `years`")
    }
}

/// The `load` clauses through the language: each parses, reaches the loader, is saved, and a
/// wrong one points at itself and leaves the session as it was.
final class LoadClauseTests: XCTestCase {
    let csv = "Employment by county\n\nregion,industry,year,jobs,Id,code\nSE213,A,2020,Inf,1,01\nSE213,F,2020,3,2,02\nSE110,A,2020,NA,3,01\nSE110,F,2020,4,4,02\n"

    func testEveryClauseInOneLoad() throws {
        let path = Repo.write("clauses.csv", csv)
        let h = try Harness()
        let out = h.run("load \"\(path)\" as d skip 2 text code ignore Id measure jobs missing \"NA\" unit jobs = \"persons\"")
        XCTAssertTrue(out.hasPrefix("loaded d: 4 rows, 2 regions, 2 industries, measures jobs"), out)
        XCTAssertTrue(out.contains("1 cell Inf read as missing"), out)
        let described = h.run("describe d")
        XCTAssertTrue(described.contains("unit persons; missing 2"), described)
        let saved = Repo.write("clauses.spets", "")
        h.run("save \"\(saved)\" replace")   // Repo.write made the file: replacing it is asked for
        XCTAssertTrue(try String(contentsOfFile: saved, encoding: .utf8).contains("skip 2 text code ignore Id measure jobs missing \"NA\" unit jobs = \"persons\""))
    }

    func testAWrongClauseFailsWhereItIsAndLoadsNothing() throws {
        let path = Repo.write("clauses2.csv", csv)
        let h = try Harness()
        let before = h.run("datasets")
        try assertDiagnostic("load \"\(path)\" as d skip two", String(repeating: " ", count: 18 + path.count) + "^^^",
                             "expected the number of rows above the header after `skip` (0 to 1000), found `two`", in: h)
        let bad = h.run("load \"\(path)\" as d skip 2 text cod")
        XCTAssertTrue(bad.contains("no column `cod` in"), bad)
        XCTAssertTrue(bad.contains("did you mean `code`?"), bad)
        // The caret is under the clause's column, not the whole statement.
        try assertDiagnostic("load \"\(path)\" as d skip 2 ignore Idd", String(repeating: " ", count: 27 + path.count) + "^^^",
                             "no column `Idd` in \(path) (for `ignore`)", in: h)
        XCTAssertTrue(h.run("load \"\(path)\" as d skip 2 text jobs measure jobs").contains("column `jobs` is given as `text` and as `measure`"))
        XCTAssertTrue(h.run("load \"\(path)\" as d skip 2 skip 3").contains("`skip` is given twice"))
        XCTAssertTrue(h.run("load \"\(path)\" as d skip 2 with region = region, industry = region").contains("column `region` is given as the region and as the industry"))
        XCTAssertEqual(h.run("datasets"), before, "nothing was loaded")
    }
}
