// Binary.swift — finding and running the built `spets` (the test process sits beside it).
import Foundation
import XCTest

enum Binary {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// `.build/<config>/spets`, next to this test bundle.
    static var path: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        while dir.path != "/" && !dir.lastPathComponent.hasSuffix(".xctest") && !FileManager.default.fileExists(atPath: dir.appendingPathComponent("spets").path) {
            dir = dir.deletingLastPathComponent()
        }
        if dir.lastPathComponent.hasSuffix(".xctest") { dir = dir.deletingLastPathComponent() }
        return dir.appendingPathComponent("spets").path
    }

    static let tmp: String = {
        let d = NSTemporaryDirectory() + "spets-e2e-\(getpid())"
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }()

    /// A new, empty directory under `tmp` for one test.
    static func freshDirectory(_ prefix: String) throws -> String {
        let d = tmp + "/\(prefix)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    struct Result { var out: String; var err: String; var combined: String; var status: Int32 }

    /// Runs spets to completion. `combined` is stdout and stderr through one pipe, in order.
    /// `combinedOnly`: one launch, for what a person sees (a run that writes files must not be
    /// launched twice in one directory).
    static func run(_ args: [String], stdin: String? = nil, cwd: String? = nil, env: [String: String] = [:], combinedOnly: Bool = false) throws -> Result {
        func launch(_ merge: Bool) throws -> (String, String, Int32) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: path)
            p.arguments = args
            if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
            var e = ProcessInfo.processInfo.environment
            e["SPETS_HISTORY"] = tmp + "/history"
            for (k, v) in env { e[k] = v }
            p.environment = e
            let out = Pipe(), err = merge ? out : Pipe(), inp = Pipe()
            p.standardOutput = out
            p.standardError = err
            p.standardInput = inp
            try p.run()
            if let stdin { inp.fileHandleForWriting.write(Data(stdin.utf8)) }
            try inp.fileHandleForWriting.close()
            // Both pipes at once: a child that fills one while we wait on the other would hang.
            nonisolated(unsafe) var r = Data()
            let errDone = DispatchSemaphore(value: 0)
            if merge { errDone.signal() } else {
                let h = err.fileHandleForReading
                DispatchQueue.global().async { r = h.readDataToEndOfFile(); errDone.signal() }
            }
            let o = out.fileHandleForReading.readDataToEndOfFile()
            errDone.wait()
            p.waitUntilExit()
            return (String(decoding: o, as: UTF8.self), String(decoding: r, as: UTF8.self), p.terminationStatus)
        }
        if combinedOnly {
            let (c, _, s) = try launch(true)
            return Result(out: "", err: "", combined: c, status: s)
        }
        let (o, e, s) = try launch(false)
        let (c, _, _) = try launch(true)
        return Result(out: o, err: e, combined: c, status: s)
    }
}
