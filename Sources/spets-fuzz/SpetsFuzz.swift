// spets-fuzz — the fuzzing harness. Built by `scripts/libfuzz` (swift build --sanitize fuzzer
// -DSPETS_LIBFUZZER) it is a libFuzzer binary: `spets-fuzz TARGET [libFuzzer flags] [CORPUS…]`
// (SwiftPM then compiles it as a library and libFuzzer's `main` calls the two functions below).
// Built normally it replays inputs: `spets-fuzz TARGET FILE|DIR…` runs each file once and
// exits 0 when every promise held (a broken one traps, after naming the file on stderr).
import Glibc
import SpetsCore
import SpetsFuzzTargets
import SpetsLang

/// The target libFuzzer's C callback feeds; set once before the driver starts.
nonisolated(unsafe) var selected = FuzzTarget.statement

#if SPETS_LIBFUZZER
// libFuzzer brings its own `main`; it calls these two.

/// Takes the target from the first argument (removing it before libFuzzer reads its flags) or
/// from $SPETS_FUZZ_TARGET, which it sets so the workers of `-fork`/`-jobs` inherit it.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<Int32>,
                             _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> Int32 {
    let n = Int(argc.pointee)
    if n >= 2, let v = argv.pointee, let a = v[1], let t = FuzzTarget(rawValue: String(cString: a)) {
        selected = t
        for i in 1..<n { v[i] = v[i + 1] }
        argc.pointee -= 1
    } else if let e = FileIO.environment("SPETS_FUZZ_TARGET"), let t = FuzzTarget(rawValue: e) {
        selected = t
    } else {
        SpetsFuzz.usage()
    }
    setenv("SPETS_FUZZ_TARGET", selected.rawValue, 1)
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    selected.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}
#endif

#if !SPETS_LIBFUZZER
@main
#endif
enum SpetsFuzz {
    static func main() {
        var args = CommandLine.arguments
        guard args.count >= 2, let t = FuzzTarget(rawValue: args[1]) else { usage() }
        selected = t
        args.remove(at: 1)
        replay(Array(args.dropFirst()))
    }

    static func usage() -> Never {
        var s = "usage: spets-fuzz TARGET [FILE|DIR…]\ntargets:\n"
        for t in FuzzTarget.allCases { s += "  " + t.rawValue + String(repeating: " ", count: 11 - t.rawValue.count) + t.summary + "\n" }
        StandardOutput.write(2, s)
        exit(2)
    }

    /// Every file under the given paths, in name order.
    static func files(_ path: String) -> [String] {
        guard let d = opendir(path) else { return [path] }
        defer { closedir(d) }
        var names: [String] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if !name.hasPrefix(".") { names.append(path + "/" + name) }
        }
        return names.sorted().flatMap(files)
    }

    static func replay(_ paths: [String]) {
        var count = 0
        for path in paths.flatMap(files) {
            let bytes: [UInt8]
            do { bytes = try FileIO.read(path) } catch { StandardOutput.write(2, "spets-fuzz: \(error.message)\n"); exit(1) }
            StandardOutput.write(2, "\(selected.rawValue): \(path)\n")
            bytes.withUnsafeBufferPointer { selected.run($0) }
            count += 1
        }
        StandardOutput.write(1, "\(selected.rawValue): \(count) inputs replayed, every promise held\n")
    }
}
