// BoxFit.swift — how a box table fits a width (`set width`, the terminal's columns): first
// units move to a second header line, then the longest names are cut (codes stay whole),
// then columns are hidden from the middle outwards, as DuckDB's box renderer does. Numbers
// are never cut. The other formats never call this: they are not drawn for a terminal.

struct BoxFit {
    /// Indexes of the columns shown, in order; `gap` is where the `…` column stands.
    var shown: [Int]
    var gap: Int?
    /// Width of each column of the table (hidden ones included, unused).
    var widths: [Int]
    /// Header lines of each column: the name, and the unit on its own line when split.
    var headers: [[String]]
    var hidden: [Int] { (0..<widths.count).filter { !shown.contains($0) } }

    /// Total drawn width of `cols` (with a `…` column when `gap`): `│ x │ y │`.
    static func total(_ cols: [Int], _ w: [Int], gap: Bool) -> Int {
        cols.reduce(1) { $0 + w[$1] + 3 } + (gap ? 4 : 0)
    }

    /// `names`/`units` are the header parts, `cells` the natural cell text, `floors` how far
    /// each column's text may be cut (nil: never — numbers, and names a user types; a coded
    /// column keeps its code whole).
    init(names: [String], units: [String?], cells: [[String]], floors least: [Int?], limit: Int?) {
        let n = names.count
        shown = Array(0..<n); gap = nil; widths = []; headers = []
        func joined(_ c: Int) -> [String] { [units[c].map { names[c] + " (" + $0 + ")" } ?? names[c]] }
        headers = (0..<n).map(joined)
        let cellWidth = cells.map { $0.map(Text.width).max() ?? 0 }
        func headerWidth(_ c: Int) -> Int { headers[c].map(Text.width).max() ?? 0 }
        widths = (0..<n).map { max(headerWidth($0), cellWidth[$0]) }
        guard let limit, limit > 0, Self.total(shown, widths, gap: false) > limit else { return }
        // 1. Units under their names.
        for c in 0..<n where units[c] != nil {
            headers[c] = [names[c], "(" + units[c]! + ")"]
            widths[c] = max(headerWidth(c), cellWidth[c])
        }
        // 2. Cut the widest cuttable column by one, again and again, down to a floor.
        let floor = (0..<n).map { c in least[c].map { max(headerWidth(c), min(cellWidth[c], max(12, $0))) } ?? widths[c] }
        while Self.total(shown, widths, gap: false) > limit {
            guard let c = (0..<n).filter({ widths[$0] > floor[$0] }).max(by: { widths[$0] < widths[$1] }) else { break }
            widths[c] -= 1
        }
        // 3. Hide a block of columns in the middle, growing it outwards (the side with more
        // columns shown gives one up); the first and the last column stay.
        guard n >= 3 else { return }
        var lo = n / 2, hi = n / 2
        func visible() -> [Int] { Array(0..<lo) + Array(hi..<n) }
        while Self.total(visible(), widths, gap: hi > lo) > limit {
            if hi == lo { hi += 1 }
            else if lo > n - hi && lo > 1 { lo -= 1 }
            else if hi < n - 1 { hi += 1 }
            else if lo > 1 { lo -= 1 }
            else { break }
        }
        guard hi > lo else { return }
        shown = visible(); gap = lo
        // 4. Still too wide with two columns: their names (and headers) are cut further.
        while Self.total(shown, widths, gap: true) > limit,
              let c = shown.filter({ col in least[col].map { widths[col] > max(4, $0) } ?? false }).max(by: { widths[$0] < widths[$1] }) {
            widths[c] -= 1
        }
        // The room the hidden columns left goes back to the cut names shown.
        let natural = (0..<n).map { max(headerWidth($0), cellWidth[$0]) }
        while Self.total(shown, widths, gap: true) < limit,
              let c = shown.filter({ widths[$0] < natural[$0] }).min(by: { widths[$0] < widths[$1] }) {
            widths[c] += 1
        }
    }

    /// A footer line folded at spaces to `width`, the rest indented by two; never inside
    /// backticks (`set width 0` is typed as one piece).
    static func wrap(_ line: String, width: Int) -> [String] {
        guard Text.width(line) > width, width > 20 else { return [line] }
        var pieces: [String] = [], open = false
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            if open, !pieces.isEmpty { pieces[pieces.count - 1] += " " + word } else { pieces.append(String(word)) }
            if word.filter({ $0 == "`" }).count % 2 == 1 { open.toggle() }
        }
        var out: [String] = [], cur = ""
        for word in pieces {
            let cand = cur.isEmpty ? String(word) : cur + " " + word
            if Text.width(cand) > width && !cur.isEmpty { out.append(cur); cur = "  " + word } else { cur = cand }
        }
        if !cur.isEmpty { out.append(cur) }
        return out
    }

    /// `text` cut to `width` cells with `…` when longer.
    static func cut(_ text: String, to width: Int) -> String {
        guard Text.width(text) > width else { return text }
        var out = "", w = 0
        for ch in text {
            let cw = Text.width(String(ch))
            if w + cw > width - 1 { break }
            out.append(ch); w += cw
        }
        return out + "…"
    }
}
