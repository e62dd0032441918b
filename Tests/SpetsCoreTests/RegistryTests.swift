// RegistryTests.swift — forgiving names: `Kalmar`, `kalmar län`, `SE213` and `08` are one
// region; `Jamtland` finds Jämtlands län; misses and ambiguities list candidates.
import XCTest
@testable import SpetsCore

final class RegistryTests: XCTestCase {
    nonisolated(unsafe) static let registry: Registry = {
        let r = Registry()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        try! r.addRegions(csv: Array(try! Data(contentsOf: root.appendingPathComponent("datasets/regions-se.csv"))), file: "regions-se.csv")
        try! r.addIndustries(csv: Array(try! Data(contentsOf: root.appendingPathComponent("datasets/industries-nace.csv"))), file: "industries-nace.csv")
        return r
    }()

    let counties = Dimension(name: "region", role: .region,
                             labels: ["SE110", "SE213", "SE322", "SE321", "SE232", "SE331", "SE125"])

    func resolve(_ s: String) throws -> String {
        let i = try NameResolver(counties, registry: Self.registry).resolve(s, dataset: "se")
        return counties.labels[Int(i)]
    }

    func testRegistryContents() {
        let r = Self.registry
        XCTAssertEqual(r.regions.filter { $0.levelRank == 3 && !$0.code.hasPrefix("SEZ") }.count, 21, "21 counties")
        XCTAssertEqual(r.region("SEZZZ")?.levelRank, 3, "Extra-Regio")
        XCTAssertEqual(r.regions.filter { $0.levelRank == 2 && !$0.code.hasPrefix("SEZ") }.count, 8, "8 riksområden")
        XCTAssertEqual(r.regions.filter { $0.levelRank == 1 && !$0.code.hasPrefix("SEZ") }.count, 3)
        XCTAssertEqual(r.industries.filter { $0.level == "division" }.count, 88)
        XCTAssertEqual(r.industries.filter { $0.level == "section" }.count, 21)
        XCTAssertEqual(r.industry("16")?.parent, "C")
        XCTAssertEqual(r.industry("C")?.parent, "B-E")
        XCTAssertEqual(r.industry("G-J")?.members, ["G-I", "J"])
        XCTAssertEqual(r.region("08")?.code, "SE213")
        XCTAssertEqual(r.regionLevel("SE213"), 3)
        XCTAssertEqual(r.regionLevel("DE21A"), 3, "NUTS-shaped codes outside the registry")
        XCTAssertEqual(r.regionLevel("NB"), -1)
    }

    /// The 290 municipalities, each under a county of the registry; counts per county known
    /// by heart (Kalmar län 12, Jämtlands län 8, Västernorrlands län 7); a bare name shared
    /// with a county means the county, `… kommun` the municipality.
    func testMunicipalitiesSitUnderTheirCounties() {
        let r = Self.registry
        let munis = r.regions.filter { $0.levelRank == 4 }
        XCTAssertEqual(munis.count, 290)
        XCTAssertEqual(Set(munis.map(\.code)).count, 290)
        for m in munis { XCTAssertEqual(r.region(m.parent ?? "")?.levelRank, 3, "\(m.code) \(m.nameSv ?? "") has a county") }
        XCTAssertEqual(munis.filter { $0.parent == "SE213" }.count, 12)
        XCTAssertEqual(munis.filter { $0.parent == "SE322" }.count, 8)
        XCTAssertEqual(munis.filter { $0.parent == "SE321" }.count, 7)
        XCTAssertEqual(r.region("2380")?.nameSv, "Östersund")
        XCTAssertEqual(r.region("2281")?.nameSv, "Sundsvall")
        XCTAssertEqual(r.region("Kalmar")?.code, "SE213")
        XCTAssertEqual(r.region("Kalmar kommun")?.code, "0880")
        XCTAssertEqual(r.region("Östersunds kommun")?.code, "2380")
        XCTAssertEqual(r.regionLevel("0880"), 4)
        XCTAssertEqual(r.levelName(4), "municipality")
    }

    func testOneRegionManyNames() throws {
        for s in ["SE213", "se213", "Kalmar", "kalmar län", "Kalmar län", "08", "Kalmar County", "Region Kalmar län"] {
            XCTAssertEqual(try resolve(s), "SE213", s)
        }
        XCTAssertEqual(try resolve("Jamtland"), "SE322")
        XCTAssertEqual(try resolve("jämtlands län"), "SE322")
        XCTAssertEqual(try resolve("Jämtland Härjedalen"), "SE322")
        XCTAssertEqual(try resolve("Stockholm"), "SE110")
    }

    func testAmbiguousListsCandidates() {
        XCTAssertThrowsError(try resolve("Väst")) { e in
            let d = e as! Diagnostic
            XCTAssertEqual(d.message, "`Väst` matches several regions in se")
            XCTAssertTrue(d.candidates.contains("Västernorrlands län (SE321)"))
            XCTAssertTrue(d.candidates.contains("Västra Götalands län (SE232)"))
        }
    }

    func testUnknownSuggests() {
        XCTAssertThrowsError(try resolve("Kalmr")) { e in
            let d = e as! Diagnostic
            XCTAssertEqual(d.message, "no region `Kalmr` in se")
            XCTAssertTrue(d.candidates.contains("Kalmar"), "\(d.candidates)")
        }
    }

    func testKnownButNotLoaded() {
        XCTAssertThrowsError(try resolve("Gotland")) { e in
            XCTAssertEqual((e as! Diagnostic).message, "Gotlands län (SE214) is not in dataset se")
        }
    }

    func testFolding() {
        XCTAssertEqual(Text.fold("Jämtlands  län"), "jamtlands lan")
        XCTAssertEqual(Text.snakeCase("Value added (MSEK)"), "value_added_msek")
        XCTAssertEqual(Text.snakeCase("valueAdded"), "value_added")
    }

    func testNumberParsing() {
        XCTAssertEqual(NumberParsing.parse("1,234.5"), 1234.5)
        XCTAssertEqual(NumberParsing.parse("1 234,5", .comma), 1234.5)
        XCTAssertEqual(NumberParsing.parse("-0.25"), -0.25)
        XCTAssertEqual(NumberParsing.parse("1e3"), 1000)
        XCTAssertEqual(NumberParsing.parse("0.1"), 0.1, "exact via the fast path")
        XCTAssertEqual(NumberParsing.parse("12345678901234567890"), 12345678901234567890.0)
        // Plain decimals up to 15 digits take a short path: correctly rounded, as strtod.
        var g = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let intDigits = Int.random(in: 1...8, using: &g), fracDigits = Int.random(in: 1...(15 - intDigits), using: &g)
            let text = String((0..<intDigits).map { _ in "0123456789".randomElement(using: &g)! }) + "."
                + String((0..<fracDigits).map { _ in "0123456789".randomElement(using: &g)! })
            XCTAssertEqual(NumberParsing.parse(text)?.bitPattern, Double(text)!.bitPattern, text)
            XCTAssertEqual(NumberParsing.parse(text.replacingOccurrences(of: ".", with: ","), .comma)?.bitPattern, Double(text)!.bitPattern, text)
        }
        XCTAssertEqual(NumberParsing.parse("315.3"), 315.3)
        XCTAssertNil(NumberParsing.parse("1.5", .comma), "a point in a decimal-comma file is a group mark")
        XCTAssertNil(NumberParsing.parse("12a"))
        XCTAssertNil(NumberParsing.parse("1,23"), "a group separator needs three digits")
        XCTAssertNil(NumberParsing.parse("."))
    }
}
