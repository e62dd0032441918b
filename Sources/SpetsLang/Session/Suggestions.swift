// Suggestions.swift — what the session adds to an error before it is shown: the fixes only
// it can know (the parser and the loaders do not see the loaded datasets or the bundled
// folder). A measure written without its dataset names the datasets that have it; a file
// not found names the files with near names beside it and in the bundled datasets/.
import SpetsCore

extension Session {
    func suggest(_ d: Diagnostic) -> Diagnostic {
        guard let m = d.content, d.candidates.isEmpty else { return d }
        var out = d
        switch m.id {
        case .expectedMeasureAfterDatasetMeasure:
            // `lq employment in 2023`: `employment` is a measure, not a dataset.
            guard case .text(let word)? = m.parts.first else { return d }
            let having = datasetOrder.filter { datasets[$0]?.measureIndex(word) != nil }
            guard !having.isEmpty else { return d }
            out.candidates = having.map { "\($0).\(word)" }
            out.help = Message(.measureIsInDataset, [word, having.joined(separator: ", ")]).text(settings.language)
        case .cannotOpen:
            guard case .text(let path)? = m.parts.first else { return d }
            let near = nearbyFiles(path)
            guard !near.isEmpty else { return d }
            out.candidates = near
        default:
            return d
        }
        return out
    }

    /// Files with the same or a near name: beside the path, and in the bundled datasets
    /// folder (shown as `datasets/…` when that is where the shell runs).
    func nearbyFiles(_ path: String) -> [String] {
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var found: [String] = []
        func look(_ folder: String, shown prefix: String) {
            let names = FileIO.list(folder).filter { !$0.isDir }.map(\.name)
            let hits = names.contains(name) ? [name] : Text.suggestions(for: name, among: names)
            found += hits.map { prefix + $0 }
        }
        look(dir.isEmpty ? "/" : dir, shown: slash.map { _ in dir + "/" } ?? "")
        if let bundled = datasetsDirectory {
            // `datasets/…` when the shell runs beside the bundled folder, else its full path.
            let shown = Self.realPath("datasets").map { $0 == Self.realPath(bundled) } == true ? "datasets/" : bundled + "/"
            look(bundled, shown: shown)
        }
        var seen = Set<String>()
        return found.filter { $0 != path && seen.insert($0).inserted }
    }
}
