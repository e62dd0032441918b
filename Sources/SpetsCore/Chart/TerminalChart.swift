// TerminalChart.swift — `chart EXPR`: a chart made of characters for the REPL. Bars with
// eighth-block precision for one value per row; sparklines for values over years. Width
// follows the terminal; ASCII when the terminal cannot show block characters.

public enum TerminalChart {
    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]
    static let sparks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let asciiSparks: [Character] = ["_", ".", ",", "-", "~", "=", "*", "#"]

    /// Sparklines when the table spans several years, else one bar per row (the value is the
    /// last numeric column; `| select` picks another).
    public static func render(_ t: Table, _ s: RenderSettings) throws(Diagnostic) -> String {
        guard t.rowCount > 0 else { throw Diagnostic(.thereNoRowsChart) }
        let o = ChartOptions()
        if let yc = t.columnIndex("year"), t.columns[yc].isNumeric, Set(ChartData.numbers(t, yc)).count > 1 {
            return try sparklines(t, o, s)
        }
        return try bars(t, o, s)
    }

    static func bars(_ t: Table, _ o: ChartOptions, _ s: RenderSettings) throws(Diagnostic) -> String {
        let vc = try ChartData.valueColumn(t, o, kind: "bars")
        let values = ChartData.numbers(t, vc)
        let labelCols = ChartData.labelColumns(t)
        let width = max(s.width, 40)
        let labels = (0..<t.rowCount).map { ChartData.label(t, labelCols, $0) }
        let labelWidth = min(labels.map(Text.width).max() ?? 0, max(12, width * 3 / 10))
        let decimals = CellText.decimals(t.columns[vc], s)
        let texts = values.map { $0.isFinite ? NumberFormatting.fixed($0, decimals: decimals, group: s.locale.group, decimalMark: s.locale.decimalMark) : "–" }
        let textWidth = texts.map(Text.width).max() ?? 1
        let barWidth = max(8, width - labelWidth - textWidth - 4)
        let finite = values.filter(\.isFinite)
        let lo = min(0, finite.min() ?? 0), hi = max(0, finite.max() ?? 0)
        let span = hi - lo > 0 ? hi - lo : 1
        // Columns left of the zero axis for negative values.
        let negCols = lo < 0 ? Int((Double(barWidth) * -lo / span).rounded()) : 0
        let posCols = barWidth - negCols - (lo < 0 ? 1 : 0)
        var out = ""
        for r in 0..<t.rowCount {
            let label = fit(labels[r], labelWidth, ascii: s.ascii).padded(to: labelWidth, right: false)
            var bar = ""
            let v = values[r]
            if lo < 0 {
                let n = v.isFinite && v < 0 ? Int((Double(negCols) * -v / -lo).rounded()) : 0
                bar += String(repeating: " ", count: negCols - n) + String(repeating: s.ascii ? "=" : "█", count: n) + (s.ascii ? "|" : "│")
            }
            if v.isFinite && v > 0 { bar += blocks(v / hi * Double(posCols), ascii: s.ascii) }
            out += label + " " + bar.padded(to: barWidth, right: false) + " " + texts[r].padded(to: textWidth, right: true) + "\n"
        }
        let col = t.columns[vc]
        out += ChartData.axisTitle(col, s.language) + (lo < 0 ? ", " + ChartWords.w("bars_from_0", s.language) : "") + "\n"
        return out
    }

    /// A bar of `cells` character cells, the last one partial.
    static func blocks(_ cells: Double, ascii: Bool) -> String {
        let full = Int(cells)
        if ascii { return String(repeating: "#", count: Int(cells.rounded())) }
        var s = String(repeating: "█", count: full)
        let rest = Int(((cells - Double(full)) * 8).rounded())
        if rest > 0 { s.append(eighths[rest - 1]) }
        return s
    }

    static func sparklines(_ t: Table, _ o: ChartOptions, _ s: RenderSettings) throws(Diagnostic) -> String {
        let (yc, vc, seriesCols) = try ChartData.overYears(t, o, kind: "line")
        let years = ChartData.numbers(t, yc), values = ChartData.numbers(t, vc)
        var names: [String] = [], points: [[(Double, Double)]] = []
        for r in 0..<t.rowCount where years[r].isFinite {
            let n = seriesCols.isEmpty ? t.columns[vc].name : ChartData.label(t, seriesCols, r)
            if !names.contains(n) { names.append(n); points.append([]) }
            points[names.firstIndex(of: n)!].append((years[r], values[r]))
        }
        let decimals = CellText.decimals(t.columns[vc], s)
        func f(_ v: Double) -> String { v.isFinite ? NumberFormatting.fixed(v, decimals: decimals, group: s.locale.group, decimalMark: s.locale.decimalMark) : "–" }
        let labelWidth = min(names.map(Text.width).max() ?? 0, max(12, s.width * 3 / 10))
        let ramp = s.ascii ? asciiSparks : sparks
        var out = ""
        for (k, n) in names.enumerated() {
            let p = points[k].sorted { $0.0 < $1.0 }
            let finite = p.map(\.1).filter(\.isFinite)
            let lo = finite.min() ?? 0, hi = finite.max() ?? 0
            let maxCells = max(8, s.width - labelWidth - 40)
            // One character per year, or years pooled when there are more years than room.
            let step = max(1, (p.count + maxCells - 1) / maxCells)
            var line = ""
            for i in stride(from: 0, to: p.count, by: step) {
                let chunk = p[i..<min(i + step, p.count)].map(\.1).filter(\.isFinite)
                guard !chunk.isEmpty else { line += " "; continue }
                let v = chunk.reduce(0, +) / Double(chunk.count)
                let level = hi > lo ? Int(((v - lo) / (hi - lo) * 7).rounded()) : 3
                line.append(ramp[max(0, min(7, level))])
            }
            let first = p.first!, last = p.last!
            out += fit(n, labelWidth, ascii: s.ascii).padded(to: labelWidth, right: false) + " " + line + "  "
                + "\(NumberFormatting.exact(first.0)) \(f(first.1)) → \(NumberFormatting.exact(last.0)) \(f(last.1))"
                + (finite.count > 2 ? "  (min \(f(lo)), max \(f(hi)))" : "") + "\n"
        }
        return out + ChartData.axisTitle(t.columns[vc], s.language) + " " + ChartWords.w("by_year", s.language) + "\n"
    }

    static func fit(_ s: String, _ w: Int, ascii: Bool) -> String {
        if Text.width(s) <= w { return s }
        let mark = ascii ? "..." : "…"
        var out = ""
        for ch in s { if Text.width(out) + 1 + Text.width(mark) > w { break }; out.append(ch) }
        return out + mark
    }
}
