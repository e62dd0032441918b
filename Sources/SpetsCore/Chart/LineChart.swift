// LineChart.swift — values over years: one line per series (scenario, region, …), observed
// solid and projected dashed, the projection's band shaded, goal targets as marked points.

enum LineChart {
    struct Series {
        var name: String
        var points: [(year: Double, value: Double, projected: Bool, lower: Double, upper: Double)] = []
    }

    static func draw(_ t: Table, _ o: ChartOptions) throws(Diagnostic) -> String {
        let lang = o.language
        let (yc, vc, seriesCols) = try ChartData.overYears(t, o, kind: "line")
        let years = ChartData.numbers(t, yc), values = ChartData.numbers(t, vc)
        let lower = t.columnIndex("lower").map { ChartData.numbers(t, $0) }, upper = t.columnIndex("upper").map { ChartData.numbers(t, $0) }
        let kind = t.columnIndex("kind")
        var series: [Series] = []
        for r in 0..<t.rowCount where years[r].isFinite && values[r].isFinite {
            let name = seriesCols.isEmpty ? ChartData.axisTitle(t.columns[vc], o.language) : ChartData.label(t, seriesCols, r)
            if !series.contains(where: { $0.name == name }) { series.append(Series(name: name)) }
            let projected = kind.map { t.columns[$0].machineText(r) == "projected" } ?? false
            let i = series.firstIndex { $0.name == name }!
            series[i].points.append((years[r], values[r], projected, lower?[r] ?? .nan, upper?[r] ?? .nan))
        }
        guard !series.isEmpty else { throw Diagnostic(.noRowsBothYearValue) }
        for i in series.indices { series[i].points.sort { $0.year < $1.year } }
        let allYears = series.flatMap { $0.points.map(\.year) } + o.targets.map { Double($0.year) }
        var allValues = series.flatMap { s in s.points.flatMap { [$0.value, $0.lower, $0.upper] } } + o.targets.map(\.value)
        allValues = allValues.filter(\.isFinite)
        let title = ChartData.title(t, o, fallback: ChartData.axisTitle(t.columns[vc], o.language))
        let hasProjection = series.contains { $0.points.contains { $0.projected } }
        // Scenarios share their observed years: draw that history once, in black.
        func observed(_ s: Series) -> [Double] { s.points.filter { !$0.projected }.flatMap { [$0.year, $0.value] } }
        let sharedHistory = series.count > 1 && hasProjection && !observed(series[0]).isEmpty
            && series.allSatisfy { observed($0) == observed(series[0]) }
        let hasBand = series.contains { $0.points.contains { $0.lower.isFinite && $0.upper.isFinite } }
        var legend = series.count > 1 || !seriesCols.isEmpty
            ? series.enumerated().map { LegendItem(label: $1.name, colour: Palette.category($0), mark: .line) } : []
        if series.count > 8 { legend = Array(legend.prefix(8)) }
        if sharedHistory { legend.insert(LegendItem(label: ChartWords.w("observed", lang), colour: Palette.ink, mark: .line), at: 0) }
        else if hasProjection && series.count == 1 { legend.insert(LegendItem(label: ChartWords.w("observed", lang), colour: Palette.category(0), mark: .line), at: 0) }
        if hasProjection { legend.append(LegendItem(label: ChartWords.w("projected", lang), colour: Palette.muted, mark: .dashed)) }
        if hasBand { legend.append(LegendItem(label: ChartWords.w("band", lang), colour: Palette.category(0), mark: .box, opacity: 0.15)) }
        var c = ChartCanvas(title: title, subtitle: nil, footer: t.footer, options: o, plotWidth: 760, plotHeight: 420, left: 84, legend: legend)
        var xs = Scale(values: allYears, range: (c.plot.x0, c.plot.x1), pad: 0.03)
        xs.grouping = false
        var ys = Scale(values: allValues, range: (c.plot.y1, c.plot.y0), pad: 0.08)
        let share = t.columns[vc].numberRole == .share
        if share { ys.hundred = .percent }
        let first = allYears.min()!, last = allYears.max()!
        let step = max(1, Scale.niceStep((last - first) / 8))
        var yearTicks: [Double] = []
        var y = (first / step).rounded(.up) * step
        while y <= last { yearTicks.append(y); y += step }
        c.xAxis(xs, title: ChartWords.w("year", lang), ticks: yearTicks)
        c.yAxis(ys, title: share ? ChartData.name(t.columns[vc], o.language) : ChartData.axisTitle(t.columns[vc], o.language))
        for (k, s) in series.enumerated() {
            let colour = Palette.category(k)
            let band = s.points.filter { $0.lower.isFinite && $0.upper.isFinite }
            if band.count >= 2 {
                c.svg.path(band.map { (xs($0.year), ys($0.upper)) } + band.reversed().map { (xs($0.year), ys($0.lower)) },
                           SVG.Style(fill: colour, opacity: 0.15), close: true)
            }
            let observed = s.points.filter { !$0.projected }
            var projected = s.points.filter { $0.projected }
            if let lastObserved = observed.last, !projected.isEmpty { projected.insert(lastObserved, at: 0) }
            if observed.count >= 2 && (!sharedHistory || k == 0) {
                c.svg.path(observed.map { (xs($0.year), ys($0.value)) }, SVG.Style(stroke: sharedHistory ? Palette.ink : colour, strokeWidth: 2.5))
            }
            if projected.count >= 2 { c.svg.path(projected.map { (xs($0.year), ys($0.value)) }, SVG.Style(stroke: colour, strokeWidth: 2.5, dash: "7 4")) }
            if s.points.count == 1, let p = s.points.first { c.svg.circle(xs(p.year), ys(p.value), 3.5, SVG.Style(fill: colour)) }
            // The last value, for reading without a ruler.
            if let p = s.points.last, series.count <= 6 {
                c.svg.circle(xs(p.year), ys(p.value), 3, SVG.Style(fill: colour))
            }
        }
        for g in o.targets {
            let gx = xs(Double(g.year)), gy = ys(g.value)
            c.svg.line(c.plot.x0, gy, gx, gy, stroke: Palette.ink, width: 1, dash: "2 3")
            c.svg.path([(gx, gy - 7), (gx + 7, gy), (gx, gy + 7), (gx - 7, gy)], SVG.Style(fill: Palette.ink, stroke: "#ffffff", strokeWidth: 1), close: true)
            let text = ChartWords.w("goal", lang, g.name, g.op == ">=" ? "≥" : "≤",
                                    Self.goalValue(share ? g.value * 100 : g.value, o) + (share ? o.locale.percentSign : ""), String(g.year))
            let w = TextMetrics.width(text, size: 11)
            let tx = max(c.plot.x0 + 4, min(gx - 10 - w, c.plot.x1 - w - 4))
            c.svg.text(tx, gy > c.plot.y0 + 20 ? gy - 9 : gy + 18, text, size: 11)
        }
        c.frame()
        return c.document(title: title)
    }

    /// A goal's target as people write it: whole when it is, else two decimals at most.
    static func goalValue(_ x: Double, _ o: ChartOptions) -> String {
        let v = (x * 1e9).rounded() / 1e9   // 0.55 × 100 is 55.000000000000007
        let d = v == v.rounded() ? 0 : (v * 10 == (v * 10).rounded() ? 1 : 2)
        return NumberFormatting.fixed(v, decimals: d, group: o.locale.group, decimalMark: o.locale.decimalMark)
    }
}
