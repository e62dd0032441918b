// NotebookCheck.swift — `spets check NB.md`: every block's output now against the output
// stored in the notebook; a readable line diff for each block that changed.
import SpetsCore

public enum NotebookCheck {
    public struct Report {
        public var checked: Int
        public var differences: [String]
        public var ok: Bool { differences.isEmpty }
    }

    /// `readFigure` returns a stored chart by its path in the page (nil: missing).
    public static func compare(_ nb: Notebook, _ results: [BlockResult], file: String, pageName: String,
                               readFigure: (String) -> String?) -> Report {
        var diffs: [String] = []
        var checked = 0, k = 0, figureCount = 0
        for cell in nb.cells {
            guard case .code(let c) = cell else { continue }
            let r = results[k]; k += 1
            guard !c.options.contains(.nooutput) else { continue }
            // The chart folder the stored output names (`tutorial.files/…`): a notebook copied
            // or renamed with its folder checks against it, not against its new name's.
            let folder = c.stored.flatMap(Self.figureFolder(in:)) ?? NotebookMarkdown.figureFolder(forPage: pageName)
            let (now, figures) = NotebookMarkdown.output(r, figureStart: figureCount, folder: folder)
            figureCount += figures.count
            checked += 1
            guard let stored = c.stored else {
                diffs.append("\(file):\(c.line): this block has no stored output (run `spets render \(file) -o \(file)` first)")
                continue
            }
            if stored != now {
                diffs.append("\(file):\(c.line): the output of this block changed\n" + lineDiff(stored, now))
            }
            for (path, svg) in figures {
                guard let old = readFigure(path) else { diffs.append("\(file):\(c.line): chart \(path) is missing"); continue }
                if old != svg { diffs.append("\(file):\(c.line): chart \(path) changed\n" + lineDiff(old, svg)) }
            }
        }
        return Report(checked: checked, differences: diffs)
    }

    /// The folder of the first chart a stored output links to (`![…](NAME.files/figure-3.svg)`).
    static func figureFolder(in stored: String) -> String? {
        guard let r = stored.range(of: ".files/figure-") else { return nil }
        var start = r.lowerBound
        while start > stored.startIndex, !"(\" \n".contains(stored[stored.index(before: start)]) { start = stored.index(before: start) }
        let name = String(stored[start..<r.lowerBound])
        return name.isEmpty || name.contains("/") ? nil : name + ".files"
    }

    /// The changed lines with two lines of context: `-` stored, `+` now. Uses the standard
    /// library's CollectionDifference (an LCS diff) rather than a hand-written one.
    static func lineDiff(_ old: String, _ new: String) -> String {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let d = b.difference(from: a)
        var removed = Set<Int>(), inserted = Set<Int>()
        for ch in d {
            switch ch {
            case .remove(let o, _, _): removed.insert(o)
            case .insert(let o, _, _): inserted.insert(o)
            }
        }
        var lines: [(Character, String, Bool)] = []   // mark, text, changed
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count && removed.contains(i) { lines.append(("-", a[i], true)); i += 1 }
            else if j < b.count && inserted.contains(j) { lines.append(("+", b[j], true)); j += 1 }
            else { lines.append((" ", i < a.count ? a[i] : b[j], false)); i += 1; j += 1 }
        }
        var out: [String] = []
        var lastShown = -1
        for (n, l) in lines.enumerated() {
            let near = lines[max(0, n - 2)...min(lines.count - 1, n + 2)].contains { $0.2 }
            guard near else { continue }
            if lastShown >= 0 && n > lastShown + 1 { out.append("  …") }
            out.append("  \(l.0) \(l.1)")
            lastShown = n
        }
        if out.count > 60 { out = Array(out.prefix(60)) + ["  … (\(out.count - 60) more lines)"] }
        return out.joined(separator: "\n")
    }
}
