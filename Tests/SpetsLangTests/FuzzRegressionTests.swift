// FuzzRegressionTests.swift — every kept fuzzing input (the seeds in fuzz/corpus and what a
// fuzzer once found, in fuzz/found) replayed through its target on every run: each must keep
// every promise the target checks (a broken one traps and fails the run).
import Foundation
import XCTest
@testable import SpetsFuzzTargets
import SpetsLang

final class FuzzRegressionTests: XCTestCase {
    func inputs(_ folder: String) -> [String] {
        let dir = Repo.root + "/" + folder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { dir + "/" + $0 }
    }

    func testEveryKeptInputKeepsItsTargetsPromises() throws {
        var replayed: [String] = []
        for t in FuzzTarget.allCases {
            let seeds = inputs("fuzz/corpus/" + t.rawValue), found = inputs("fuzz/found/" + t.rawValue)
            XCTAssertFalse(seeds.isEmpty, "fuzz/corpus/\(t.rawValue) has seeds")
            for path in seeds + found {
                let bytes = [UInt8](FileManager.default.contents(atPath: path)!)
                bytes.withUnsafeBufferPointer { t.run($0) }
            }
            replayed.append("\(t.rawValue) \(seeds.count)+\(found.count)")
        }
        print("fuzz inputs replayed: " + replayed.joined(separator: ", "))
    }

    /// The session target evaluates only statements that cannot write files or reach the network.
    func testTheSessionTargetSkipsStatementsThatTouchTheOutsideWorld() {
        for s in ["export lq d.employment in 2022 to \"x.csv\"", "save \"w.spetsdb\"", "load \"x.csv\" as y",
                  "fetch eurostat nama_10r_3empers as e", "sql \"select 1\"", "run \"f.spets\"", "plot lq d.employment in 2022 as bars to \"p.svg\""] {
            let parsed = SpetsLang.Parser.parse(s)
            XCTAssertEqual(parsed.diagnostics.count, 0, s)
            XCTAssertFalse(parsed.statements.allSatisfy { FuzzTarget.readOnly($0) }, s)
        }
        XCTAssertTrue(SpetsLang.Parser.parse("lq d.employment in 2022 | top 3").statements.allSatisfy { FuzzTarget.readOnly($0) })
    }
}
