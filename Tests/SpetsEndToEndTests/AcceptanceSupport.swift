// AcceptanceSupport.swift — reading spets' CSV output back for the acceptance tests: blocks
// of rows keyed by column name, and comparison with expected numbers (1e-6 relative).
import Foundation
import XCTest

enum CSVOutput {
    /// The result tables of a `--format csv` run; a line whose first cell is one of `keys`
    /// starts a new table.
    static func blocks(_ out: String, keys: Set<String>) -> [[String: [String]]] {
        var result: [[String: [String]]] = []
        var header: [String]? = nil
        var cur: [String: [String]] = [:]
        for line in out.split(separator: "\n").map(String.init) {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if keys.contains(cells[0]) {
                if header != nil { result.append(cur) }
                header = cells; cur = [:]
                continue
            }
            guard let h = header else { continue }
            for (k, c) in cells.enumerated() where k < h.count { cur[h[k], default: []].append(c) }
        }
        if header != nil { result.append(cur) }
        return result
    }

    static func close(_ got: [String]?, _ want: [Double], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let got else { return XCTFail("no column for \(what)", file: file, line: line) }
        XCTAssertEqual(got.count, want.count, what, file: file, line: line)
        for (g, w) in zip(got, want) { XCTAssertEqual(Double(g)!, w, accuracy: 1e-6 * max(abs(w), 1e-9), what, file: file, line: line) }
    }

    /// The worked example's verified answers.
    static func expected() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Binary.root + "/" + Examples.dir + "/worked-expected.json"))) as! [String: Any]
    }
}

/// The worked examples: the team's `../shared/examples` when it is beside the clone (the
/// acceptance statements name it verbatim), else the copies in Tests/Fixtures (the same
/// bytes; `testTheFixturesAreTheSharedExamples` checks), so CI never skips them.
enum Examples {
    static let dir: String = FileManager.default.fileExists(atPath: Binary.root + "/../shared/examples/worked-panel.csv") ? "../shared/examples" : "Tests/Fixtures"
}

final class ExampleFixtureTests: XCTestCase {
    func testTheFixturesAreTheSharedExamples() throws {
        let shared = Binary.root + "/../shared/examples"
        try requireShared(shared)
        for f in ["worked-panel.csv", "worked-firms.csv", "worked-groups.csv", "worked-expected.json"] {
            XCTAssertEqual(FileManager.default.contents(atPath: shared + "/" + f), FileManager.default.contents(atPath: Binary.root + "/Tests/Fixtures/" + f), f)
        }
    }
}

/// Skips a test when `path` (in ../shared, the team's data and examples) is not beside this
/// clone: CI clones the project alone.
func requireShared(_ path: String) throws {
    try XCTSkipUnless(FileManager.default.fileExists(atPath: path), "../shared is not beside this clone")
}
