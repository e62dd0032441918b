// Startup.swift — finding the bundled registries and opening the session.
import Glibc
import SpetsCore
import SpetsLang

public enum Startup {
    /// The bundled `datasets/` folder: $SPETS_DATASETS, else beside the executable's package
    /// (walking up from the binary: .build/<config>/spets), else ./datasets.
    public static func datasetsDirectory() -> String? {
        if let d = FileIO.environment("SPETS_DATASETS") { return d }
        var buf = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buf, buf.count - 1)
        if n > 0 {
            var dir = String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            for _ in 0..<6 {
                guard let slash = dir.lastIndex(of: "/") else { break }
                dir = String(dir[..<slash])
                for candidate in [dir + "/datasets", dir + "/share/spets/datasets"] where FileIO.exists(candidate + "/regions-se.csv") {
                    return candidate
                }
            }
        }
        return FileIO.exists("datasets/regions-se.csv") ? "datasets" : nil
    }

    /// The bundled registries, read on first use (start-up does not pay for them).
    public static func registry() -> (Registry, warning: String?) {
        guard let dir = datasetsDirectory() else {
            return (Registry(), "warning: bundled registries not found (set SPETS_DATASETS to spets' datasets/ folder); region names will not resolve\n")
        }
        var registry: Registry? = nil
        let r = Registry(lazy: {
            do throws(Diagnostic) {
                try registry!.addRegions(csv: try FileIO.read(dir + "/regions-se.csv"), file: dir + "/regions-se.csv")
                try registry!.addIndustries(csv: try FileIO.read(dir + "/industries-nace.csv"), file: dir + "/industries-nace.csv")
            } catch {
                StandardOutput.write(2, "warning: registries in \(dir) could not be read: \(error.message)\n")
            }
        })
        registry = r
        return (r, nil)
    }

    public static func session(workspace: String?) throws(Diagnostic) -> Session {
        let (reg, warning) = registry()
        if let warning { StandardOutput.write(2, warning) }
        let s = try Session(registry: reg, workspacePath: workspace, presetDirectory: datasetsDirectory().map { $0 + "/areas" })
        return s
    }
}
