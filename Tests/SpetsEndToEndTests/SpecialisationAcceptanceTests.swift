// SpecialisationAcceptanceTests.swift — the specialisation issue's acceptance statements,
// verbatim, on the worked examples (../shared/examples, or their copies in Tests/Fixtures).
import Foundation
import XCTest

final class SpecialisationAcceptanceTests: XCTestCase {
    var shared: String { Binary.root + "/../shared" }

    func blocks(_ out: String) -> [[String: [String]]] { CSVOutput.blocks(out, keys: ["region", "industry", "region_a"]) }
    func close(_ got: [String]?, _ want: [Double], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        CSVOutput.close(got, want, what, file: file, line: line)
    }

    func testWorkedExampleStatements() throws {
        let script = """
        load "\(Examples.dir)/worked-panel.csv" as w
        specialisation w.employment in 2022
        specialisation w.employment in 2022 vs rest
        specialisation w.employment in 2022 groups "\(Examples.dir)/worked-groups.csv"
        localisation w.employment in 2022
        lq w.employment in 2022 for NB with slq, binary threshold 1.25
        krugman w.employment in 2022 between NB and VB
        area primary = industries MIN, WOOD
        lq w.employment in 2022 for NB by area
        """
        let r = try Binary.run(["--format", "csv", "-c", script], cwd: Binary.root)
        XCTAssertEqual(r.status, 0, r.err)
        let b = blocks(r.out)
        XCTAssertEqual(b.count, 7, r.out)
        let c1 = try CSVOutput.expected()["C1_LQ"] as! [String: Any], c2 = try CSVOutput.expected()["C2_specialisation"] as! [String: Any]
        func v(_ d: [String: Any], _ k: String) -> [Double] { d[k] as! [Double] }
        close(b[0]["krugman"], v(c2, "krugman"), "krugman")
        close(b[0]["hachman"], v(c1, "hachman"), "hachman")
        close(b[0]["herfindahl"], v(c2, "herfindahl"), "herfindahl")
        close(b[0]["herfindahl_norm"], v(c2, "herfindahl_norm"), "herfindahl_norm")
        close(b[0]["entropy"], v(c2, "entropy_bits"), "entropy")
        close(b[1]["krugman"], v(c2, "krugman_rest_of_nation"), "krugman vs rest")
        close(b[2]["related_variety"], v(c2, "related_variety"), "related variety")
        close(b[2]["unrelated_variety"], v(c2, "unrelated_variety"), "unrelated variety")
        close(b[3]["hoover"], v(c2, "hoover_localisation"), "hoover")
        close(b[3]["gini"], v(c2, "locational_gini"), "gini")
        let lq = (c1["LQ"] as! [[Double]])[0], slq = (c1["SLQ"] as! [[Double]])[0]
        close(b[4]["lq"], lq, "lq NB")
        close(b[4]["slq"], slq, "slq NB")
        XCTAssertEqual(b[4]["m"], lq.map { $0 >= 1.25 ? "1" : "0" })
        close(b[5]["krugman"], [c2["krugman_NB_vs_VB"] as! Double], "krugman NB vs VB")
        XCTAssertEqual(b[6]["area"], ["primary"])
    }

    /// Eurostat's file mixes NACE levels: Kalmar's LQ in 2017 must use the A*10 partition.
    func testRealEurostatDataUsesTheA10Partition() throws {
        let src = shared + "/data/eurostat/nama_10r_3empers_SE.csv"
        try requireShared(src)
        let long = Binary.tmp + "/eurostat-long.csv"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", Binary.root + "/scripts/reshape-wide-industries.py", src, long]
        try p.run()
        p.waitUntilExit()
        try XCTSkipUnless(p.terminationStatus == 0, "python3 not available")
        let r = try Binary.run(["-c", "load \"\(long)\" as es\nlq es.employment in 2017 for SE213"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("industries: A, B-E, F, G-I, J, K, L, M-N, O-Q, R-U (10); left out as aggregates of others:"), r.out)
        let bad = try Binary.run(["-c", "load \"\(long)\" as es\nlq es.employment in 2017 for SE213 industries B-E, C"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.err.contains("error: `B-E` and `C` overlap: C is part of B-E, so they would be counted twice"), bad.err)
    }
}
