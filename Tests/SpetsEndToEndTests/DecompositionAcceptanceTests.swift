// DecompositionAcceptanceTests.swift — the decomposition issue's acceptance statements,
// verbatim, on the worked examples (../shared/examples, or their copies in Tests/Fixtures).
import Foundation
import XCTest

final class DecompositionAcceptanceTests: XCTestCase {
    var shared: String { Binary.root + "/../shared" }

    func blocks(_ out: String) -> [[String: [String]]] { CSVOutput.blocks(out, keys: ["industry", "component", "region"]) }
    func close(_ got: [String]?, _ want: [Double], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        CSVOutput.close(got, want, what, file: file, line: line)
    }

    func testWorkedExampleStatements() throws {
        let script = """
        load "\(Examples.dir)/worked-panel.csv" as w
        shiftshare w.employment from 2015 to 2022 for NB
        shiftshare w.employment from 2015 to 2022 for NB vs rest
        shiftshare w.employment from 2015 to 2022 for NB method esteban
        shiftshare w.employment from 2015 to 2022 for NB method dynamic
        shiftshare w.employment from 2015 to 2022 for NB method gerfin
        growth w.value_added per w.employment from 2015 to 2022 for NB
        productivity w.value_added per w.employment from 2015 to 2022 for NB
        productivity w.value_added per w.employment from 2015 to 2022 for NB method lmdi
        gap w.value_added per w.employment in 2022 for NB
        load "\(Examples.dir)/worked-firms.csv" as f
        dynamics f.productivity weight f.employment from 2015 to 2022
        dynamics f.productivity weight f.employment from 2015 to 2022 method fhk
        """
        let r = try Binary.run(["--format", "csv", "-c", script], cwd: Binary.root)
        XCTAssertEqual(r.status, 0, r.err)
        let b = blocks(r.out)
        XCTAssertEqual(b.count, 11)
        let d = try CSVOutput.expected()
        let c3 = d["C3_shift_share_NB"] as! [String: Any], c4 = d["C4_esteban_marquillas_NB"] as! [String: Any]
        let c5 = d["C5_productivity_NB"] as! [String: Any], c6 = d["C6_firm_dynamics"] as! [String: Any]
        let per = c3["per_industry"] as! [String: [Double]], tot = c3["totals"] as! [String: Double]
        close(b[0]["national_share"], per["NS"]! + [tot["NS"]!], "NS")
        close(b[0]["industry_mix"], per["IM"]! + [tot["IM"]!], "IM")
        close(b[0]["regional_shift"], per["RS"]! + [tot["RS"]!], "RS")
        let rest = c3["totals_vs_rest_of_nation"] as! [String: Double]
        close(b[1]["regional_shift"].map { [$0.last!] }, [rest["RS"]!], "RS vs rest")
        close(b[2]["allocation"].map { Array($0.prefix(5)) }, c4["allocation"] as! [Double], "allocation")
        let dyn = c3["dynamic"] as! [String: Any]
        close(b[3]["national_share"].map { [$0.last!] }, [dyn["NS"] as! Double], "dynamic NS")
        let ger = c3["gerfin"] as! [String: Double]
        close(b[4]["structural_factor"].map { [$0.last!] }, [ger["structural"]!], "gerfin structural")
        let ga = c5["growth_accounting_region"] as! [String: Double]
        close(b[5]["dln_va"].map { [$0.last!] }, [ga["dlnVA"]!], "dln VA")
        close(b[6]["within"].map { Array($0.prefix(5)) }, c5["within"] as! [Double], "within")
        let lmdi = c5["lmdi"] as! [String: Double]
        close(b[7]["structural"].map { [$0.last!] }, [lmdi["structural"]!], "lmdi structural")
        let gap = c5["level_gap_2022"] as! [String: Double]
        close(b[8]["allocative"].map { [$0.last!] }, [gap["allocative"]!], "allocative")
        let mp = c6["melitz_polanec"] as! [String: Double], fhk = c6["fhk"] as! [String: Double]
        close(b[9]["value"], [mp["mean"]!, mp["cov"]!, mp["entry"]!, mp["exit"]!, mp["total"]!], "Melitz-Polanec")
        close(b[10]["value"], [fhk["within"]!, fhk["between"]!, fhk["cross"]!, fhk["entry"]!, fhk["exit"]!, fhk["total"]!], "FHK")
    }

    func testUKPanel() throws {
        let path = shared + "/data/ons/itl2_gva_jobs_2015_2022.csv"
        try requireShared(path)
        let r = try Binary.run(["-c", """
            load "\(path)" as uk with region = ITL_code, industry = SIC07_code, year = year
            productivity uk.gva per uk.jobcount from 2015 to 2022 for TLC1
            describe uk
            """])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("identity: the terms add up to P¹ − P⁰ holds (largest relative residual 0)"), r.out)
        XCTAssertTrue(r.out.contains("│ measure   │ jobcount │ 6,080 │ unit not stated; missing 15"), r.out)
    }

    /// The population issue's acceptance on the shared Eurostat file, read long by `load`
    /// (one column per NACE group): Kalmar's TOTAL national share is its base times the
    /// growth of the counties observed in both years, and the others are named.
    func testSharedSEFileShiftShareUsesTheRegionsObservedInBothYears() throws {
        let path = shared + "/data/eurostat/nama_10r_3empers_SE.csv"
        try requireShared(path)
        let r = try Binary.run(["--format", "csv", "-c", """
            load "\(path)" as se wide industries into employment
            shiftshare se.employment from 2007 to 2017 for Kalmar
            """])
        XCTAssertEqual(r.status, 0, r.err)
        let rows = r.out.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let total = rows.first(where: { $0.first == "TOTAL" }) else { return XCTFail(r.out) }
        // Independently: counties (five-character codes) with every A*10 group in both years.
        let partition = ["A", "B-E", "F", "G-I", "J", "K", "L", "M-N", "O-Q", "R-U"]
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0].map { $0.split(separator: "/").last.map(String.init) ?? $0 }
        var sums: [String: [String: Double]] = [:]   // region → year → total over the partition
        for l in lines.dropFirst() where l.count == header.count {
            let region = l[1].replacingOccurrences(of: "dcid:nuts/", with: "")
            guard region.count == 5, l[0] == "2007" || l[0] == "2017" else { continue }
            let values = partition.map { code in Double(l[header.firstIndex(of: code)!]) }
            if values.contains(where: { $0 == nil }) { continue }
            sums[region, default: [:]][l[0]] = values.reduce(0) { $0 + $1! }
        }
        let both = sums.filter { $0.value.count == 2 }
        let G = both.values.reduce(0) { $0 + $1["2017"]! } / both.values.reduce(0) { $0 + $1["2007"]! } - 1
        let base = sums["SE213"]!["2007"]!
        XCTAssertEqual(Double(total[1])!, base, "TOTAL base")
        XCTAssertEqual(Double(total[3])!, base * G, accuracy: 1e-6 * base, "national share = base × G over the \(both.count) counties in both years")
        XCTAssertEqual(both.count, 3)
        let people = try Binary.run(["-c", "load \"\(path)\" as se wide industries into employment\nshiftshare se.employment from 2007 to 2017 for Kalmar"])
        XCTAssertTrue(people.out.contains("regions left out (at level county, no data in 2007): SE110, SE121"), people.out)
        XCTAssertTrue(people.out.contains("│ TOTAL "), people.out)
        // The dynamic method names the regions that lack years.
        let d = try Binary.run(["-c", "load \"\(path)\" as se wide industries into employment\nshiftshare se.employment from 2008 to 2017 for Kalmar method dynamic"])
        XCTAssertEqual(d.status, 0, d.err)
        XCTAssertTrue(d.out.contains("regions left out (at level county, no data in 2009, 2010, 2011, …): SE110"), d.out)
        XCTAssertFalse(d.out.contains("IDENTITY FAILED"))
    }

    /// The ONS wide file (years as columns, quoted thousands, Total/A-E/sections/divisions in
    /// one column): the hierarchy is read from the codes, so the sections' LQs against the
    /// whole equal those on a file of the sections alone, to the file's rounding.
    func testONSWideFileSectionLQsEqualTheSectionsAlone() throws {
        let path = shared + "/data/ons/itl2_gva_current_prices_wide.csv"
        try requireShared(path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines.removeFirst()
        // Sections (`A (1-3)`, …) and the total, as a file of their own.
        // The third field, quotes respected (region names hold commas).
        func third(_ l: String) -> String {
            var fields: [String] = [], cur = "", quoted = false
            for ch in l {
                if ch == "\"" { quoted.toggle() } else if ch == "," && !quoted { fields.append(cur); cur = "" } else { cur.append(ch) }
            }
            fields.append(cur)
            return fields[safe: 2] ?? ""
        }
        let sections = lines.filter { l in
            let code = third(l)
            return code == "Total" || (code.count > 2 && code.dropFirst().hasPrefix(" (") && code.first!.isLetter)
        }
        let alone = NSTemporaryDirectory() + "ons-sections-\(getpid()).csv"
        try (header + "\n" + sections.joined(separator: "\n") + "\n").write(toFile: alone, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: alone) }
        let codes = ["A (1-3)", "B (5-9)", "C (10-33)", "F (41-43)", "G (45-47)"]
        let list = codes.map { "\"\($0)\"" }.joined(separator: ", ")
        let full = try Binary.run(["--format", "csv", "-c", "load \"\(path)\" as u\nlq u.value in 2021 for TLC1 industries \(list)"])
        let part = try Binary.run(["--format", "csv", "-c", "load \"\(alone)\" as s\nlq s.value in 2021 for TLC1 industries \(list)"])
        XCTAssertEqual(full.status, 0, full.err)
        XCTAssertEqual(part.status, 0, part.err)
        func lqs(_ out: String) -> [Double] { out.split(separator: "\n").dropFirst().compactMap { Double($0.split(separator: ",").last!) } }
        let a = lqs(full.out), b = lqs(part.out)
        XCTAssertEqual(a.count, codes.count, full.out)
        for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: 1e-3 * y, "\(full.out)\n\(part.out)") }
        let described = try Binary.run(["-c", "load \"\(path)\" as u\ndescribe u"])
        XCTAssertTrue(described.out.contains("(hierarchy read from the codes)"), described.out)
        XCTAssertTrue(described.out.contains("wide layout: 24 year columns 1998–2021"), described.out)
    }
}

private extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
