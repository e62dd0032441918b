// Startup.swift — finding the bundled registries and opening the session.
import Glibc
import SpetsCore
import CTerminal
import SpetsLang

public enum Startup {
    /// The bundled `datasets/` folder: $SPETS_DATASETS, else beside the executable's package
    /// (walking up from the binary: .build/<config>/spets), else ./datasets.
    public static func datasetsDirectory() -> String? { foundDatasets }

    /// Looked for once (start-up asks twice: registries and area presets).
    private static let foundDatasets: String? = {
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
    }()

    /// The bundled registries, read on first use (start-up does not pay for them).
    public static func registry() -> Registry {
        var registry: Registry? = nil
        let r = Registry(lazy: {
            // Found on first use too: a session that never names a region does not look.
            guard let dir = datasetsDirectory() else {
                StandardOutput.write(2, DiagnosticRenderer.render(Diagnostic(.bundledRegistriesFoundSetSpets, severity: .warning)))
                return
            }
            do throws(Diagnostic) {
                try registry!.addRegions(csv: try FileIO.read(dir + "/regions-se.csv"), file: dir + "/regions-se.csv")
                try registry!.addIndustries(csv: try FileIO.read(dir + "/industries-nace.csv"), file: dir + "/industries-nace.csv")
            } catch {
                StandardOutput.write(2, DiagnosticRenderer.render(Diagnostic(.registriesCouldRead, dir, error, severity: .warning)))
            }
        })
        registry = r
        return r
    }

    public static func session(workspace: String?) throws(Diagnostic) -> Session {
        let s = try Session(registry: registry(), workspacePath: workspace, presetDirectory: datasetsDirectory().map { $0 + "/areas" })
        s.settings.ascii = !localeIsUTF8()
        if let c = FileIO.environment("COLUMNS").flatMap({ Int($0) }), c > 0 { s.settings.width = c }
        // Tables fit the terminal only when they are drawn on one (`set width auto`); piped
        // and redirected output is the same at any width.
        if isatty(STDOUT_FILENO) != 0, case let c = Int(spets_terminal_columns(STDOUT_FILENO)), c > 0 { s.settings.terminalColumns = c }
        if let l = FileIO.environment("SPETS_LANG").flatMap({ Language(rawValue: $0.lowercased()) }) { s.settings.setLanguage(l) }
        return s
    }

    /// Whether the terminal takes UTF-8 (block characters in `chart`): the first of LC_ALL,
    /// LC_CTYPE and LANG that is set says; none set (or C/POSIX) means ASCII.
    public static func localeIsUTF8() -> Bool {
        for v in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let s = FileIO.environment(v), !s.isEmpty {
                // Bytes, not `String.contains`: that one goes through _StringProcessing and
                // instantiates its generic types at run time (8 % of start-up).
                let l = s.utf8.map { $0 | 0x20 }
                let dash = Array("utf-8".utf8), plain = Array("utf8".utf8)
                return (0..<l.count).contains { i in l[i...].starts(with: dash) || l[i...].starts(with: plain) }
            }
        }
        return false
    }
}
