// ChartCanvas.swift — what every chart has: a title and subtitle, a plot area with axes,
// ticks, grid lines and axis titles, a legend, and the method/source lines from the table's
// footer under it. The kinds draw their marks inside `plot`.

struct LegendItem {
    var label: String
    var colour: String
    enum Mark { case box, line, dashed, dot, diamond }
    var mark: Mark = .box
    var opacity: Double? = nil
}

struct ChartCanvas {
    var svg: SVG
    let plot: Box
    let options: ChartOptions
    let footer: [String]
    static let footerSize = 10.5
    static let tickSize = 11.0

    /// Lays out a chart whose plot area is `plotWidth` × `plotHeight`, with room on the left
    /// for labels `left` wide and a legend row when `legend` is set.
    init(title: String, subtitle: String?, footer: [String], options: ChartOptions,
         plotWidth: Double, plotHeight: Double, left: Double = 72, right: Double = 28, bottom: Double = 58,
         legend: [LegendItem] = [], topExtra: Double = 0) {
        let width = left + plotWidth + right
        // The table's footer as the table shows it: in the session's language.
        let wrapped = footer.flatMap { Self.wrap(Catalogue.text($0, options.language), width: width - 32, size: Self.footerSize) }
        let lines = wrapped.count > 10 ? Array(wrapped.prefix(9)) + ["…"] : wrapped
        let legendRows = Self.legendRows(legend, width: plotWidth)
        let top = 44 + (subtitle == nil ? 0 : 18) + Double(legendRows.count) * 20 + 16 + topExtra
        let height = top + plotHeight + bottom + Double(lines.count) * 14 + 20
        svg = SVG(width: width, height: height)
        plot = Box(x0: left, y0: top, x1: left + plotWidth, y1: top + plotHeight)
        self.options = options
        self.footer = lines
        svg.text(16, 30, TextMetrics.fit(title, size: 18 * 1.1, maxWidth: width - 32), size: 18, bold: true)   // bold runs wider
        if let s = subtitle { svg.text(16, 50, TextMetrics.fit(s, size: 12.5, maxWidth: width - 32), size: 12.5, fill: Palette.muted) }
        var y = plot.y1 + bottom + 14
        for l in lines { svg.text(16, y, l, size: Self.footerSize, fill: Palette.muted); y += 14 }
        drawLegend(legendRows)
    }

    /// Greedy word wrap by estimated width.
    static func wrap(_ s: String, width: Double, size: Double) -> [String] {
        var lines: [String] = [], cur = ""
        for word in s.split(separator: " ", omittingEmptySubsequences: false) {
            let cand = cur.isEmpty ? String(word) : cur + " " + word
            if TextMetrics.width(cand, size: size) > width && !cur.isEmpty { lines.append(cur); cur = String(word) } else { cur = cand }
        }
        if !cur.isEmpty { lines.append(cur) }
        return lines.map { TextMetrics.fit($0, size: size, maxWidth: width) }
    }

    mutating func frame() {
        svg.rect(plot.x0, plot.y0, plot.x1 - plot.x0, plot.y1 - plot.y0, SVG.Style(fill: nil, stroke: "#bdbdbd", strokeWidth: 1))
    }

    /// Ticks, labels and grid for a horizontal axis at the bottom of the plot.
    mutating func xAxis(_ s: Scale, title: String, ticks: [Double]? = nil, grid: Bool = true) {
        let ts = ticks ?? s.ticks(Int(max(3, (plot.x1 - plot.x0) / 110)))
        let labels = s.labels(ts, locale: options.locale)
        var lastRight = -Double.infinity
        for (t, l) in zip(ts, labels) {
            let x = s(t)
            guard x >= plot.x0 - 0.5 && x <= plot.x1 + 0.5 else { continue }
            if grid { svg.line(x, plot.y0, x, plot.y1, stroke: Palette.grid) }
            svg.line(x, plot.y1, x, plot.y1 + 4, stroke: Palette.muted)
            let w = TextMetrics.width(l, size: Self.tickSize)
            if x - w / 2 > lastRight + 6 {   // thin tick labels that would touch
                svg.text(x, plot.y1 + 17, l, size: Self.tickSize, anchor: .middle, fill: Palette.muted)
                lastRight = x + w / 2
            }
        }
        svg.text((plot.x0 + plot.x1) / 2, plot.y1 + 38, TextMetrics.fit(title, size: 12.5, maxWidth: plot.x1 - plot.x0), size: 12.5, anchor: .middle)
    }

    /// Ticks, labels and grid for a vertical axis on the left.
    mutating func yAxis(_ s: Scale, title: String, grid: Bool = true) {
        let ts = s.ticks(Int(max(3, (plot.y1 - plot.y0) / 70)))
        let labels = s.labels(ts, locale: options.locale)
        for (t, l) in zip(ts, labels) {
            let y = s(t)
            guard y >= plot.y0 - 0.5 && y <= plot.y1 + 0.5 else { continue }
            if grid { svg.line(plot.x0, y, plot.x1, y, stroke: Palette.grid) }
            svg.line(plot.x0 - 4, y, plot.x0, y, stroke: Palette.muted)
            svg.text(plot.x0 - 7, y + 4, l, size: Self.tickSize, anchor: .end, fill: Palette.muted)
        }
        let mid = (plot.y0 + plot.y1) / 2
        svg.text(plot.x0 - 54, mid, TextMetrics.fit(title, size: 12.5, maxWidth: plot.y1 - plot.y0), size: 12.5, anchor: .middle, rotate: -90)
    }

    static let legendSize = 11.5
    static func legendWidth(_ it: LegendItem) -> Double { 20 + TextMetrics.width(it.label, size: legendSize) + 18 }

    /// Legend entries in rows as wide as the plot (an entry wider than a row is shortened).
    static func legendRows(_ items: [LegendItem], width: Double) -> [[LegendItem]] {
        var rows: [[LegendItem]] = [], cur: [LegendItem] = [], x = 0.0
        for var it in items {
            it.label = TextMetrics.fit(it.label, size: legendSize, maxWidth: width - 40)
            let w = legendWidth(it)
            if x + w > width + 18 && !cur.isEmpty { rows.append(cur); cur = []; x = 0 }
            cur.append(it); x += w
        }
        if !cur.isEmpty { rows.append(cur) }
        return rows
    }

    mutating func drawLegend(_ rows: [[LegendItem]]) {
        for (k, row) in rows.enumerated() {
            var x = plot.x0
            let y = plot.y0 - 20 - Double(rows.count - 1 - k) * 20
            for it in row {
                switch it.mark {
                case .box: svg.rect(x, y - 9, 12, 12, SVG.Style(fill: it.colour, opacity: it.opacity))
                case .line: svg.line(x, y - 3, x + 14, y - 3, stroke: it.colour, width: 2.5)
                case .dashed: svg.line(x, y - 3, x + 14, y - 3, stroke: it.colour, width: 2.5, dash: "5 3")
                case .dot: svg.circle(x + 6, y - 3, 5, SVG.Style(fill: it.colour, opacity: 0.75))
                case .diamond: svg.path([(x + 6, y - 10), (x + 13, y - 3), (x + 6, y + 4), (x - 1, y - 3)], SVG.Style(fill: it.colour), close: true)
                }
                svg.text(x + 19, y + 1, it.label, size: Self.legendSize)
                x += Self.legendWidth(it)
            }
        }
    }

    /// Remarks about the drawing itself (labels left out, rows skipped), under the x axis.
    mutating func note(_ notes: [String]) {
        guard !notes.isEmpty else { return }
        let text = TextMetrics.fit(notes.joined(separator: "; "), size: Self.footerSize, maxWidth: svg.width - 32)
        svg.text(svg.width - 16, plot.y1 + 53, text, size: Self.footerSize, anchor: .end, fill: Palette.muted)
    }

    func document(title: String) -> String { svg.document(title: title, desc: footer.joined(separator: " ")) }
}
