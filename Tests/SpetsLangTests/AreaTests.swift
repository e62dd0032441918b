// AreaTests.swift — knowledge areas through the language: codes, ranges, sections, other
// areas, exclusions, presets, errors, persistence; `by area` in the verbs.
import XCTest
@testable import SpetsCore
@testable import SpetsLang

final class AreaTests: XCTestCase {
    func members(_ h: Harness, _ name: String) -> [String] { h.session.areas[name]!.members.sorted() }

    func testRangesSectionsNestingAndExclusions() throws {
        let h = try Harness()
        h.run("area bio = industries 01..03, 10, 11, 16, 17")
        XCTAssertEqual(members(h, "bio"), ["01", "02", "03", "10", "11", "16", "17"])
        h.run("area f = industries F")
        XCTAssertEqual(members(h, "f"), ["41", "42", "43"], "a section is its divisions")
        h.run("area mix = industries bio, 62 except 02")
        XCTAssertEqual(members(h, "mix"), ["01", "03", "10", "11", "16", "17", "62"], "nesting and exclusion")
        h.run("area a10 = industries B-E")
        XCTAssertEqual(members(h, "a10").count, 5 + 24 + 1 + 4, "B-E = 05..09, 10..33, 35, 36..39")
        XCTAssertEqual(h.runner.failures, 0, h.out.combined)
    }

    func testUnknownCodeIsAnErrorWithCandidates() throws {
        try assertDiagnostic("area x = industries 01, 6X2", "                        ^^^", "no industry or area `6X2`")
        let h = try Harness()
        h.run("area bio = industries 01")
        let text = h.run("area y = industries boi")
        XCTAssertTrue(text.contains("did you mean `bio`?"), text)
        XCTAssertNil(h.session.areas["y"], "a failed definition defines nothing")
        XCTAssertTrue(h.run("area z = industries 10 except 10").contains("area z has no industries left"))
        XCTAssertTrue(h.run("area w = industries 05..03").contains("`05..03` is not a range"))
    }

    func testPresets() throws {
        let h = try Harness()
        h.run("area kis = preset kis")
        XCTAssertEqual(h.session.areas["kis"]!.members.count, 2 + 6 + 3 + 7 + 2 + 9, "50 51 58..63 64..66 69..75 78 80 84..93 (there is no 89)")
        XCTAssertEqual(h.session.areas["kis"]!.title, "Knowledge-intensive services (KIS)")
        h.run("area bio = preset kalmar_bioinnovation")
        XCTAssertTrue(h.session.areas["bio"]!.members.contains("17"))
        let text = h.run("area q = preset kiss")
        XCTAssertTrue(text.contains("no preset `kiss`") && text.contains("did you mean `kis`"), text)
        let list = h.run("areas")
        XCTAssertTrue(list.contains("jamtland_upplevelser") && list.contains("preset (kalmar.csv)"), list)
    }

    func testByAreaOnTheWorkedExample() throws {
        let h = try Harness(format: .csv)
        h.run("load \"\(Repo.write("wa.csv", Repo.worked))\" as w\narea primary = industries MIN, WOOD\narea serv = industries ICT, TOUR")
        let out = h.run("lq w.employment in 2022 for NB by area")
        let lines = out.split(separator: "\n")
        XCTAssertEqual(lines[0], "region,area,year,employment,lq")
        XCTAssertTrue(lines[1].hasPrefix("NB,primary,2022,10100,4.2"), out)
        XCTAssertTrue(h.run("lq w.employment in 2022 by area industries MIN").contains("choose one of `by area`"))
        let none = try Harness()
        none.run("load \"\(Repo.write("wb.csv", Repo.worked))\" as w")
        XCTAssertTrue(none.run("lq w.employment in 2022 by area").contains("no areas are defined"))
    }

    func testAreasPersistAndAreSaved() throws {
        let ws = Repo.tmp + "/areas-\(UUID().uuidString).spetsdb"
        do {
            let h = try Harness(workspace: ws)
            h.run("area bio = industries 01..03, 10\narea kis = preset kis")
            XCTAssertEqual(h.runner.failures, 0)
        }
        let h = try Harness(workspace: ws)
        XCTAssertEqual(h.session.areaOrder, ["bio", "kis"])
        XCTAssertEqual(members(h, "bio"), ["01", "02", "03", "10"])
        let script = Repo.tmp + "/areas.spets"
        h.run("save \"\(script)\"")
        let saved = try String(contentsOfFile: script, encoding: .utf8)
        XCTAssertTrue(saved.contains("area bio = industries 01..03, 10\n") && saved.contains("area kis = preset kis\n"), saved)
    }

    func testClauseErrors() throws {
        let h = try Harness()
        h.run("load \"\(Repo.write("wc.csv", Repo.worked))\" as w")
        try assertDiagnostic("lq w.employment in 2022 with slq, slq", "                                  ^^^", "`slq` is given twice", in: h)
        try assertDiagnostic("lq w.employment in 2022 with sqrt", "                             ^^^^", "`sqrt` is not one of slq, binary", in: h)
        try assertDiagnostic("lq w.employment in 2022 threshold 1.25", "                        ^^^^^^^^^^^^^^",
                             "`threshold` applies to the binary column: add `with binary`", in: h)
        try assertDiagnostic("lq w.employment in 2022 vs mean", "                        ^^^^^^^", "`vs mean` applies to Krugman's index (specialisation, krugman)", in: h)
        try assertDiagnostic("krugman w.employment in 2022 between NB VB", String(repeating: " ", count: 42) + "^",
                             "expected `and` between two regions (`between A and B`), found end of input", in: h)
        try assertDiagnostic("specialisation w.employment in 2022 groups nowhere", "                                           ^^^^^^^",
                             "expected a file path in quotes, found `nowhere`", in: h)
    }
}
