// LorenzChart.swift — the localisation curve of one industry: regions by LQ ascending, the
// cumulative share of all employment against the cumulative share of the industry's. The
// gap to the diagonal is what the locational Gini measures.

enum LorenzChart {
    static func draw(_ t: Table, _ o: ChartOptions) throws(Diagnostic) -> String {
        let lang = o.language
        let xs = ChartData.numbers(t, try ChartData.require(t, "cum_total", for: "lorenz"))
        let ys = ChartData.numbers(t, try ChartData.require(t, "cum_industry", for: "lorenz"))
        let measure = t.columns.first { $0.kind == .value && $0.unit != nil }?.name ?? "employment"
        let title = ChartData.title(t, o, fallback: ChartWords.w("lorenz", lang))
        var c = ChartCanvas(title: title, subtitle: nil, footer: t.footer, options: o, plotWidth: 520, plotHeight: 520, left: 80,
                            legend: [LegendItem(label: ChartWords.w("lorenz", lang), colour: Palette.category(0), mark: .line),
                                     LegendItem(label: ChartWords.w("equality", lang), colour: Palette.reference, mark: .dashed)])
        var sx = Scale(lo: 0, hi: 1, range: (c.plot.x0, c.plot.x1)), sy = Scale(lo: 0, hi: 1, range: (c.plot.y1, c.plot.y0))
        sx.hundred = .percent; sy.hundred = .percent
        let ticks = [0, 0.2, 0.4, 0.6, 0.8, 1.0]
        c.xAxis(sx, title: ChartWords.w("cum_total", lang, measure), ticks: ticks)
        c.yAxis(sy, title: ChartWords.w("cum_industry", lang, measure))
        var pts: [(Double, Double)] = [(sx(0), sy(0))]
        for r in 0..<t.rowCount where xs[r].isFinite && ys[r].isFinite { pts.append((sx(xs[r]), sy(ys[r]))) }
        c.svg.path(pts + [(sx(1), sy(1))], SVG.Style(fill: Palette.category(0), opacity: 0.12), close: true)
        c.svg.line(sx(0), sy(0), sx(1), sy(1), stroke: Palette.reference, width: 1.2, dash: "6 4")
        c.svg.path(pts, SVG.Style(stroke: Palette.category(0), strokeWidth: 2.5))
        let labelCols = ChartData.labelColumns(t)
        var circles: [(Double, Double, Double)] = []
        for (k, p) in pts.enumerated() where k > 0 { circles.append((p.0, p.1, 3)) }
        for (k, p) in pts.enumerated() where k > 0 {
            c.svg.circle(p.0, p.1, 3, SVG.Style(fill: Palette.category(0)), title: ChartData.label(t, labelCols, k - 1))
        }
        // Name the most concentrated regions (the steep end of the curve).
        var placer = LabelPlacer(frame: Box(x0: c.plot.x0 + 2, y0: c.plot.y0 + 2, x1: c.plot.x1 - 2, y1: c.plot.y1 - 2), size: 10.5)
        for r in stride(from: t.rowCount - 1, through: max(0, t.rowCount - 5), by: -1) {
            let text = TextMetrics.fit(ChartData.label(t, labelCols, r), size: 10.5, maxWidth: 160)
            guard r + 1 < pts.count else { continue }
            let p = pts[r + 1]
            if let spot = placer.place(text, at: p, radius: 3, circles: circles) {
                if spot.far {
                    let l = LabelPlacer.leader(from: p, radius: 3, to: spot.box)
                    c.svg.line(l.0, l.1, l.2, l.3, stroke: Palette.muted, width: 0.7)
                }
                c.svg.text(spot.x, spot.y, text, size: 10.5, anchor: spot.anchor, fill: Palette.muted, halo: true)
            }
        }
        c.frame()
        return c.document(title: title)
    }
}
