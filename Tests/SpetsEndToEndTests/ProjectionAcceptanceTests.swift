// ProjectionAcceptanceTests.swift — the projections issue's acceptance statements, verbatim,
// on the worked examples (../shared/examples, or their copies in Tests/Fixtures), and the demo-data follow-up.
import Foundation
import XCTest

final class ProjectionAcceptanceTests: XCTestCase {
    var shared: String { Binary.root + "/../shared" }

    func testC9Statements() throws {
        let r = try Binary.run(["--format", "csv", "-c", """
            load "\(Examples.dir)/worked-panel.csv" as w
            project w.value_added per w.employment for NB to 2030 from 2015..2022 method cagr
            project w.employment for NB to 2030 from 2015..2022 method trend
            project w.employment for NB to 2030 from 2015..2022 method shiftshare
            goal prod: w.value_added per w.employment for NB >= 2.39159 by 2030
            goals
            """], cwd: Binary.root)
        XCTAssertEqual(r.status, 0, r.err)
        let b = CSVOutput.blocks(r.out, keys: ["region", "goal"])
        XCTAssertEqual(b.count, 4)
        let c9 = try CSVOutput.expected()["C9_projection_NB"] as! [String: Any]
        CSVOutput.close(b[0]["value"].map { [$0.last!] }, [c9["P2030_constant_cagr"] as! Double], "cagr 2030")
        CSVOutput.close(b[1]["value"].map { [$0.last!] }, [c9["employment_2030_linear"] as! Double], "trend 2030")
        CSVOutput.close(b[2]["value"].map { [$0.last!] }, [c9["ssp_total"] as! Double], "shift-share 2030")
        // The statement's target is rounded to 2.39159; C9's 0.0282856 is for the exact +25 %.
        XCTAssertEqual(Double(b[3]["required_growth"]![0])!, 0.0282856, accuracy: 5e-7)
        XCTAssertEqual(b[3]["status"], ["off track"])
    }

    func testDemoFollowUp() throws {
        let out = Binary.tmp + "/kalmar.md"
        let r = try Binary.run(["-c", """
            load "datasets/demo-counties.csv" as se
            area kis = preset kis
            indicator kis_share = share se.employment of kis
            goal kis_kalmar: kis_share for Kalmar >= 55% by 2030
            scenario kis_push: growth kis +3%/yr from 2025
            scenario slow: growth kis +0.5%/yr
            project kis_share for Kalmar to 2030 scenario kis_push, slow
            report "\(out)" for Kalmar
            """], cwd: Binary.root)
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("│ kis_push │ SE213 Kalmar län │ 2030 │"), r.out)
        let md = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertTrue(md.contains("| kis_kalmar | SE213 Kalmar län | 2023 |"), md)
    }
}
