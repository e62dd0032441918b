// TranscriptTests.swift — `spets run` on each Tests/Transcripts/*.spets, one test apiece (so
// one transcript's diff does not hide the next's), each in a fresh copy of its directory; the output (stdout and stderr in order) and
// exit status must equal the .expected file beside it. A first line `# args: …` adds
// command-line options. SPETS_UPDATE_TRANSCRIPTS=1 rewrites the expected files (review the
// diff before committing: they are the contract).
import Foundation
import XCTest

final class TranscriptTests: XCTestCase {
    static let dir = Binary.root + "/Tests/Transcripts"
    /// The transcripts a test method runs; `testEveryTranscriptHasATest` keeps it whole.
    static let covered: [String] = [
        "01-lq-worked",
        "02-lq-worked-csv",
        "03-errors",
        "04-demo",
        "05-pipes",
        "06-specialisation",
        "07-hierarchies",
        "08-areas-demo",
        "09-decompositions",
        "10-projections",
        "11-compare",
        "12-relatedness",
        "13-pc-axis",
        "14-export-any",
    ]

    func test01LqWorked() throws { try check("01-lq-worked") }
    func test02LqWorkedCsv() throws { try check("02-lq-worked-csv") }
    func test03Errors() throws { try check("03-errors") }
    func test04Demo() throws { try check("04-demo") }
    func test05Pipes() throws { try check("05-pipes") }
    func test06Specialisation() throws { try check("06-specialisation") }
    func test07Hierarchies() throws { try check("07-hierarchies") }
    func test08AreasDemo() throws { try check("08-areas-demo") }
    func test09Decompositions() throws { try check("09-decompositions") }
    func test10Projections() throws { try check("10-projections") }
    func test11Compare() throws { try check("11-compare") }
    func test12Relatedness() throws { try check("12-relatedness") }
    func test13PcAxis() throws { try check("13-pc-axis") }
    func test14ExportAny() throws { try check("14-export-any") }

    func testEveryTranscriptHasATest() throws {
        let scripts = try FileManager.default.contentsOfDirectory(atPath: Self.dir).filter { $0.hasSuffix(".spets") }
        XCTAssertEqual(scripts.map { String($0.dropLast(".spets".count)) }.sorted(), Self.covered,
                       "add a test method (and a `covered` entry) for each new transcript")
    }

    func check(_ base: String) throws {
        let name = base + ".spets"
        let text = try String(contentsOfFile: Self.dir + "/" + name, encoding: .utf8)
        var args = ["run", name]
        if let first = text.split(separator: "\n").first, first.hasPrefix("# args:") {
            args += first.dropFirst("# args:".count).split(separator: " ").map(String.init)
        }
        let r = try Binary.run(args, cwd: try Self.sandbox(name), combinedOnly: true)
        let got = r.combined + "[exit \(r.status)]\n"
        let expectedPath = Self.dir + "/" + base + ".expected"
        if ProcessInfo.processInfo.environment["SPETS_UPDATE_TRANSCRIPTS"] == "1" {
            try got.write(toFile: expectedPath, atomically: true, encoding: .utf8)
            return
        }
        let want = (try? String(contentsOfFile: expectedPath, encoding: .utf8)) ?? "(missing \(expectedPath))"
        XCTAssertEqual(got, want, "transcript \(name) differs")
        // Determinism: a second run is byte-identical.
        XCTAssertEqual(try Binary.run(args, cwd: try Self.sandbox(name), combinedOnly: true).combined, r.combined, "\(name) is not deterministic")
    }

    /// A fresh copy of the layout a transcript sees (`../../datasets`, `../Fixtures`), so
    /// what it writes (`export … to "ss.csv"`) lands in a directory of its own, new each run.
    static func sandbox(_ script: String) throws -> String {
        let top = try Binary.freshDirectory("transcript")
        let fm = FileManager.default
        try fm.createDirectory(atPath: top + "/Tests/Transcripts", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: top + "/datasets", withDestinationPath: Binary.root + "/datasets")
        try fm.createSymbolicLink(atPath: top + "/Tests/Fixtures", withDestinationPath: Binary.root + "/Tests/Fixtures")
        try fm.copyItem(atPath: dir + "/" + script, toPath: top + "/Tests/Transcripts/" + script)
        return top + "/Tests/Transcripts"
    }
}
