// ResearchStatementTests.swift — `activity`, `impact`, `link fields to areas` and `strengths`
// through the language, on the bundled synthetic publication data: results, errors with
// carets, persistence of the links.
import Foundation
import XCTest
@testable import SpetsCore
@testable import SpetsLang

final class ResearchStatementTests: XCTestCase {
    let pubs = Repo.root + "/datasets/demo-publications.csv"
    let papers = Repo.root + "/datasets/demo-papers.csv"
    let demo = Repo.root + "/datasets/demo-counties.csv"

    func testStrengthsPutActivityBesideLQ() throws {
        let h = try Harness(format: .csv)
        h.run("load \"\(pubs)\" as pubs\nload \"\(demo)\" as se\nlink fields to areas preset kalmar")
        let out = h.run("strengths Kalmar on se.employment in 2023 and pubs.publications in 2015..2022 for LNU")
        XCTAssertTrue(out.hasPrefix("area,title,lq,activity,strength\nkalmar_skog_tra,Bioinnovation: skog och trä,"), out)
        XCTAssertEqual(out.split(separator: "\n").count, 8, out)
        XCTAssertEqual(h.runner.failures, 0, h.out.errors)
        // The LQ column is `lq … by area` for the same areas; the activity column `activity … by area`.
        let lq = h.run("lq se.employment in 2023 for Kalmar by area | where area = \"kalmar_skog_tra\" | select lq")
        let ai = h.run("activity pubs.publications in 2015..2022 for LNU by area | where area = \"kalmar_skog_tra\" | select activity")
        let row = out.split(separator: "\n")[1].split(separator: ",")
        XCTAssertEqual(Double(row[2])!, Double(lq.split(separator: "\n")[1])!, accuracy: 1e-12)
        XCTAssertEqual(Double(row[3])!, Double(ai.split(separator: "\n")[1])!, accuracy: 1e-12)
    }

    func testImpactOnTheBundledPapers() throws {
        let h = try Harness(format: .csv)
        h.run("load \"\(papers)\" as papers")
        let all = h.run("impact papers.citations in 2016..2020")
        XCTAssertTrue(all.hasPrefix("organisation,publications,citations,mcs,mncs,top10,pp_top10\n"), all)
        XCTAssertEqual(all.split(separator: "\n").count, 11)
        let lnu = h.run("impact papers.citations in 2016..2020 for LNU full")
        XCTAssertTrue(lnu.contains("\nLNU,TOTAL,"), lnu)
        XCTAssertEqual(h.runner.failures, 0, h.out.errors)
    }

    func testErrors() throws {
        let h = try Harness()
        h.run("load \"\(pubs)\" as pubs\nload \"\(demo)\" as se")
        try assertDiagnostic("strengths Kalmar on se.employment in 2023 and pubs.publications in 2015..2022 for LNU",
                             "          ^^^^^^", "no research fields are linked to knowledge areas", in: h)
        try assertDiagnostic("link fields to areas preset kalmr", "                            ^^^^^", "no link preset `kalmr`", in: h)
        try assertDiagnostic("activity pubs.publications in 2015..2022 by area", "                                         ^^^^^^^",
                             "no research fields are linked to knowledge areas", in: h)
        try assertDiagnostic("activity pubs.publications in 2015..2022 for NOPE", "                                             ^^^^",
                             "no organisation `NOPE` in pubs", in: h)
    }

    func testLinksSurviveAReopen() throws {
        let ws = Repo.tmp + "/links-\(UUID().uuidString).spetsdb"
        do {
            let h = try Harness(workspace: ws)
            h.run("load \"\(pubs)\" as pubs\nlink fields to areas preset kalmar")
            XCTAssertEqual(h.runner.failures, 0, h.out.errors)
        }
        let h = try Harness(workspace: ws)
        XCTAssertEqual(h.session.fieldLinks.count, 7)
        XCTAssertTrue(h.run("activity pubs.publications in 2015..2022 for LNU by area").contains("kalmar_vatten"))
    }
}
