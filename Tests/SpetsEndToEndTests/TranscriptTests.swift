// TranscriptTests.swift — `spets run` on every Tests/Transcripts/*.spets; the output (stdout
// and stderr in order) and exit status must equal the .expected file beside it. A first line
// `# args: …` adds command-line options. SPETS_UPDATE_TRANSCRIPTS=1 rewrites the expected
// files (review the diff before committing: they are the contract).
import Foundation
import XCTest

final class TranscriptTests: XCTestCase {
    func testTranscripts() throws {
        let dir = Binary.root + "/Tests/Transcripts"
        let scripts = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".spets") }.sorted()
        XCTAssertGreaterThanOrEqual(scripts.count, 5)
        let update = ProcessInfo.processInfo.environment["SPETS_UPDATE_TRANSCRIPTS"] == "1"
        for name in scripts {
            let text = try String(contentsOfFile: dir + "/" + name, encoding: .utf8)
            var args = ["run", name]
            if let first = text.split(separator: "\n").first, first.hasPrefix("# args:") {
                args += first.dropFirst("# args:".count).split(separator: " ").map(String.init)
            }
            let r = try Binary.run(args, cwd: dir)
            let got = r.combined + "[exit \(r.status)]\n"
            let expectedPath = dir + "/" + name.replacingOccurrences(of: ".spets", with: ".expected")
            if update {
                try got.write(toFile: expectedPath, atomically: true, encoding: .utf8)
                continue
            }
            let want = (try? String(contentsOfFile: expectedPath, encoding: .utf8)) ?? "(missing \(expectedPath))"
            XCTAssertEqual(got, want, "transcript \(name) differs")
            // Determinism: a second run is byte-identical.
            XCTAssertEqual(try Binary.run(args, cwd: dir).combined, r.combined, "\(name) is not deterministic")
        }
    }
}
