// EurostatTSVTests.swift — the bulk-download TSV: comma-joined keys, `value flags` cells,
// `:` missing, CRLF, quarters; extra keys as dimensions; bad rows located.
import XCTest
@testable import SpetsCore

final class EurostatTSVTests: XCTestCase {
    static let sample = "freq,unit,nace_r2,geo\\TIME_PERIOD\t2021 \t2022 \r\n" +
        "A,THS,C,SE213\t20.5 \t21.25 p\r\n" +
        "A,THS,C,SE321\t: \t12 b\r\n" +
        "A,THS,F,SE213\t6 \t: c\r\n" +
        "A,THS,F,SE321\t4 \t4.5 \r\n"

    func load(_ text: String, options: LoadOptions = LoadOptions()) throws -> Cube {
        try DataFormat.load(path: Fixture.write("es.tsv", text), name: "e", options: options, registry: RegistryTests.registry)
    }

    func loadError(_ text: String) -> Diagnostic? {
        do { _ = try load(text); return nil } catch { return error as? Diagnostic }
    }

    func testKeysValuesFlagsAndMissing() throws {
        let c = try load(Self.sample)
        XCTAssertEqual(c.count, 8, "4 series × 2 periods")
        XCTAssertEqual(c.region.labels, ["SE213", "SE321"])
        XCTAssertEqual(c.region.names[0], "Kalmar län", "NUTS codes resolve to the registry")
        XCTAssertEqual(c.industry!.labels, ["C", "F"])
        XCTAssertEqual(c.extras.map(\.name), ["freq", "unit"])
        XCTAssertEqual(c.years, [2021, 2022, 2021, 2022, 2021, 2022, 2021, 2022])
        let v = c.measures[0].values
        XCTAssertEqual(v[0], 20.5); XCTAssertEqual(v[1], 21.25, "the flag p is not part of the number")
        XCTAssertTrue(v[2].isNaN, "`:` is missing"); XCTAssertEqual(v[3], 12)
        XCTAssertTrue(v[5].isNaN, "`: c` is missing with a flag")
        XCTAssertEqual(c.measures[0].unit, "THS")
        // Flags stay with their cells: row 1 (SE213 C 2022) p, row 3 (SE321 C 2022) b, row 5 (SE213 F 2022) c.
        let f = try XCTUnwrap(c.measures[0].flags)
        XCTAssertEqual(f.labels, ["p", "b", "c"])
        XCTAssertEqual(f.codes, [0, 1, 0, 2, 0, 3, 0, 0])
        XCTAssertTrue(c.isConsistent)
    }

    func testMeasureNameAndQuarters() throws {
        let c = try load("unit,geo\\time\t2023-Q4\t2024-Q1\nPC,SE\t1\t2\n", options: LoadOptions(mapping: ["measure": "Employment rate"]))
        XCTAssertEqual(c.measures[0].name, "employment_rate")
        XCTAssertEqual(c.years, [2023, 2024])
        XCTAssertEqual(c.extras.last!.name, "quarter")
        XCTAssertEqual(c.extras.last!.labels, ["Q4", "Q1"])
    }

    func testAnotherUnitMakesAnalysesAsk() throws {
        let c = try load(Self.sample + "A,PC,C,SE213\t1 \t1 \r\n")
        XCTAssertThrowsError(try YearSlice.build(c, measure: 0, year: 2021)) { e in
            XCTAssertTrue((e as! Diagnostic).message.contains("several values of `unit` in 2021: THS, PC"))
        }
    }

    func testBadRowsAreLocated() {
        var e = loadError(Self.sample + "A,THS,C,SE110\t1x \t2 \r\n")
        XCTAssertEqual(e?.message, "`1x` (period 2021) is not a number")
        XCTAssertEqual(e?.location?.line, 6)
        XCTAssertEqual(e?.location?.column, 15)
        e = loadError(Self.sample + "A,THS,C,SE110\t1 \r\n")
        XCTAssertEqual(e?.message, "this row has 1 period cells; the header has 2")
        e = loadError(Self.sample + "A,THS,SE110\t1 \t2\r\n")
        XCTAssertTrue(e?.message.hasPrefix("the key `A,THS,SE110` has 3 parts") == true)
        e = loadError(Self.sample + "A,THS,C,SE213\t1 \t2\r\n")
        XCTAssertEqual(e?.message, "the key `A,THS,C,SE213` appears twice")
        XCTAssertEqual(loadError("geo\\time\tabc\nSE\t1\n")?.message, "period column `abc` does not start with a year")
    }
}
