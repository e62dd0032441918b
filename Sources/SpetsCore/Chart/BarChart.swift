// BarChart.swift — horizontal bars (labels read left to right, however long), one per row:
// plain bars for one value, stacked components with the total marked for decompositions.
// Many rows thin the labels (every k-th) instead of letting them overlap.

enum BarChart {
    struct Rows {
        var labels: [String]
        var band: Double
        var every: Int
        var labelWidth: Double
        var notes: [String] = []
    }

    /// Row height, which labels to draw and how wide the label column is.
    static func layout(_ labels: [String], _ lang: Language) -> Rows {
        let n = labels.count
        let band = n <= 30 ? 24.0 : max(3.0, min(24.0, 900.0 / Double(n)))
        let every = Int((13.0 / band).rounded(.up))
        let widest = labels.map { TextMetrics.width($0, size: 11.5) }.max() ?? 0
        let labelWidth = min(max(widest, 40), 260)
        var rows = Rows(labels: labels.map { TextMetrics.fit($0, size: 11.5, maxWidth: labelWidth) }, band: band, every: max(every, 1), labelWidth: labelWidth)
        if rows.every > 1 { rows.notes.append(ChartWords.w("labels_every", lang, String(rows.every), String(n))) }
        if widest > labelWidth { rows.notes.append(ChartWords.w("rows_cut", lang)) }
        return rows
    }

    static func isTotal(_ label: String) -> Bool { label == "TOTAL" || label.hasSuffix(" · TOTAL") || label.hasPrefix("TOTAL") }

    static func bars(_ t: Table, _ o: ChartOptions) throws(Diagnostic) -> String {
        let vc = try ChartData.valueColumn(t, o, kind: "bars")
        let values = ChartData.numbers(t, vc)
        let labelCols = ChartData.labelColumns(t)
        let labels = (0..<t.rowCount).map { ChartData.label(t, labelCols, $0) }
        let rows = layout(labels, o.language)
        let col = t.columns[vc]
        let title = ChartData.title(t, o, fallback: ChartData.about(t, value: vc, keys: labelCols, o.language))
        var c = ChartCanvas(title: title, subtitle: nil, footer: t.footer, options: o,
                            plotWidth: 620, plotHeight: Double(labels.count) * rows.band, left: rows.labelWidth + 18)
        var s = Scale(values: values, include: [0], range: (c.plot.x0, c.plot.x1), pad: 0.16)
        if !values.contains(where: { $0 < 0 }) { s.lo = 0 }   // bars start at the axis
        // Shares and growth rates read as percentages.
        let percent = col.numberRole == .share
        if percent { s.hundred = .percent }
        c.xAxis(s, title: ChartData.axisTitle(col, o.language))
        let decimals = percent ? 1 : CellText.decimals(col, RenderSettings())
        for (r, v) in values.enumerated() {
            let y = c.plot.y0 + Double(r) * rows.band
            drawLabel(&c, rows, r, y)
            guard v.isFinite else { continue }
            let x0 = s(0), x1 = s(v)
            let fill = isTotal(labels[r]) ? Palette.ink : v < 0 ? Palette.category(3) : Palette.category(0)
            c.svg.rect(min(x0, x1), y + rows.band * 0.15, abs(x1 - x0), rows.band * 0.7, SVG.Style(fill: fill),
                       title: "\(labels[r]): \(NumberFormatting.fixed(v, decimals: decimals))")
            if rows.band >= 13 {
                let text = NumberFormatting.fixed(percent ? v * 100 : v, decimals: decimals, group: o.locale.group, decimalMark: o.locale.decimalMark) + (percent ? o.locale.percentSign : "")
                c.svg.text(v < 0 ? x1 - 4 : x1 + 4, y + rows.band / 2 + 4, text, size: 10.5, anchor: v < 0 ? .end : .start, fill: Palette.muted)
            }
        }
        zeroLine(&c, s)
        // An LQ reads against 1: marked over the bars, so a bar cannot hide it.
        if Text.snakeCase(col.name).hasPrefix("lq") && s.lo < 1 && s.hi > 1 {
            c.svg.line(s(1), c.plot.y0, s(1), c.plot.y1, stroke: Palette.reference, width: 1.2, dash: "6 4")
        }
        c.frame()
        c.note(rows.notes)
        return c.document(title: title)
    }

    static func stacked(_ t: Table, _ o: ChartOptions) throws(Diagnostic) -> String {
        guard let parts = t.parts else {
            throw Diagnostic(.stackedChartNeedsDecompositionShiftshare,
                             help: "for one value per row use `as bars`")
        }
        var comps: [Int] = []
        for n in parts.components { if let i = t.columnIndex(n) { comps.append(i) } }
        guard !comps.isEmpty else {
            throw Diagnostic(.componentsWereSelected, parts.components.joined(separator: ", "), help: "keep them in `| select …`")
        }
        let totalCol = parts.total.flatMap { t.columnIndex($0) }
        let labelCols = ChartData.labelColumns(t)
        let labels = (0..<t.rowCount).map { ChartData.label(t, labelCols, $0) }
        let rows = layout(labels, o.language)
        let data = comps.map { ChartData.numbers(t, $0) }
        var totals: [Double] = []
        var extent: [Double] = [0]
        for r in 0..<t.rowCount {
            var pos = 0.0, neg = 0.0, sum = 0.0
            for d in data where d[r].isFinite { if d[r] >= 0 { pos += d[r] } else { neg += d[r] }; sum += d[r] }
            let total = totalCol.map { ChartData.numbers(t, $0)[r] } ?? sum
            totals.append(total)
            extent += [pos, neg, total]
        }
        let unitCol = t.columns[comps[0]]
        let title = ChartData.title(t, o, fallback: ChartWords.w("decomposition", o.language))
        let totalName = parts.total.map { ChartData.words(t.columnIndex($0).map { t.columns[$0].name } ?? $0, o.language) } ?? ChartWords.w("total", o.language)
        var c = ChartCanvas(title: title, subtitle: nil, footer: t.footer, options: o,
                            plotWidth: 620, plotHeight: Double(labels.count) * rows.band, left: rows.labelWidth + 18,
                            legend: comps.enumerated().map { LegendItem(label: ChartData.words(t.columns[$1].name, o.language), colour: Palette.category($0)) }
                                + [LegendItem(label: totalName, colour: Palette.ink, mark: .diamond)])
        let s = Scale(values: extent, include: [0], range: (c.plot.x0, c.plot.x1), pad: 0.16)
        c.xAxis(s, title: unitCol.unit.map { "\(ChartWords.w("value", o.language)) (\(Catalogue.unit($0, o.language)))" } ?? ChartWords.w("value", o.language))
        let decimals = CellText.decimals(unitCol, RenderSettings())
        let totalDecimals = totalCol.map { CellText.decimals(t.columns[$0], RenderSettings()) } ?? decimals
        for r in 0..<t.rowCount {
            let y = c.plot.y0 + Double(r) * rows.band
            drawLabel(&c, rows, r, y)
            var pos = 0.0, neg = 0.0
            for (k, d) in data.enumerated() where d[r].isFinite && d[r] != 0 {
                let from = d[r] >= 0 ? pos : neg
                let to = from + d[r]
                if d[r] >= 0 { pos = to } else { neg = to }
                c.svg.rect(min(s(from), s(to)), y + rows.band * 0.15, abs(s(to) - s(from)), rows.band * 0.7, SVG.Style(fill: Palette.category(k)),
                           title: "\(labels[r]) · \(t.columns[comps[k]].name): \(NumberFormatting.fixed(d[r], decimals: decimals))")
            }
            guard totals[r].isFinite else { continue }
            let tx = s(totals[r]), cy = y + rows.band / 2, h = min(6, rows.band * 0.4)
            c.svg.path([(tx, cy - h), (tx + h, cy), (tx, cy + h), (tx - h, cy)], SVG.Style(fill: Palette.ink, stroke: "#ffffff", strokeWidth: 1), close: true)
            if rows.band >= 13 {
                let right = max(s(pos), tx) + 8
                c.svg.text(right, cy + 4, NumberFormatting.fixed(totals[r], decimals: totalDecimals, group: o.locale.group, decimalMark: o.locale.decimalMark),
                           size: 10.5, fill: Palette.muted)
            }
        }
        zeroLine(&c, s)
        c.frame()
        c.note(rows.notes)
        return c.document(title: title)
    }

    static func drawLabel(_ c: inout ChartCanvas, _ rows: Rows, _ r: Int, _ y: Double) {
        guard r % rows.every == 0 else { return }
        let l = rows.labels[r]
        c.svg.text(c.plot.x0 - 8, y + rows.band / 2 + 4, l, size: 11.5, anchor: .end, bold: isTotal(l))
    }

    static func zeroLine(_ c: inout ChartCanvas, _ s: Scale) {
        let z = s(0)
        if z >= c.plot.x0 && z <= c.plot.x1 { c.svg.line(z, c.plot.y0, z, c.plot.y1, stroke: Palette.ink, width: 1) }
    }
}
