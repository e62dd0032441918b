// FormatAcceptanceTests.swift — the formats issue's statements on ../shared/data (skipped
// without it): every PC-Axis file loads with as many cells as its DATA holds, the fatal ones
// fail with a message, LQ works on the county population table; the Eurostat TSV and the
// JSON-stat responses load with the cells they declare.
import Foundation
import XCTest

final class FormatAcceptanceTests: XCTestCase {
    var px: String { Binary.root + "/../shared/data/px" }

    func files(_ dir: String) -> [String] {
        let fm = FileManager.default
        guard let e = fm.enumerator(atPath: dir) else { return [] }
        return e.compactMap { $0 as? String }.filter { $0.lowercased().hasSuffix(".px") }.sorted().map { dir + "/" + $0 }
    }

    /// Values after DATA=, counted by a scan independent of the loader (dense files only).
    func declaredCells(_ path: String) throws -> Int? {
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        if text.contains("KEYS(") { return nil }
        guard let r = text.range(of: "\nDATA=") else { return nil }
        let data = text[r.upperBound...].prefix { $0 != ";" }
        return data.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "," }).count
    }

    func testEveryFileLoadsAndFatalOnesFail() throws {
        try requireShared(px)
        let all = files(px)
        XCTAssertGreaterThanOrEqual(all.count, 19)
        for f in all {
            let r = try Binary.run(["--format", "csv", "-c", "load \"\(f)\" as t\ndescribe t"], cwd: Binary.root)
            if f.contains("/error/fatal/") {
                XCTAssertNotEqual(r.status, 0, f)
                XCTAssertTrue(r.err.contains("error: \(f):"), "located: \(r.err)")
                continue
            }
            XCTAssertEqual(r.status, 0, "\(f): \(r.err)")
            if f.contains("/error/continue/") { XCTAssertTrue(r.out.contains("warning:") || r.err.contains("warning:"), f) }
            // rows × measures = cells in DATA
            let loaded = (r.out + r.err).split(separator: "\n").first { $0.hasPrefix("loaded t: ") }!
            let rows = Int(loaded.dropFirst("loaded t: ".count).prefix { $0 != " " })!
            let measures = loaded.components(separatedBy: "measures ").last!.split(separator: ",").count
            if let cells = try declaredCells(f) { XCTAssertEqual(rows * measures, cells, f) }
        }
    }

    func testCountyPopulationResolvesAndLQWorks() throws {
        try requireShared(px)
        let r = try Binary.run(["--format", "csv", "-c", """
            load "../shared/data/px/Population/BE0101A1.px" as pop
            describe pop
            lq pop.population in 2005 for "Kalmar län"
            """], cwd: Binary.root)
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("dimension,region,21,\"01, 03, 04, 05, 06, 07, …; all in the registry\""), r.out)
        // Married share of Kalmar against Sweden, summed over age and sex (ELIMINATION=YES);
        // computed independently from the raw DATA block.
        let row = r.out.split(separator: "\n").first { $0.hasPrefix("08,G,2005,") }
        XCTAssertNotNil(row, r.out)
        XCTAssertEqual(Double(row!.split(separator: ",").last!)!, 1.052830117936938, accuracy: 1e-12)
        XCTAssertTrue(row!.contains(",84286,"))
    }

    func testEurostatBulkTSVLoadsAndAsksWhichStatus() throws {
        let f = Binary.root + "/../shared/data/eurostat/nama_10r_3empers_sample.tsv"
        try requireShared(f)
        let r = try Binary.run(["-c", "load \"\(f)\" as t\nlq t.value in 2019"], cwd: Binary.root)
        // 99 series × 28 years, every cell kept (missing ones as missing).
        XCTAssertTrue((r.out + r.err).contains("loaded t: 2772 rows, 93 regions, 15 industries"), r.err)
        XCTAssertTrue(r.err.contains("several values of `wstatus` in 2019: SAL, EMP"), r.err)
        // The flags stay with their cells: `describe` counts them, and an LQ names those it used.
        let d = try Binary.run(["-c", "load \"\(f)\" as t\ndescribe t\nlet e = t | where wstatus = \"EMP\"\nlq e.value in 2019"], cwd: Binary.root)
        XCTAssertTrue(d.out.contains("flagged p (provisional) 71, b (break in series) 21"), d.out)
        XCTAssertTrue(d.out.contains("flagged cells (as the source marked them): p (provisional) 1\n"), d.out)
    }

    /// PC-Axis data symbols are kept per cell: `describe` counts each symbol.
    func testDataSymbolsAreCountedPerMeasure() throws {
        let f = Binary.root + "/../shared/data/px/NPM/BE0101F1datasymbols.px"
        try requireShared(f)
        let r = try Binary.run(["-c", "load \"\(f)\" as p\ndescribe p"], cwd: Binary.root)
        XCTAssertTrue(r.out.contains("missing 6; flagged . (not applicable) 1, .. (not available) 1, ... 1, .... 1, ..... 1, ...... 1"), r.out)
    }

    func testJSONStatResponsesLoad() throws {
        let dir = Binary.root + "/../shared/data/jsonstat"
        try requireShared(dir)
        func run(_ f: String) throws -> String {
            let r = try Binary.run(["-c", "load \"\(dir)/\(f)\" as j\ndescribe j"], cwd: Binary.root)
            XCTAssertEqual(r.status, 0, r.err)
            return r.out + r.err
        }
        // 21 counties × 11 age groups × 3 sex values × 1 content × 4 months.
        XCTAssertTrue(try run("TAB6471_data.json").contains("loaded j: 2772 rows, 21 regions, 11 industries, measures folkmangden_per_manad"))
        let meta = try run("TAB6471_metadata.json")
        XCTAssertTrue(meta.contains("loaded j: 0 rows, 312 regions, 134 industries"), meta)
        XCTAssertTrue(meta.contains("metadata only: `value` is empty (2006784 cells described, none with a number)"), meta)
        XCTAssertTrue(try run("response_se.json").contains("warning: `updated` is not an ISO 8601 time"))
    }
}
