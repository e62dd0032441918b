// ExcelAcceptanceTests.swift — issue 14's Excel acceptance: an .xlsx written by spets loads
// back identically and converts to CSV with LibreOffice; an .xlsx LibreOffice made from a CSV
// loads in spets with the same numbers.
import Foundation
import XCTest

final class ExcelAcceptanceTests: XCTestCase {
    func testRoundTripsWithSpetsAndLibreOffice() throws {
        let dir = Binary.tmp + "/xlsx-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let demo = Binary.root + "/datasets/demo-counties.csv"
        let r = try Binary.run(["-c", """
            load "\(demo)" as se
            export se | where region = "SE213" and year >= 2022 to "k.csv"
            export se | where region = "SE213" and year >= 2022 to "k.xlsx"
            export portfolio se.employment from 2013 to 2023 for Kalmar to "p.xlsx"
            load "k.xlsx" as k
            export k to "back.csv"
            """], cwd: dir)
        XCTAssertEqual(r.status, 0, r.combined)
        XCTAssertEqual(try String(contentsOfFile: dir + "/back.csv", encoding: .utf8), try String(contentsOfFile: dir + "/k.csv", encoding: .utf8))
        let soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let soffice else {
            if ProcessInfo.processInfo.environment["SPETS_REQUIRE_LIBREOFFICE"] == "1" { return XCTFail("LibreOffice is required here (.ci/run installs it)") }
            throw XCTSkip("LibreOffice is not installed (apt-get install libreoffice-calc-nogui; .ci/run does)")
        }
        func convert(_ file: String, to format: String, into out: String) throws {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: soffice)
            p.arguments = ["-env:UserInstallation=file://" + dir + "/lo-profile", "--headless", "--convert-to", format, "--outdir", out, file]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            XCTAssertEqual(p.terminationStatus, 0, "soffice --convert-to \(format) \(file)")
        }
        // spets' workbook → LibreOffice → CSV of the cells as LibreOffice shows them (UTF-8):
        // names beside codes, counts grouped, amounts with one decimal; then the notes.
        let shown = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true"
        try convert(dir + "/k.xlsx", to: shown, into: dir + "/lo")
        let lo = try String(contentsOfFile: dir + "/lo/k.csv", encoding: .utf8)
        XCTAssertTrue(lo.hasPrefix("region,region_name,industry,industry_name,year,employment (persons),\"value_added (MSEK, constant 2023 prices)\"\n"
                                   + "SE213,Kalmar län,01,\"Växt- och djurproduktion, jakt och service i anslutning härtill\",2022,\"2,249\",\"1,457.0\"\n"), lo)
        // A result: the LQ with three decimals, growth as a percentage, the footer as notes.
        try convert(dir + "/p.xlsx", to: shown, into: dir + "/lo")
        let p = try String(contentsOfFile: dir + "/lo/p.csv", encoding: .utf8)
        XCTAssertTrue(p.hasPrefix("region,region_name,industry,industry_name,employment (persons),lq,lq_change,growth,national_growth\n"), p)
        XCTAssertTrue(p.contains("\nSE213,Kalmar län,16,\"Tillverkning av trä och varor av trä, kork, rotting o.d. utom möbler\",\"5,035\",4.154,0.261,0.1%,-4.4%\n"), p)
        XCTAssertTrue(p.contains("\nreference: sum of the 21 loaded regions at level county,"), p)
        // LibreOffice's workbook from the CSV → spets: the same numbers, and the same codes
        // (LibreOffice turns the industry code 01 into the number 1; spets gives the zero back).
        try convert(dir + "/k.csv", to: "xlsx", into: dir + "/lo2")
        let back2 = try Binary.run(["-c", "load \"lo2/k.xlsx\" as m\nexport m to \"back2.csv\""], cwd: dir)
        XCTAssertEqual(back2.status, 0, back2.combined)
        XCTAssertEqual(try String(contentsOfFile: dir + "/back2.csv", encoding: .utf8), try String(contentsOfFile: dir + "/k.csv", encoding: .utf8))
        let r2 = try Binary.run(["--format", "csv", "-c", "load \"lo2/k.xlsx\" as m\nm | summarise count(), sum(employment), sum(value_added)"], cwd: dir)
        let r1 = try Binary.run(["--format", "csv", "-c", "load \"k.csv\" as m\nm | summarise count(), sum(employment), sum(value_added)"], cwd: dir)
        XCTAssertEqual(r2.status, 0, r2.combined)
        XCTAssertEqual(r2.out, r1.out)
    }
}
