// JSONStatTests.swift — the JSON reader and JSON-stat 2.0 datasets written here: dense and
// sparse values, status forms, index as array or object, roles, units, an empty `value`,
// a malformed `updated`; and broken responses, each refused with a message.
import XCTest
@testable import SpetsCore

final class JSONStatTests: XCTestCase {
    func json(_ s: String) throws -> JSON {
        try Array(s.utf8).withUnsafeBufferPointer { (b) throws(Diagnostic) -> JSON in try JSON.parse(b, path: "t.json") }
    }

    func testJSONReaderValuesEscapesAndErrors() throws {
        let v = try json(#"{"a": [1, -2.5e3, true, null, "x\"\u00e5\ud83d\ude00"], "b": {}}"#)
        XCTAssertEqual(v["a"], .array([.number(1), .number(-2500), .bool(true), .null, .string("x\"å😀")]))
        XCTAssertEqual(v["b"], .object([]))
        XCTAssertThrowsError(try json("{\"a\": [1, 2}")) { e in
            XCTAssertEqual((e as! Diagnostic).message, "JSON: expected , or ] in an array")
            XCTAssertEqual((e as! Diagnostic).location?.column, 12)
        }
        XCTAssertThrowsError(try json(String(repeating: "[", count: 5000))) { e in
            XCTAssertTrue((e as! Diagnostic).message.contains("nested more than 200 levels"))
        }
        XCTAssertThrowsError(try json("{\"a\": 1} x"))
    }

    /// Employment by county (geo), industry and year; two contents (metric) with units.
    static let dense = """
    {"version": "2.0", "class": "dataset", "label": "Sysselsatta", "source": "SCB",
     "updated": "2025-03-01T08:00:00Z",
     "id": ["Region", "SNI2007", "ContentsCode", "Tid"], "size": [2, 2, 2, 2],
     "role": {"geo": ["Region"], "time": ["Tid"], "metric": ["ContentsCode"]},
     "dimension": {
       "Region": {"label": "region", "category": {"index": ["08", "23"], "label": {"08": "Kalmar län", "23": "Jämtlands län"}}},
       "SNI2007": {"label": "näringsgren SNI 2007", "category": {"index": {"C": 0, "F": 1}, "label": {"C": "Tillverkning", "F": "Byggverksamhet"}}},
       "ContentsCode": {"label": "tabellinnehåll", "category": {"index": ["EMP", "VA"], "label": {"EMP": "Sysselsatta", "VA": "Förädlingsvärde"},
                        "unit": {"EMP": {"base": "antal", "decimals": 0}, "VA": {"base": "mnkr", "decimals": 1}}}},
       "Tid": {"label": "år", "category": {"index": ["2022", "2023"]}}
     },
     "value": [100, 110, 5.5, 6.0, 40, null, 2.0, 2.5, 30, 31, 1.5, 1.6, 20, 21, 1.0, 1.1],
     "status": {"5": ".."}
    }
    """

    func load(_ text: String, name: String = "t.json", options: LoadOptions = LoadOptions()) throws -> Cube {
        try DataFormat.load(path: Fixture.write(name, text), name: "j", options: options, registry: RegistryTests.registry)
    }

    func loadError(_ text: String) -> Diagnostic? {
        do { _ = try load(text, name: "bad.json"); return nil } catch { return error as? Diagnostic }
    }

    /// `status` {"5": ".."}: cell 5 is Kalmar län (08), F, EMP, 2023 — the sysselsatta row of
    /// (08, F, 2023) carries the symbol; the other measure of that row has none, so no flags.
    func testStatusIsKeptPerCell() throws {
        let c = try load(Self.dense)
        let f = try XCTUnwrap(c.measures[0].flags)
        XCTAssertEqual(f.labels, [".."])
        let row = (0..<c.count).first { c.regionCodes[$0] == 0 && c.industryCodes[$0] == 1 && c.years[$0] == 2023 }!
        XCTAssertEqual(f.codes.enumerated().filter { $0.element != 0 }.map(\.offset), [row])
        XCTAssertTrue(c.measures[0].values[row].isNaN)
        XCTAssertNil(c.measures[1].flags)
    }

    func testDenseDatasetWithRolesMetricsAndUnits() throws {
        let c = try load(Self.dense)
        XCTAssertEqual(c.count, 8, "2 × 2 × 2 rows, two measures each")
        XCTAssertEqual(c.region.labels, ["08", "23"])
        XCTAssertEqual(c.region.names, ["Kalmar län", "Jämtlands län"])
        XCTAssertEqual(c.industry!.labels, ["C", "F"], "index as an object keeps positions")
        XCTAssertEqual(c.measures.map(\.name), ["sysselsatta", "foradlingsvarde"])
        XCTAssertEqual(c.measures.map(\.unit), ["antal", "mnkr"])
        XCTAssertEqual(c.years, [2022, 2023, 2022, 2023, 2022, 2023, 2022, 2023])
        let emp = c.measures[0].values
        XCTAssertEqual(emp[0..<3] + emp[4...], [100, 110, 40, 30, 31, 20, 21], "the last dimension varies fastest; metric is split out")
        XCTAssertTrue(c.measures[0].values[3].isNaN, "null is missing")
        XCTAssertEqual(c.measures[1].values, [5.5, 6.0, 2.0, 2.5, 1.5, 1.6, 1.0, 1.1])
        XCTAssertTrue(c.notes.contains("16 cells, 1 missing (status \"..\"×1)"))
        XCTAssertFalse(c.notes.contains { $0.hasPrefix("warning") })
    }

    func testSparseValuesStatusStringAndMalformedUpdated() throws {
        let text = """
        {"version": "2.0", "class": "dataset", "updated": "2024-01-12T05: 52: 00Z",
         "id": ["geo", "time"], "size": [2, 2],
         "dimension": {"geo": {"category": {"index": ["SE213", "SE322"]}}, "time": {"category": {"index": ["2021", "2022"]}}},
         "value": {"0": 1.5, "3": 4}, "status": "p"}
        """
        let c = try load(text)
        XCTAssertEqual(c.region.labels, ["SE213", "SE322"], "a dimension called geo is the region without a role")
        XCTAssertEqual(c.measures[0].values[0], 1.5)
        XCTAssertTrue(c.measures[0].values[1].isNaN && c.measures[0].values[2].isNaN, "absent from a sparse value: missing")
        XCTAssertEqual(c.measures[0].values[3], 4)
        XCTAssertTrue(c.notes.contains("warning: `updated` is not an ISO 8601 time (`2024-01-12T05: 52: 00Z`); ignored"))
        XCTAssertTrue(c.notes.contains("sparse value: 2 of 4 cells given"))
    }

    func testPxWebEliminationMarksTotalsAndSummableAxes() throws {
        let text = """
        {"version": "2.0", "id": ["Region", "Kon", "Alder", "Tid"], "size": [1, 3, 2, 1], "role": {"time": ["Tid"], "geo": ["Region"]},
         "dimension": {"Region": {"category": {"index": ["08"]}},
           "Kon": {"label": "kön", "extension": {"elimination": true, "eliminationValueCode": "TotSa"}, "category": {"index": ["TotSa", "1", "2"], "label": {"TotSa": "totalt", "1": "män", "2": "kvinnor"}}},
           "Alder": {"label": "ålder", "extension": {"elimination": true}, "category": {"index": ["0-9", "10-19"]}},
           "Tid": {"category": {"index": ["2025"]}}},
         "value": [10, 20, 4, 9, 6, 11]}
        """
        let c = try load(text, options: LoadOptions(mapping: ["industry": "ålder"]))
        XCTAssertEqual(c.extras.map(\.name), ["kon"])
        XCTAssertEqual(c.extras[0].labels[Int(c.extras[0].total!)], "totalt")
        let s = try YearSlice.build(c, measure: 0, year: 2025)
        XCTAssertEqual(s.x, [10, 20], "the total row stands for the whole; men and women are not added to it")
    }

    func testEmptyValueIsAMetadataOnlyDataset() throws {
        let text = Self.dense.replacingAll("[100, 110, 5.5, 6.0, 40, null, 2.0, 2.5, 30, 31, 1.5, 1.6, 20, 21, 1.0, 1.1]", with: "[]")
        let c = try load(text)
        XCTAssertEqual(c.count, 0)
        XCTAssertEqual(c.region.labels, ["08", "23"], "the dimensions are still described")
        XCTAssertEqual(c.measures.map(\.name), ["sysselsatta", "foradlingsvarde"])
        XCTAssertTrue(c.notes.contains("warning: metadata only: `value` is empty (16 cells described, none with a number); fetch or download the data itself"))
    }

    func testBrokenDatasetsAreRefused() {
        XCTAssertEqual(loadError("{\"version\": \"2.0\", \"dimension\": {}}")?.message, "JSON-stat: `id` (the list of dimensions) is missing")
        XCTAssertEqual(loadError(Self.dense.replacingAll("\"size\": [2, 2, 2, 2]", with: "\"size\": [2, 2, 2, 3]"))?.message,
                       "JSON-stat: dimension `Tid` has 2 categories but `size` says 3")
        XCTAssertEqual(loadError(Self.dense.replacingAll(", 1.0, 1.1]", with: "]"))?.message,
                       "JSON-stat: `value` has 14 entries but the dimensions declare 16 (2 × 2 × 2 × 2)")
        XCTAssertEqual(loadError(Self.dense.replacingAll("{\"C\": 0, \"F\": 1}", with: "{\"C\": 0, \"F\": 0}"))?.message,
                       "JSON-stat: dimension `SNI2007`: category index of `F` is not a free position 0…1")
        XCTAssertEqual(loadError(Self.dense.replacingAll("[100, 110, 5.5, 6.0, 40, null, 2.0, 2.5, 30, 31, 1.5, 1.6, 20, 21, 1.0, 1.1]", with: "{\"16\": 1}"))?.message,
                       "JSON-stat: `value` key `16` is not a cell position 0…15")
        XCTAssertEqual(loadError("{\"class\": \"collection\", \"link\": {}}")?.message, "JSON-stat: the file is a collection of links, not a dataset")
        XCTAssertTrue(loadError(String(Self.dense.dropLast(10)))?.message.hasPrefix("JSON: ") == true, "truncated JSON")
    }

    func testAHugeSparseDeclarationIsRefusedBeforeAllocating() {
        let codes = (0..<20_000).map { "\"R\($0)\"" }.joined(separator: ",")
        let text = "{\"id\": [\"geo\", \"item\"], \"size\": [20000, 20000], \"dimension\": {\"geo\": {\"category\": {\"index\": [\(codes)]}}, " +
            "\"item\": {\"category\": {\"index\": [\(codes)]}}}, \"value\": {\"0\": 1}}"
        XCTAssertEqual(loadError(text)?.message, "the dimensions declare 400000000 cells, more than the 134217728 spets holds in one table")
    }

    func testTimestamps() {
        for ok in ["2025-03-01", "2025-03-01T08:00:00Z", "2025-03-01T08:00Z", "2025-03-01T08:00:00.123+01:00", "2025-04-24T23:00:00+0200"] {
            XCTAssertTrue(JSONStatLoader.validTimestamp(ok), ok)
        }
        for bad in ["2024-01-12T05: 52: 00Z", "12/01/2024", "2025-03-01T08", ""] { XCTAssertFalse(JSONStatLoader.validTimestamp(bad), bad) }
    }
}
