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
        h.run("save \"\(saved)\"")
        let script = try String(contentsOfFile: saved, encoding: .utf8)
        XCTAssertTrue(script.contains("wide industries into employment"), script)
    }

    func testWideNeedsIndustries() throws {
        try assertDiagnostic("load \"x.csv\" as d wide regions", "                  ^^^^^^^^^^^^", "expected `industries` after `wide`, found `regions`")
    }
}
