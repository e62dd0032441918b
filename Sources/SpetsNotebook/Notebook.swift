// Notebook.swift — a spets notebook is Markdown with fenced ```spets blocks. Reading one
// splits it into prose and code cells; a rendered notebook also holds each block's output
// between `<!-- spets:output -->` markers, which `check` compares and `render` replaces.

public struct Notebook {
    public enum BlockOption: String, CaseIterable, Sendable {
        /// Run and show the output, not the code (HTML).
        case hide
        /// Run, show nothing.
        case nooutput
        /// The block is expected to fail; its error is the output.
        case error
    }

    public struct CodeCell {
        public var source: String
        public var options: Set<BlockOption>
        /// 1-based line of the opening fence in the notebook file.
        public var line: Int
        /// The fence lines as written (kept when the notebook is written back).
        public var fence: String
        public var closingFence: String
        /// The output stored by an earlier render (nil: none).
        public var stored: String?
    }

    public enum Cell {
        case prose(String)
        case code(CodeCell)
    }

    public var cells: [Cell]

    public static let outputStart = "<!-- spets:output -->"
    public static let outputEnd = "<!-- /spets:output -->"

    /// Reads a notebook; a malformed one (an unknown block option, an unclosed fence or
    /// output) fails with the line it is on.
    public static func parse(_ text: String, file: String) throws(NotebookError) -> Notebook {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { l in l.hasSuffix("\r") ? String(l.dropLast()) : String(l) }
        var cells: [Cell] = []
        var prose: [String] = []
        var i = 0
        func flushProse() {
            if !prose.isEmpty { cells.append(.prose(prose.joined(separator: "\n"))); prose = [] }
        }
        while i < lines.count {
            let line = lines[i]
            guard let (fenceChar, fenceLen, info) = openingFence(line) else {
                if line.trimmed() == outputStart {
                    throw NotebookError(file: file, line: i + 1, message: "an output block without a spets block before it")
                }
                prose.append(line); i += 1; continue
            }
            // Find the closing fence: the same character, at least as long, nothing after it.
            var j = i + 1
            while j < lines.count && !isClosingFence(lines[j], fenceChar, fenceLen) { j += 1 }
            let words = info.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard words.first.map({ $0.lowercased() == "spets" }) == true else {
                // Another language's block: prose, copied as it is.
                prose += lines[i..<min(j + 1, lines.count)]
                i = j + 1
                continue
            }
            guard j < lines.count else { throw NotebookError(file: file, line: i + 1, message: "this spets block is never closed (no closing \(String(repeating: fenceChar, count: fenceLen)))") }
            let options = try parseOptions(String(info.dropFirst(5)), file: file, line: i + 1)
            flushProse()
            var cell = CodeCell(source: lines[(i + 1)..<j].joined(separator: "\n"), options: options, line: i + 1,
                                fence: line, closingFence: lines[j], stored: nil)
            i = j + 1
            // A stored output: blank lines, the start marker, everything to the end marker.
            var k = i
            while k < lines.count && lines[k].trimmed().isEmpty { k += 1 }
            if k < lines.count && lines[k].trimmed() == outputStart {
                var e = k + 1
                while e < lines.count && lines[e].trimmed() != outputEnd { e += 1 }
                guard e < lines.count else { throw NotebookError(file: file, line: k + 1, message: "this output block has no \(outputEnd)") }
                cell.stored = lines[(k + 1)..<e].joined(separator: "\n")
                i = e + 1
            }
            cells.append(.code(cell))
        }
        flushProse()
        return Notebook(cells: cells)
    }

    static func openingFence(_ line: String) -> (Character, Int, String)? {
        var s = Substring(line)
        var indent = 0
        while s.first == " " && indent < 4 { s = s.dropFirst(); indent += 1 }
        guard indent < 4, let c = s.first, c == "`" || c == "~" else { return nil }
        let n = s.prefix { $0 == c }.count
        guard n >= 3 else { return nil }
        let info = String(s.dropFirst(n)).trimmed()
        if c == "`" && info.contains("`") { return nil }
        return (c, n, info)
    }

    static func isClosingFence(_ line: String, _ c: Character, _ n: Int) -> Bool {
        let t = line.trimmed()
        return t.count >= n && t.allSatisfy { $0 == c } && line.prefix { $0 == " " }.count < 4
    }

    /// `{hide}`, `{error}`, `{hide, nooutput}` (also without braces or with dots: `{.hide}`).
    static func parseOptions(_ text: String, file: String, line: Int) throws(NotebookError) -> Set<BlockOption> {
        var out: Set<BlockOption> = []
        let cleaned = text.filter { $0 != "{" && $0 != "}" }
        for w in cleaned.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }) {
            let word = w.hasPrefix(".") ? String(w.dropFirst()) : String(w)
            guard let o = BlockOption(rawValue: word.lowercased()) else {
                throw NotebookError(file: file, line: line, message: "unknown block option `\(word)`; options: " + BlockOption.allCases.map { "{\($0.rawValue)}" }.joined(separator: ", "))
            }
            out.insert(o)
        }
        return out
    }
}

public struct NotebookError: Error {
    public var file: String
    public var line: Int
    public var message: String
    public var description: String { "\(file):\(line): error: \(message)" }
}
