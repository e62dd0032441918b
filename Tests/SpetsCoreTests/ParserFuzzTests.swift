// ParserFuzzTests.swift — mutation fuzzing of the file loaders (PC-Axis, JSON-stat, Eurostat TSV, CSV): truncation, byte flips,
// inserted huge numbers and deep nesting. Each input must either load completely (a
// consistent cube) or fail with a located message; never crash, never half-load.
// CI runs a short pass; `scripts/fuzz [SECONDS]` runs longer (SPETS_FUZZ_SECONDS).
import XCTest
@testable import SpetsCore

final class ParserFuzzTests: XCTestCase {
    /// A deterministic generator (xorshift) so a failure can be replayed from its seed.
    struct Rng { var s: UInt64; mutating func next() -> UInt64 { s ^= s << 13; s ^= s >> 7; s ^= s << 17; return s }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) } }

    static let seconds: Double = {
        if let e = getenv("SPETS_FUZZ_SECONDS"), let v = Double(String(cString: e)) { return v }
        return 1.5
    }()

    static func mutate(_ base: [UInt8], _ rng: inout Rng) -> [UInt8] {
        var b = base
        for _ in 0...rng.below(4) {
            switch rng.below(7) {
            case 0: b = Array(b.prefix(rng.below(b.count + 1)))                          // truncation
            case 1: if !b.isEmpty { b[rng.below(b.count)] = UInt8(truncatingIfNeeded: rng.next()) }  // byte flip
            case 2: b.insert(contentsOf: Array("9".utf8) + Array(repeating: UInt8(ascii: "9"), count: 400) + Array("e999".utf8), at: rng.below(b.count + 1))
            case 3: b.insert(contentsOf: Array(repeating: Array("([{".utf8)[rng.below(3)], count: 1 + rng.below(5000)), at: rng.below(b.count + 1))
            case 4: b.insert(contentsOf: Array(repeating: UInt8(ascii: "\""), count: 1 + rng.below(3)), at: rng.below(b.count + 1))
            case 5: if b.count > 2 { let i = rng.below(b.count - 1); b.remove(at: i) }      // deletion
            default: if !b.isEmpty { let i = rng.below(b.count); b.insert(b[i], at: rng.below(b.count)) }  // duplication
            }
        }
        return b
    }

    func fuzz(_ seeds: [[UInt8]], ext: String, seed: UInt64) {
        var rng = Rng(s: seed)
        let start = FileIO.now()
        var runs = 0, loaded = 0
        while FileIO.now() - start < Self.seconds {
            let input = Self.mutate(seeds[rng.below(seeds.count)], &rng)
            let path = Fixture.writeBytes("fuzz." + ext, input)
            do {
                let c = try DataFormat.load(path: path, name: "f")
                XCTAssertTrue(c.isConsistent, "inconsistent cube from run \(runs) of seed \(seed)")
                loaded += 1
            } catch {
                XCTAssertFalse(error.message.isEmpty, "a refusal says why")
            }
            runs += 1
        }
        XCTAssertGreaterThan(runs, 10)
        print("fuzz .\(ext): \(runs) inputs, \(loaded) loaded, \(runs - loaded) refused")
    }

    func testPCAxisLoaderSurvivesMutations() {
        let seeds = [PXLoaderTests.counties, PXLoaderTests.small + "1 2 3 4;"].map { Array($0.utf8) }
        fuzz(seeds, ext: "px", seed: 0x5EED_0001)
    }

    func testJSONStatLoaderSurvivesMutations() {
        fuzz([Array(JSONStatTests.dense.utf8)], ext: "json", seed: 0x5EED_0004)
    }

    func testEurostatTSVLoaderSurvivesMutations() {
        fuzz([Array(EurostatTSVTests.sample.utf8)], ext: "tsv", seed: 0x5EED_0003)
    }

    func testCSVLoaderSurvivesMutations() {
        let seeds = ["geo,nace_r2,time,employment\nSE213,01,2022,100\nSE213,02,2022,50\n",
                     "län;bransch;år;förädlingsvärde\n08;10;2023;1 234,5\n08;16;2023;2,25\n",
                     "region,\"name\",2019,2020\nA,\"x, y\",1,2\nB,z,3,:\n",
                     "DATAFLOW,LAST UPDATE,freq,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\nE:X(1.0),1/1/24,A,SE213,2021,20.5,p\nE:X(1.0),1/1/24,A,SE321,2021,,\n"].map { Array($0.utf8) }
        fuzz(seeds, ext: "csv", seed: 0x5EED_0002)
    }
}
