// Chromium.swift — headless Chromium for the pages spets writes (rendered notebooks, reports):
// the DOM as the browser reads it, its console log, and a screenshot. CI installs it and
// sets SPETS_REQUIRE_CHROMIUM=1, so there a missing browser fails instead of skipping.
import Foundation
import XCTest

struct Chromium {
    let path: String
    /// Where the browser keeps its profile (a temporary folder of the test).
    let scratch: String

    /// The browser, or a skip (a failure under CI) when it is not installed.
    static func find(scratch: String) throws -> Chromium? {
        if let path = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            return Chromium(path: path, scratch: scratch)
        }
        if ProcessInfo.processInfo.environment["SPETS_REQUIRE_CHROMIUM"] == "1" { XCTFail("chromium is required here (.ci/run installs it)"); return nil }
        throw XCTSkip("chromium is not installed (apt-get install chromium; .ci/run does)")
    }

    /// Opens `page` with `extra` flags (`--dump-dom`, `--screenshot=…`): stdout and stderr.
    func browse(_ page: String, _ extra: [String]) throws -> (out: String, log: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
                       "--user-data-dir=" + scratch + "/profile"] + extra + ["file://" + page]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }
}
