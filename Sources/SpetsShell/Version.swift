// Version.swift — `spets --version`: the version, and the commit it was built from. The
// commit is read, not compiled in: an install writes it to share/spets/COMMIT; a source
// checkout has it in .git (read as files, no git process).
import SpetsCore

public enum Version {
    public static let number = "0.1.0"

    public static func describe() -> String {
        "spets \(number)" + (commit().map { " (commit \($0))" } ?? "")
    }

    static func commit() -> String? {
        guard let data = Startup.datasetsDirectory() else { return nil }
        let base = data.hasSuffix("/datasets") ? String(data.dropLast("/datasets".count)) : data + "/.."
        if let c = try? FileIO.readText(base + "/COMMIT") { return c.trimmed() }
        guard let head = try? FileIO.readText(base + "/.git/HEAD") else { return nil }
        let h = head.trimmed()
        guard h.hasPrefix("ref: ") else { return String(h.prefix(12)) }
        let ref = String(h.dropFirst(5))
        if let hash = try? FileIO.readText(base + "/.git/" + ref) { return String(hash.trimmed().prefix(12)) }
        if let packed = try? FileIO.readText(base + "/.git/packed-refs") {
            for line in packed.split(separator: "\n") where line.hasSuffix(" " + ref) { return String(line.prefix(12)) }
        }
        return nil
    }
}
