// Support.swift — a session on the bundled registries, a captured runner, caret markers.
import Foundation
import XCTest
@testable import SpetsCore
@testable import SpetsLang

enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static func registry() -> Registry {
        let r = Registry()
        try! r.addRegions(csv: Array(FileManager.default.contents(atPath: root + "/datasets/regions-se.csv")!), file: "regions-se.csv")
        try! r.addIndustries(csv: Array(FileManager.default.contents(atPath: root + "/datasets/industries-nace.csv")!), file: "industries-nace.csv")
        return r
    }

    static let tmp: String = {
        let d = NSTemporaryDirectory() + "spets-lang-\(getpid())"
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }()

    @discardableResult
    static func write(_ name: String, _ text: String) -> String {
        let p = tmp + "/" + name
        FileManager.default.createFile(atPath: p, contents: Data(text.utf8))
        return p
    }

    static let worked = """
    region,industry,year,employment
    NB,MIN,2022,7500
    NB,WOOD,2022,2600
    NB,MACH,2022,4800
    NB,ICT,2022,2600
    NB,TOUR,2022,3300
    VB,MIN,2022,1700
    VB,WOOD,2022,3800
    VB,MACH,2022,6400
    VB,ICT,2022,11500
    VB,TOUR,2022,3400
    JH,MIN,2022,150
    JH,WOOD,2022,2700
    JH,MACH,2022,1600
    JH,ICT,2022,1300
    JH,TOUR,2022,5900
    RS,MIN,2022,9000
    RS,WOOD,2022,55000
    RS,MACH,2022,185000
    RS,ICT,2022,245000
    RS,TOUR,2022,160000

    """
}

final class Harness {
    let session: Session
    let out = CapturedOutput()
    let runner: Runner
    init(workspace: String? = nil, format: OutputFormat = .table) throws {
        session = try Session(registry: Repo.registry(), workspacePath: workspace, presetDirectory: Repo.root + "/datasets/areas")
        session.settings.format = format
        runner = Runner(session: session, sink: out)
    }
    /// Runs statements; returns what a person would have seen.
    @discardableResult
    func run(_ s: String, file: String? = nil) -> String {
        let before = out.combined.count
        runner.run(s, file: file)
        return String(out.combined.dropFirst(before))
    }
}

/// Asserts that `source` fails with `message` and a caret exactly under the `^` marks of
/// `marker` (columns in characters, as a person sees them).
func assertDiagnostic(_ source: String, _ marker: String, _ message: String, in h: Harness? = nil,
                      file: StaticString = #filePath, line: UInt = #line) throws {
    let harness = try h ?? Harness()
    let text = harness.run(source)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let i = lines.firstIndex(where: { $0.hasPrefix("error: ") }) else {
        return XCTFail("no error for \(source):\n\(text)", file: file, line: line)
    }
    XCTAssertEqual(lines[i], "error: " + message, file: file, line: line)
    guard i + 2 < lines.count else { return XCTFail("no caret line:\n\(text)", file: file, line: line) }
    XCTAssertEqual(lines[i + 2], "  " + marker, "caret position for: \(source)", file: file, line: line)
    XCTAssertEqual(lines.filter { $0.hasPrefix("error: ") }.count, 1, "one mistake, one message:\n\(text)", file: file, line: line)
}
