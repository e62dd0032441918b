// CompareTests.swift — groups, compare, rank, similar and convergence through the language.
import XCTest
@testable import SpetsCore
@testable import SpetsLang

final class CompareTests: XCTestCase {
    var panel: String { Repo.root + "/Tests/Fixtures/worked-panel.csv" }
    func harness() throws -> Harness {
        let h = try Harness(format: .csv)
        h.run("load \"\(panel)\" as w")
        return h
    }

    func testCompareEqualsTheVerbPerRegion() throws {
        let h = try harness()
        let out = h.run("compare NB, VB, JH on lq w.employment in 2022")
        XCTAssertEqual(out.split(separator: "\n").first, "industry,NB,VB,JH,reference")
        XCTAssertTrue(out.split(separator: "\n").dropFirst().allSatisfy { $0.hasSuffix(",1") }, "the reference's own LQs are 1:\n\(out)")
        for r in ["NB", "VB", "JH"] {
            let lq = h.run("lq w.employment in 2022 for \(r) | select lq").split(separator: "\n").dropFirst().map(String.init)
            let col = ["NB": 1, "VB": 2, "JH": 3][r]!
            let compared = out.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[col]) }
            XCTAssertEqual(compared, lq, r)
        }
    }

    func testAGroupIsTheSumOfItsMembersEvenWhenTheFilePublishesItsRow() throws {
        // SE21 (Småland med öarna) is in the file with a deliberately wrong row: the group
        // must be SE211 + … + SE214, and `published` takes the row, saying so.
        var csv = "region,industry,year,employment\n"
        let members = ["SE211": [10.0, 30], "SE212": [20, 20], "SE213": [5, 45], "SE214": [15, 5], "SE110": [40, 160]]
        for (r, v) in members.sorted(by: { $0.key < $1.key }) { csv += "\(r),A,2017,\(v[0])\n\(r),F,2017,\(v[1])\n" }
        csv += "SE21,A,2017,999\nSE21,F,2017,1\n"
        let path = Repo.write("published.csv", csv)
        let h = try Harness(format: .csv)
        h.run("load \"\(path)\" as d")
        let out = h.run("compare Kalmar, smaland_med_oarna on lq d.employment in 2017")
        // Group: A 50 of 150; reference (the five counties): A 90 of 350.
        let want = (50.0 / 150) / (90.0 / 350)
        let row = out.split(separator: "\n").first { $0.hasPrefix("A,") }!.split(separator: ",")
        XCTAssertEqual(Double(row[2])!, want, accuracy: 1e-12, out)
        let pub = h.run("compare Kalmar, smaland_med_oarna on lq d.employment in 2017 published")
        let prow = pub.split(separator: "\n").first { $0.hasPrefix("A,") }!.split(separator: ",")
        XCTAssertEqual(Double(prow[2])!, 1, accuracy: 1e-12, "SE21 is the only region at its level")
        let people = try Harness()
        people.run("load \"\(path)\" as d")
        let out2 = people.run("compare Kalmar, smaland_med_oarna on lq d.employment in 2017")
        let pub2 = people.run("compare Kalmar, smaland_med_oarna on lq d.employment in 2017 published")
        XCTAssertTrue(out2.contains("smaland_med_oarna: the sum of its 4 member regions (SE211, SE212, SE213, SE214); the dataset's own row is used with `published`"), out2)
        XCTAssertTrue(pub2.contains("smaland_med_oarna: the dataset's own row SE21 (published), not the sum of its members"), pub2)
    }

    func testCompareOneRowVerbsAndGroupsAsAggregates() throws {
        let h = try harness()
        h.run("group north = regions NB, JH")
        let out = h.run("compare NB, north on specialisation w.employment in 2022")
        XCTAssertTrue(out.hasPrefix("measure,NB,north,reference\nkrugman,0.73995861306586"), out)
        // The aggregate is the sum of NB and JH: its Krugman index by hand.
        let nb: [Double] = [7500, 2600, 4800, 2600, 3300], jh: [Double] = [150, 2700, 1600, 1300, 5900]
        let all: [Double] = [18350, 64100, 197800, 260400, 172600]
        let sum = zip(nb, jh).map { $0 + $1 }
        let st: Double = sum.reduce(0, +), at: Double = all.reduce(0, +)
        var k = 0.0
        for i in 0..<5 { k += abs(sum[i] / st - all[i] / at) }
        let got = Double(out.split(separator: "\n")[1].split(separator: ",")[2])!
        XCTAssertEqual(got, k, accuracy: 1e-12)
        XCTAssertTrue(h.run("compare NB on lq w.employment in 2022 for VB").contains("drop `for` from the analysis"))
    }

    func testGroupAsReference() throws {
        let h = try harness()
        h.run("group north = regions NB, JH")
        let out = h.run("lq w.employment in 2022 for VB vs north | select industry, lq")
        let mine = Double(out.split(separator: "\n")[1].split(separator: ",")[1])!
        XCTAssertEqual(mine, (1700.0 / 26800) / (7650.0 / 32450), accuracy: 1e-12, "MIN: VB's share over north's share")
        let text = h.run("group bad = regions NB, Kalmr")
        XCTAssertTrue(text.contains("no region `Kalmr` in the registry or the loaded datasets") && text.contains("did you mean `Kalmar`"), text)
        XCTAssertTrue(h.run("lq w.employment in 2022 for VB vs nowhere_group").contains("no region `nowhere_group` in w"))
    }

    func testSimilarAndRank() throws {
        let h = try harness()
        let lines = h.run("similar NB on w.employment in 2022 by krugman").split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        XCTAssertEqual(lines.map { $0[0] }, ["region", "VB", "RS", "JH"], "nearest first")
        XCTAssertEqual(Double(lines[1][1])!, 0.657864523536165, accuracy: 1e-12, "= the pairwise Krugman index (C2)")
        XCTAssertLessThan(Double(lines[2][1])!, Double(lines[3][1])!)
        XCTAssertEqual(h.run("similar NB on w.employment in 2022 top 1").split(separator: "\n").count, 2)
        let rank = h.run("rank specialisation w.employment in 2022 for NB by krugman")
        let row = rank.split(separator: "\n")[1].split(separator: ",").map(String.init)
        XCTAssertEqual(row[0], "NB")
        XCTAssertEqual(Double(row[1])!, 0.739958613065869, accuracy: 1e-12)
        XCTAssertEqual(Array(row[2...3]), ["2", "4"])
        XCTAssertEqual(Double(row[4])!, 200.0 / 3, accuracy: 1e-9)
        // Ties share a rank.
        let t = try Comparison.rank(values: [1, 2, 2, 3], labels: Dimension(name: "r", role: .region, labels: ["a", "b", "c", "d"]), region: 2, what: "x")
        XCTAssertEqual(t.columns[2].number(0), 2)
        XCTAssertEqual(t.columns[4].number(0)!, 100.0 / 3, accuracy: 1e-12)
    }

    func testARegionMissingFromTheYear() throws {
        let h = try Harness(format: .csv)
        h.run("load \"\(Repo.write("gap.csv", "region,industry,year,x\nA,P,2020,1\nA,Q,2020,2\nB,P,2020,2\nB,Q,2020,1\nA,P,2021,1\nA,Q,2021,3\n"))\" as g")
        let text = h.run("compare A, B on lq g.x in 2021")
        XCTAssertTrue(text.contains("error: B has no data in g for 2021"), text)
        XCTAssertTrue(text.contains("years with data for B: 2020"), text)
        let rank = h.run("rank g.x in 2021 for B")
        XCTAssertTrue(rank.contains("B has no value to rank"), rank)
    }

    func testSimilarOutside() throws {
        let h = try Harness(format: .csv)
        h.run("load \"\(Repo.root)/datasets/demo-counties.csv\" as se")
        let all = h.run("similar Kalmar on se.employment in 2023 top 20").split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
        XCTAssertEqual(all.count, 20)
        let outside = h.run("similar Kalmar on se.employment in 2023 top 20 outside SE2").split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
        XCTAssertFalse(outside.contains { $0.hasPrefix("SE2") }, "\(outside)")
        XCTAssertEqual(outside.count, 20 - 7, "the other six counties of Södra Sverige are left out")
    }

    func testConvergenceByHand() throws {
        let h = try harness()
        let out = h.run("convergence w.employment from 2015 to 2022")
        let lines = out.split(separator: "\n")
        XCTAssertEqual(lines[0], "year,cv")
        let x: [Double] = [18000, 23500, 10700, 600000]
        let m = x.reduce(0, +) / 4
        let sd = (x.reduce(0.0) { $0 + ($1 - m) * ($1 - m) } / 4).squareRoot()
        XCTAssertEqual(Double(lines[1].split(separator: ",")[1])!, sd / m, accuracy: 1e-12)
        XCTAssertTrue(h.run("convergence w.employment from 2015 to 2022 beta").hasPrefix("beta,se,half_life\n"))
    }
}

/// The population rule's statements beyond the verbs: convergence's region set, scenarios
/// that must match an industry, and density naming its proximity.
final class CellRuleStatementTests: XCTestCase {
    func sample() -> String {
        // A*10 groups; R3 has no 2021 rows.
        var csv = "region,industry,year,employment\n"
        let data: [(String, Int, [Double])] = [("R1", 2020, [10, 20, 30]), ("R1", 2021, [12, 20, 33]), ("R2", 2020, [5, 5, 5]),
                                               ("R2", 2021, [6, 5, 4]), ("R3", 2020, [9, 9, 9])]
        for (r, y, v) in data { for (k, i) in ["A", "B-E", "F"].enumerated() { csv += "\(r),\(i),\(y),\(v[k])\n" } }
        return Repo.write("cellrule-statements.csv", csv)
    }

    func testConvergenceIsBalancedByDefaultAndNamesWhoIsLeftOut() throws {
        let h = try Harness()
        h.run("load \"\(sample())\" as d")
        let out = h.run("convergence d.employment from 2020 to 2021")
        XCTAssertTrue(out.contains("σ over the 2 regions observed in every year 2020–2021 (balanced; `all` uses each year's observed regions)"), out)
        XCTAssertTrue(out.contains("regions left out (no data in 2021): R3 (1)"), out)
        let all = h.run("convergence d.employment from 2020 to 2021 all")
        XCTAssertTrue(all.contains("σ each year over the regions observed that year (all): 2–3 of 3 regions"), all)
    }

    func testAScenarioMustMatchAnIndustryAndCoversAggregates() throws {
        let h = try Harness()
        h.run("load \"\(sample())\" as d")
        h.run("scenario up: growth B-E +10%/yr")
        let ok = h.run("project d.employment for R1 to 2025 scenario up")
        XCTAssertFalse(ok.contains("error"), ok)
        h.run("scenario ict: growth 62 +10%/yr")
        let bad = h.run("project d.employment for R1 to 2025 scenario ict")
        XCTAssertTrue(bad.contains("error: scenario ict: `62` matches no industry of d"), bad)
        XCTAssertTrue(bad.contains("its industries: A, B-E, F"), bad)
        h.run("scenario manuf: growth 10..33 +10%/yr")
        let part = h.run("project d.employment for R1 to 2025 scenario manuf")
        XCTAssertTrue(part.contains("error: scenario manuf"), "C alone does not cover B-E: \(part)")
    }

    func testDensityNamesItsProximity() throws {
        let h = try Harness()
        h.run("load \"\(Repo.root)/datasets/demo-counties.csv\" as se")
        XCTAssertTrue(h.run("density se.employment in 2023 for Kalmar method cosine | top 1").contains("proximity φ: cosine similarity of the activities' M columns (method cosine)"))
        XCTAssertTrue(h.run("density se.employment in 2023 for Kalmar | top 1").contains("(method min, the default)"))
    }
}
