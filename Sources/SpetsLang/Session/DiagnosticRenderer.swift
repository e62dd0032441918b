// DiagnosticRenderer.swift — the one place that turns a Diagnostic into text: location,
// message, the source line with a caret under the span, candidates and help.
import SpetsCore

public enum DiagnosticRenderer {
    /// `file` is the script's name when the source came from a file (gives file:line:col).
    /// Limits on what one message shows (a 2 MB line or a header of 100,000 brackets must not
    /// flood the terminal): message and help lines are cut at this many characters, and the
    /// statement is shown as a window this wide around the caret.
    static let maxLine = 400
    static let window = 160

    /// Cut to `maxLine`, with control characters from files and servers escaped.
    static func cut(_ s: String) -> String {
        let p = Text.printable(s, keepLines: true)
        return p.count <= maxLine ? p : String(p.prefix(maxLine)) + "… (\(p.count - maxLine) more characters)"
    }

    /// A diagnostic with no statement to point into (start-up, a file argument, the host).
    public static func render(_ d: Diagnostic, language: Language = .en) -> String {
        render(d, source: "", file: nil, language: language)
    }

    public static func render(_ d: Diagnostic, source: String, file: String?, language: Language = .en) -> String {
        let sv = language == .sv
        var out = ""
        let bytes = Array(source.utf8)
        var lineText: String? = nil
        var caret = ""
        var where_ = ""
        if let span = d.span, span.lowerBound <= bytes.count {
            let lo = span.lowerBound
            var ls = lo
            while ls > 0 && bytes[ls - 1] != 10 { ls -= 1 }
            var le = lo
            while le < bytes.count && bytes[le] != 10 { le += 1 }
            let lineNo = bytes[0..<ls].reduce(1) { $0 + ($1 == 10 ? 1 : 0) }
            let col = String(decoding: bytes[ls..<lo], as: UTF8.self).count + 1
            var text = String(decoding: bytes[ls..<le], as: UTF8.self)
            if text.hasSuffix("\r") { text.removeLast() }
            let hi = min(max(span.upperBound, lo + 1), le)
            var width = max(1, String(decoding: bytes[lo..<max(lo, hi)], as: UTF8.self).count)
            var prefix = String(decoding: bytes[ls..<lo], as: UTF8.self)
            // A long line: a window around the caret, cut ends marked with `…`.
            if text.count > window {
                let before = min(prefix.count, window / 2)
                let dropped = prefix.count - before
                width = min(width, window)
                let shown = text.dropFirst(dropped).prefix(before + max(width, window / 2))
                text = (dropped > 0 ? "…" : "") + shown + (dropped + shown.count < text.count ? "…" : "")
                prefix = (dropped > 0 ? "…" : "") + String(prefix.suffix(before))
            }
            lineText = Text.printable(text, keepLines: true)
            let pad = String(prefix.map { $0 == "\t" ? "\t" : " " })
            caret = pad + String(repeating: "^", count: width)
            if let file { where_ = "\(file):\(lineNo):\(col): " }
        } else if let file {
            where_ = "\(file): "
        }
        var msg = cut(d.text(language))
        if let l = d.location {
            msg = "\(l.file):\(l.line)\(l.column.map { ":\($0)" } ?? ""): " + msg
        }
        let word = d.severity == .error ? (sv ? "fel" : "error") : (sv ? "varning" : "warning")
        out += "\(where_)\(word): \(msg)\n"
        if let lineText, !lineText.isEmpty {
            out += "  \(lineText)\n  \(caret)\n"
        }
        if !d.candidates.isEmpty {
            out += (sv ? "  menade du " : "  did you mean ") + d.candidates.map { "`\(Text.printable($0))`" }.joined(separator: sv ? " eller " : " or ") + "?\n"
        }
        if let h = d.help { out += (sv ? "  hjälp: " : "  help: ") + cut(Catalogue.text(h, language)) + "\n" }
        return out
    }
}
