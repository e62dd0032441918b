// InstallTests.swift — `make install PREFIX=…` (with the binaries the tests already have):
// the installed binary, run from another folder, finds its bundled data and docs, says its
// version and commit, and its man page renders.
import Foundation
import XCTest

final class InstallTests: XCTestCase {
    func testMakeInstallIntoATemporaryPrefix() throws {
        let prefix = Binary.tmp + "/prefix-\(UUID().uuidString)"
        let make = Process()
        make.executableURL = URL(fileURLWithPath: "/usr/bin/make")
        make.arguments = ["install", "PREFIX=" + prefix]
        make.currentDirectoryURL = URL(fileURLWithPath: Binary.root)
        var env = ProcessInfo.processInfo.environment
        env["SPETS_BIN_DIR"] = URL(fileURLWithPath: Binary.path).deletingLastPathComponent().path
        make.environment = env
        make.standardOutput = FileHandle.nullDevice
        make.standardError = FileHandle.nullDevice
        try make.run()
        make.waitUntilExit()
        XCTAssertEqual(make.terminationStatus, 0, "make install")

        func run(_ args: [String]) throws -> (String, Int32) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: prefix + "/bin/spets")
            p.arguments = args
            p.currentDirectoryURL = URL(fileURLWithPath: NSTemporaryDirectory())
            var e = ProcessInfo.processInfo.environment
            e["SPETS_DATASETS"] = nil
            p.environment = e
            let out = Pipe()
            p.standardOutput = out
            p.standardError = out
            try p.run()
            let d = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (String(decoding: d, as: UTF8.self), p.terminationStatus)
        }
        let (demo, status) = try run(["--demo", "-c", "datasets; explain lq; lq se.employment in 2023 for Kalmar | top 1"])
        XCTAssertEqual(status, 0, demo)
        XCTAssertTrue(demo.contains("loaded se: 15792 rows"), demo)
        XCTAssertTrue(demo.contains("Location quotient (lq)"), "docs installed for explain")
        XCTAssertTrue(demo.contains("SE213 Kalmar län"), "the region registry is found")
        let (version, _) = try run(["--version"])
        XCTAssertTrue(version.hasPrefix("spets 0.1.0 (commit "), version)
        for f in ["share/man/man1/spets.1", "share/bash-completion/completions/spets", "share/zsh/site-functions/_spets",
                  "share/fish/vendor_completions.d/spets.fish", "bin/spets-notebook"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: prefix + "/" + f), f)
        }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/man") else { throw XCTSkip("man is not installed here") }
        let man = Process()
        man.executableURL = URL(fileURLWithPath: "/usr/bin/man")
        man.arguments = ["-l", prefix + "/share/man/man1/spets.1"]
        man.environment = ["MANPAGER": "cat", "PAGER": "cat", "PATH": "/usr/bin:/bin"]
        let out = Pipe()
        man.standardOutput = out
        man.standardError = FileHandle.nullDevice
        try man.run()
        let page = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        man.waitUntilExit()
        XCTAssertTrue(page.contains("SPETS(1)") && page.contains("shiftshare"), page)
    }
}
