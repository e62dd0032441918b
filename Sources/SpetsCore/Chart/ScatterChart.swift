// ScatterChart.swift — labelled points on two axes with reference lines that split the
// plane into quadrants: the portfolio bubble chart and the S3 diversification quadrant.

import Glibc

enum ScatterChart {
    struct Point {
        var x: Double, y: Double, size: Double
        var label: String
        var group: Int
        var tip: String
    }

    /// `plot portfolio … as bubble`: x = growth minus the reference's growth (or the LQ
    /// change), y = LQ, bubble area = the measure at the end year.
    static func bubble(_ t: Table, _ o: ChartOptions) throws(Diagnostic) -> String {
        let lang = o.language
        let lq = try ChartData.require(t, "lq", for: "bubble")
        let useChange = o.x.map { Text.snakeCase($0) == "lq_change" } ?? (t.columnIndex("growth") == nil)
        var xs: [Double]
        let xTitle: String
        if useChange {
            xs = ChartData.numbers(t, try ChartData.require(t, "lq_change", for: "bubble"))
            xTitle = ChartWords.w("lq_change", lang)
        } else {
            let g = ChartData.numbers(t, try ChartData.require(t, "growth", for: "bubble"))
            let n = ChartData.numbers(t, try ChartData.require(t, "national_growth", for: "bubble"))
            xs = zip(g, n).map { $0 - $1 }
            xTitle = ChartWords.w("growth_vs_reference", lang)
        }
        let known: Set<String> = ["lq", "lq_change", "growth", "national_growth"]
        guard let sizeCol = t.columns.firstIndex(where: { $0.isNumeric && $0.kind == .value && !known.contains($0.name) }) else {
            throw Diagnostic(.bubbleNeedsSize, t.columns.map(\.name).joined(separator: ", "))
        }
        let sizes = ChartData.numbers(t, sizeCol), ys = ChartData.numbers(t, lq)
        let labelCols = ChartData.labelColumns(t)
        var points: [Point] = []
        var skipped: [String] = []
        for r in 0..<t.rowCount {
            guard xs[r].isFinite, ys[r].isFinite, !o.log || ys[r] > 0 else { skipped.append(ChartData.label(t, labelCols, r)); continue }
            let label = ChartData.label(t, labelCols, r)
            let group = (ys[r] >= 1 ? 0 : 2) + (xs[r] >= 0 ? 0 : 1)
            let tip = "\(label): LQ \(NumberFormatting.fixed(ys[r], decimals: 2)), x \(NumberFormatting.fixed(useChange ? xs[r] : xs[r] * 100, decimals: useChange ? 3 : 1)), \(t.columns[sizeCol].name) \(NumberFormatting.fixed(sizes[r], decimals: 0))"
            points.append(Point(x: xs[r], y: ys[r], size: sizes[r].isFinite ? max(sizes[r], 0) : 0, label: label, group: group, tip: tip))
        }
        let groups = ["q_spec_fast", "q_spec_slow", "q_nonspec_fast", "q_nonspec_slow"].map { ChartWords.w($0, lang) }
        // One industry growing from almost nothing (+600 pp) would squeeze the others into a
        // line: points far beyond the rest are drawn at the edge of the axis, and named.
        var beyond: [String] = []
        let spread = points.map { abs($0.x) }.sorted()
        if spread.count >= 10, case let p90 = spread[(spread.count - 1) * 9 / 10], p90 > 0, spread.last! > 4 * p90 {
            let edge = 2.5 * p90
            for i in points.indices where abs(points[i].x) > edge {
                let shown = useChange ? NumberFormatting.fixed(points[i].x, decimals: 3, group: o.locale.group, decimalMark: o.locale.decimalMark)
                    : NumberFormatting.fixed(points[i].x * 100, decimals: 0, group: o.locale.group, decimalMark: o.locale.decimalMark)
                beyond.append("\(TextMetrics.fit(points[i].label, size: 10.5, maxWidth: 150)) (\(points[i].x > 0 ? "+" : "")\(shown))")
                points[i].x = points[i].x > 0 ? edge : -edge
            }
        }
        var xs2 = Scale(values: points.map(\.x), include: [0], range: (0, 0))
        xs2.hundred = useChange ? .none : .points
        let sizeTitle = ChartWords.w("bubble_area", lang, ChartData.axisTitle(t.columns[sizeCol], lang))
        return draw(points, t, o, title: ChartData.title(t, o, fallback: ChartWords.w("portfolio", o.language)), subtitle: sizeTitle,
                    xTitle: xTitle, yTitle: ChartWords.w(o.log ? "lq_log" : "lq", lang), xScale: xs2, xSplit: 0, ySplit: 1,
                    groupNames: groups, sized: true, skipped: skipped, beyond: beyond, yInclude: [1])
    }

    /// `plot opportunities … as quadrant`: x = relatedness density, y = PCI, split at the
    /// means the table's footer names, coloured by the table's own quadrant column.
    static func quadrant(_ t: Table, _ o: ChartOptions) throws(Diagnostic) -> String {
        // A `strengths` table: research activity × industrial LQ, split at 1 and 1.
        if t.columnIndex("activity") != nil && t.columnIndex("lq") != nil && t.columnIndex("density") == nil { return try strengths(t, o) }
        let lang = o.language
        let xs = ChartData.numbers(t, try ChartData.require(t, "density", for: "quadrant"))
        let ys = ChartData.numbers(t, try ChartData.require(t, "pci", for: "quadrant"))
        let qc = t.columnIndex("quadrant")
        var names: [String] = []
        let labelCols = ChartData.labelColumns(t, excluding: ["quadrant"])
        var points: [Point] = []
        var skipped: [String] = []
        for r in 0..<t.rowCount {
            guard xs[r].isFinite, ys[r].isFinite else { skipped.append(ChartData.label(t, labelCols, r)); continue }
            let q = qc.map { t.columns[$0].machineText(r) } ?? ""
            if !names.contains(q) { names.append(q) }
            let label = ChartData.label(t, labelCols, r)
            points.append(Point(x: xs[r], y: ys[r], size: 1, label: label, group: names.firstIndex(of: q)!,
                                tip: "\(label): density \(NumberFormatting.fixed(xs[r], decimals: 3)), PCI \(NumberFormatting.fixed(ys[r], decimals: 3))\(q.isEmpty ? "" : ", " + q)"))
        }
        // The split the opportunities table uses: the means of the activities it lists.
        let mx = points.map(\.x).reduce(0, +) / Double(max(points.count, 1))
        let my = points.map(\.y).reduce(0, +) / Double(max(points.count, 1))
        return draw(points, t, o, title: ChartData.title(t, o, fallback: ChartWords.w("opportunities", o.language)), subtitle: ChartWords.w("mean_split", lang),
                    xTitle: ChartWords.w("density", lang), yTitle: ChartWords.w("pci", lang),
                    xScale: Scale(values: points.map(\.x), range: (0, 0)), xSplit: mx, ySplit: my,
                    groupNames: names.map { $0.isEmpty ? "·" : $0 }, sized: false, skipped: skipped, yInclude: [])
    }

    /// Industrial specialisation (LQ, y) against research specialisation (activity index, x)
    /// per knowledge area, split at 1 on both axes, coloured by the table's `strength`.
    static func strengths(_ t: Table, _ o: ChartOptions) throws(Diagnostic) -> String {
        let xs = ChartData.numbers(t, try ChartData.require(t, "activity", for: "quadrant"))
        let ys = ChartData.numbers(t, try ChartData.require(t, "lq", for: "quadrant"))
        let sc = t.columnIndex("strength")
        let labelCols = t.columnIndex("title").map { [$0] } ?? ChartData.labelColumns(t, excluding: ["strength"])
        let order = ["both", "industry", "research", "neither"]
        var points: [Point] = [], skipped: [String] = []
        for r in 0..<t.rowCount {
            let label = ChartData.label(t, labelCols, r)
            guard xs[r].isFinite, ys[r].isFinite else { skipped.append(label); continue }
            let s = sc.map { t.columns[$0].machineText(r) } ?? ""
            points.append(Point(x: xs[r], y: ys[r], size: 1, label: label, group: order.firstIndex(of: s) ?? 3,
                                tip: "\(label): activity \(NumberFormatting.fixed(xs[r], decimals: 3)), LQ \(NumberFormatting.fixed(ys[r], decimals: 3))"))
        }
        return draw(points, t, o, title: ChartData.title(t, o, fallback: ChartWords.w("strengths", o.language)), subtitle: ChartWords.w("strength_split", o.language),
                    xTitle: ChartWords.w("activity", o.language), yTitle: ChartWords.w("lq", o.language),
                    xScale: Scale(values: points.map(\.x), include: [1], range: (0, 0)), xSplit: 1, ySplit: 1,
                    groupNames: order.map { ChartWords.w("strength_" + $0, o.language) }, sized: false, skipped: skipped, yInclude: [1])
    }

    static func draw(_ points: [Point], _ t: Table, _ o: ChartOptions, title: String, subtitle: String, xTitle: String, yTitle: String,
                     xScale: Scale, xSplit: Double, ySplit: Double, groupNames: [String], sized: Bool, skipped: [String],
                     beyond: [String] = [], yInclude: [Double]) -> String {
        let lang = o.language
        let maxSize = points.map(\.size).max() ?? 0
        let maxR = points.count > 100 ? 22.0 : 38.0
        func radius(_ p: Point) -> Double { sized ? (maxSize > 0 ? max(2.5, maxR * sqrt(p.size / maxSize)) : 4) : 6 }
        // Leave room for the largest bubbles inside the frame: pad the domain by their radius.
        var notes: [String] = []
        var c = ChartCanvas(title: title, subtitle: subtitle, footer: t.footer, options: o,
                            plotWidth: 820, plotHeight: 520,
                            legend: groupNames.enumerated().map { LegendItem(label: $1, colour: Palette.category($0), mark: .dot) })
        var xs = xScale
        xs.a = c.plot.x0 + maxR; xs.b = c.plot.x1 - maxR
        var ys = Scale(values: points.map(\.y), include: yInclude, range: (c.plot.y1 - maxR, c.plot.y0 + maxR), log: o.log && sized)
        // Widen the domains so the padded pixel range maps back onto the frame.
        let x0 = xs.lo, x1 = xs.hi
        xs.lo = x0 - (x1 - x0) * maxR / (xs.b - xs.a); xs.hi = x1 + (x1 - x0) * maxR / (xs.b - xs.a)
        xs.a = c.plot.x0; xs.b = c.plot.x1
        if ys.log {
            let l0 = log(ys.lo), l1 = log(ys.hi), k = maxR / (ys.a - ys.b)
            ys.lo = exp(l0 - (l1 - l0) * k); ys.hi = exp(l1 + (l1 - l0) * k)
        } else {
            let y0 = ys.lo, y1 = ys.hi, k = maxR / (ys.a - ys.b)
            ys.lo = y0 - (y1 - y0) * k; ys.hi = y1 + (y1 - y0) * k
        }
        ys.a = c.plot.y1; ys.b = c.plot.y0
        c.xAxis(xs, title: xTitle)
        c.yAxis(ys, title: yTitle)
        // Reference lines: LQ = 1 and equal growth (or the means).
        let sx = xs(xSplit), sy = ys(ySplit)
        if sx > c.plot.x0 && sx < c.plot.x1 { c.svg.line(sx, c.plot.y0, sx, c.plot.y1, stroke: Palette.reference, width: 1.2, dash: "6 4") }
        if sy > c.plot.y0 && sy < c.plot.y1 { c.svg.line(c.plot.x0, sy, c.plot.x1, sy, stroke: Palette.reference, width: 1.2, dash: "6 4") }
        c.frame()
        // Largest first in the drawing order's reverse: small bubbles stay visible on top.
        let order = points.indices.sorted { a, b in
            points[a].size != points[b].size ? points[a].size > points[b].size : points[a].label < points[b].label
        }
        var circles: [(Double, Double, Double)] = []
        for i in order {
            let p = points[i]
            let r = radius(p)
            circles.append((xs(p.x), ys(p.y), r))
            c.svg.circle(xs(p.x), ys(p.y), r, SVG.Style(fill: Palette.category(p.group), stroke: "#ffffff", strokeWidth: 0.8, opacity: sized ? 0.6 : 0.85), title: p.tip)
        }
        var placer = LabelPlacer(frame: Box(x0: c.plot.x0 + 2, y0: c.plot.y0 + 2, x1: c.plot.x1 - 2, y1: c.plot.y1 - 2), size: 11)
        var shown = 0
        for (k, i) in order.enumerated() {
            let p = points[i]
            let text = TextMetrics.fit(p.label, size: 11, maxWidth: sized ? 170 : 240)
            let mark = (circles[k].0, circles[k].1)
            if let spot = placer.place(text, at: mark, radius: circles[k].2, circles: circles) {
                if spot.far {
                    let l = LabelPlacer.leader(from: mark, radius: circles[k].2, to: spot.box)
                    c.svg.line(l.0, l.1, l.2, l.3, stroke: Palette.muted, width: 0.7)
                }
                c.svg.text(spot.x, spot.y, text, size: 11, anchor: spot.anchor, halo: true)
                shown += 1
            }
        }
        if shown < points.count { notes.append(ChartWords.w(sized ? "labels_shown" : "labels_shown_plain", lang, String(shown), String(points.count))) }
        if !beyond.isEmpty { notes.insert(ChartWords.w("beyond_axis", lang, beyond.prefix(3).joined(separator: ", ") + (beyond.count > 3 ? " …" : "")), at: 0) }
        if !skipped.isEmpty {
            let names = skipped.prefix(3).map { TextMetrics.fit($0, size: 10.5, maxWidth: 150) }.joined(separator: ", ")
            notes.append(skipped.count > 3 ? ChartWords.w("not_drawn_more", lang, names, String(skipped.count - 3)) : ChartWords.w("not_drawn", lang, names))
        }
        c.note(notes)
        return c.document(title: title)
    }
}
