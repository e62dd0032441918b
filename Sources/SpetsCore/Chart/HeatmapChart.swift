// HeatmapChart.swift — one value by two keys (LQ by region × industry). LQs are coloured on
// a log scale diverging around 1 (an LQ of 2 and one of ½ are equally far from 1); other
// values diverge around 0 when they have both signs, else run from light to dark.

import Glibc

enum HeatmapChart {
    enum Mapping { case logAroundOne(Double), aroundZero(Double), sequential(Double, Double) }

    static func draw(_ t: Table, _ o: ChartOptions) throws(Diagnostic) -> String {
        let vc = try ChartData.valueColumn(t, o, kind: "heatmap")
        let keys = ChartData.labelColumns(t)
        guard keys.count >= 2 else {
            throw Diagnostic(.heatmapNeedsTwoKeys, keys.map { t.columns[$0].name }.joined(separator: ", "),
                             help: "e.g. `plot lq se.employment in 2023 as heatmap` (every region × every industry)")
        }
        let rk = keys[0], ck = keys[1]
        var rowNames: [String] = [], colNames: [String] = []
        var rowIndex: [String: Int] = [:], colIndex: [String: Int] = [:]
        var cells: [Int: Double] = [:]
        let values = ChartData.numbers(t, vc)
        for r in 0..<t.rowCount {
            let a = ChartData.label(t, [rk], r), b = ChartData.label(t, [ck], r)
            if rowIndex[a] == nil { rowIndex[a] = rowNames.count; rowNames.append(a) }
            if colIndex[b] == nil { colIndex[b] = colNames.count; colNames.append(b) }
            cells[rowIndex[a]! * 1_000_000 + colIndex[b]!] = values[r]
        }
        let finite = values.filter(\.isFinite)
        let name = Text.snakeCase(t.columns[vc].name)
        let mapping: Mapping
        if name.contains("lq") && finite.contains(where: { $0 > 0 }) && finite.allSatisfy({ $0 >= 0 }) {
            // An LQ of 0 (none of the industry) takes the far end of the scale.
            let m = finite.filter { $0 > 0 }.map { abs(log($0)) }.max() ?? log(2)
            mapping = .logAroundOne(min(max(m, log(2)), log(10)))
        } else if (finite.min() ?? 0) < 0 && (finite.max() ?? 0) > 0 {
            mapping = .aroundZero(finite.map { abs($0) }.max()!)
        } else {
            mapping = .sequential(finite.min() ?? 0, finite.max() ?? 1)
        }
        func colour(_ v: Double) -> String {
            switch mapping {
            case .logAroundOne(let cap): return Palette.diverging(log(v) / cap)
            case .aroundZero(let cap): return Palette.diverging(v / cap)
            case .sequential(let lo, let hi): return Palette.sequential(hi > lo ? (v - lo) / (hi - lo) : 0.5)
            }
        }
        let nR = rowNames.count, nC = colNames.count
        let cw = max(8, min(36, 820 / Double(nC))), ch = max(8, min(28, 620 / Double(nR)))
        let rowEvery = Int((12 / ch).rounded(.up)), colEvery = Int((12 / cw).rounded(.up))
        let rowLabels = rowNames.map { TextMetrics.fit($0, size: 11, maxWidth: 220) }
        let colLabels = colNames.map { TextMetrics.fit($0, size: 10.5, maxWidth: 170) }
        // The first column's slanted label reaches left of the plot: keep it on the page.
        let left = max(min(220, rowLabels.map { TextMetrics.width($0, size: 11) }.max() ?? 40) + 16,
                       TextMetrics.width(colLabels[0], size: 10.5) * 0.58 + 8)
        let colRoom = min(170, colLabels.map { TextMetrics.width($0, size: 10.5) }.max() ?? 20) * 0.82 + 14
        let title = ChartData.title(t, o, fallback: ChartData.about(t, value: vc, keys: [rk, ck], o.language))
        var c = ChartCanvas(title: title, subtitle: nil, footer: t.footer, options: o,
                            plotWidth: Double(nC) * cw, plotHeight: Double(nR) * ch, left: left, right: 40,
                            bottom: colRoom + 20, topExtra: 34)
        let decimals = CellText.decimals(t.columns[vc], RenderSettings())
        let showValues = cw >= 34 && ch >= 16
        for i in 0..<nR {
            let y = c.plot.y0 + Double(i) * ch
            if i % rowEvery == 0 { c.svg.text(c.plot.x0 - 6, y + ch / 2 + 4, rowLabels[i], size: 11, anchor: .end) }
            for j in 0..<nC {
                let x = c.plot.x0 + Double(j) * cw
                let v = cells[i * 1_000_000 + j] ?? .nan
                let fill = v.isFinite ? colour(v) : "#eeeeee"
                c.svg.rect(x, y, cw, ch, SVG.Style(fill: fill, stroke: "#ffffff", strokeWidth: 0.5),
                           title: "\(rowNames[i]) × \(colNames[j]): " + (v.isFinite ? NumberFormatting.fixed(v, decimals: max(decimals, 2)) : "–"))
                if showValues && v.isFinite {
                    c.svg.text(x + cw / 2, y + ch / 2 + 4, NumberFormatting.fixed(v, decimals: 1, group: "", decimalMark: o.locale.decimalMark),
                               size: 9.5, anchor: .middle, fill: Palette.textOn(fill))
                }
            }
        }
        for j in 0..<nC where j % colEvery == 0 {
            let x = c.plot.x0 + Double(j) * cw + cw / 2 + 3.5
            c.svg.text(x, c.plot.y1 + 8, colLabels[j], size: 10.5, anchor: .end, rotate: -55)
        }
        c.frame()
        legendBar(&c, mapping, o)
        var notes: [String] = []
        if rowEvery > 1 { notes.append(ChartWords.w("labels_every", o.language, String(rowEvery), String(nR))) }
        if colEvery > 1 { notes.append(ChartWords.w("labels_every", o.language, String(colEvery), String(nC))) }
        c.note(notes)
        return c.document(title: title)
    }

    /// A colour bar with ticks above the plot.
    static func legendBar(_ c: inout ChartCanvas, _ m: Mapping, _ o: ChartOptions) {
        let x0 = c.plot.x0, w = 240.0, y = c.plot.y0 - 34, steps = 48
        var ticks: [(Double, String)] = []
        func label(_ v: Double) -> String {
            NumberFormatting.fixed(v, decimals: v == v.rounded() ? 0 : v * 10 == (v * 10).rounded() ? 1 : 2, group: o.locale.group, decimalMark: o.locale.decimalMark)
        }
        for k in 0..<steps {
            let f = Double(k) / Double(steps - 1)
            let fill: String
            switch m {
            case .logAroundOne, .aroundZero: fill = Palette.diverging(f * 2 - 1)
            case .sequential: fill = Palette.sequential(f)
            }
            c.svg.rect(x0 + w * Double(k) / Double(steps), y, w / Double(steps) + 0.3, 10, SVG.Style(fill: fill))
        }
        switch m {
        case .logAroundOne(let cap):
            for v in [0.1, 0.25, 0.5, 1, 2, 4, 10] where abs(log(v)) <= cap + 1e-9 { ticks.append(((log(v) / cap + 1) / 2, label(v))) }
        case .aroundZero(let cap):
            for f in [-1.0, -0.5, 0, 0.5, 1] { ticks.append(((f + 1) / 2, label(f * cap))) }
        case .sequential(let lo, let hi):
            for f in [0.0, 0.5, 1] { ticks.append((f, label(lo + (hi - lo) * f))) }
        }
        for (f, l) in ticks {
            c.svg.line(x0 + w * f, y + 10, x0 + w * f, y + 14, stroke: Palette.muted)
            c.svg.text(x0 + w * f, y + 25, l, size: 10, anchor: .middle, fill: Palette.muted)
        }
        let caption: String
        if case .logAroundOne = m { caption = ChartWords.w("lq_scale", o.language) } else { caption = ChartWords.w("scale", o.language) }
        c.svg.text(x0 + w + 12, y + 9, caption, size: 11)
    }
}
