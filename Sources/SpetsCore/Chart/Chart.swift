// Chart.swift — `plot … as KIND`: the chart kinds as one table (it drives the parser, help
// and completion), the options a plot statement may give, and the shared reading of a table
// (which column labels the rows, which holds the value).

public struct ChartTarget: Sendable {
    public var name: String
    public var op: String
    public var value: Double
    public var year: Int
    public init(name: String, op: String, value: Double, year: Int) { self.name = name; self.op = op; self.value = value; self.year = year }
}

public struct ChartOptions: Sendable {
    public var title: String? = nil
    /// The value column (bars, line, heatmap); default: the kind's own choice.
    public var value: String? = nil
    /// Log scale (bubble's LQ axis; heatmap colours are log around 1 for LQ anyway).
    public var log = false
    /// Bubble: `x lq_change` puts the LQ change on x instead of relative growth.
    public var x: String? = nil
    public var targets: [ChartTarget] = []
    public var language: Language = .en
    public var locale: NumberLocale = .en
    public init() {}
}

public struct ChartKind: Sendable {
    public let name: String
    public let summary: String
    public let reads: String
    let draw: @Sendable (Table, ChartOptions) throws(Diagnostic) -> String

    public func render(_ t: Table, _ o: ChartOptions) throws(Diagnostic) -> String {
        guard t.rowCount > 0 else { throw Diagnostic(.thereNoRowsPlot, help: "check the filters of the expression") }
        return try draw(t, o)
    }

    public static let all: [ChartKind] = [
        ChartKind(name: "bubble", summary: "the portfolio chart: growth against the reference × LQ, bubble area = size",
                  reads: "a `portfolio` table (lq, growth, national_growth or lq_change, and the measure)",
                  draw: { t, o throws(Diagnostic) in try ScatterChart.bubble(t, o) }),
        ChartKind(name: "bars", summary: "one bar per row", reads: "any table with one number per row (`value COL` picks it; default the last numeric column)",
                  draw: { t, o throws(Diagnostic) in try BarChart.bars(t, o) }),
        ChartKind(name: "stacked", summary: "components stacked per row with the total marked",
                  reads: "shiftshare, productivity, gap or growth tables (their components and total)",
                  draw: { t, o throws(Diagnostic) in try BarChart.stacked(t, o) }),
        ChartKind(name: "line", summary: "values over years: series, projections with their band, scenarios, goal targets",
                  reads: "a table with a year column (`project`, a dataset's rows); `goal NAME` marks a target",
                  draw: { t, o throws(Diagnostic) in try LineChart.draw(t, o) }),
        ChartKind(name: "heatmap", summary: "a value by two keys (LQ by region × industry), diverging around 1 on a log scale",
                  reads: "a table with two key columns and a value (`lq …` for all regions)",
                  draw: { t, o throws(Diagnostic) in try HeatmapChart.draw(t, o) }),
        ChartKind(name: "lorenz", summary: "the localisation curve behind the locational Gini",
                  reads: "a `lorenz` table", draw: { t, o throws(Diagnostic) in try LorenzChart.draw(t, o) }),
        ChartKind(name: "quadrant", summary: "the S3 diversification view (density × complexity), or research × industrial strengths",
                  reads: "an `opportunities` table (density, pci, quadrant) or a `strengths` table (activity, lq)",
                  draw: { t, o throws(Diagnostic) in try ScatterChart.quadrant(t, o) }),
    ]

    public static func named(_ n: String) -> ChartKind? { all.first { $0.name == n.lowercased() } }
}

/// How charts read a table.
enum ChartData {
    static func column(_ t: Table, _ name: String) -> Int? { t.columnIndex(name) }

    static func numbers(_ t: Table, _ c: Int) -> [Double] {
        if case .number(let v) = t.columns[c].values { return v }
        return Array(repeating: .nan, count: t.rowCount)
    }

    /// The named column, which must be numeric.
    static func require(_ t: Table, _ name: String, for kind: String) throws(Diagnostic) -> Int {
        guard let c = t.columnIndex(name), t.columns[c].isNumeric else {
            throw Diagnostic(.chartNeedsNumericColumnNamed, kind, name, t.columns.map(\.name).joined(separator: ", "),
                             help: ChartKind.named(kind).map { "it reads " + $0.reads })
        }
        return c
    }

    /// `value COL`, else the last numeric value column.
    static func valueColumn(_ t: Table, _ o: ChartOptions, kind: String) throws(Diagnostic) -> Int {
        if let v = o.value { return try require(t, v, for: kind) }
        guard let c = t.columns.lastIndex(where: { $0.isNumeric && $0.kind == .value }) else {
            throw Diagnostic(.chartNeedsNumericColumn, kind, t.columns.map(\.name).joined(separator: ", "))
        }
        return c
    }

    /// How a table over years is read (line charts, sparklines): its `year` column, the value
    /// (`value COL`, else `value`, else the last numeric column), and the key columns that
    /// tell series apart (scenario, region, …).
    static func overYears(_ t: Table, _ o: ChartOptions, kind: String) throws(Diagnostic) -> (year: Int, value: Int, series: [Int]) {
        guard let yc = t.columnIndex("year"), t.columns[yc].isNumeric else {
            throw Diagnostic(.chartNeedsYearColumn, kind, t.columns.map(\.name).joined(separator: ", "),
                             help: "it reads " + (ChartKind.named("line")?.reads ?? ""))
        }
        let skip: Set<String> = ["year", "lower", "upper", "kind"]
        let vc: Int
        if let v = o.value { vc = try require(t, v, for: kind) }
        else if let v = t.columnIndex("value"), t.columns[v].isNumeric { vc = v }
        else if let v = t.columns.lastIndex(where: { $0.isNumeric && $0.kind == .value && !skip.contains($0.name) }) { vc = v }
        else { throw Diagnostic(.chartNeedsNumericColumnBeside, kind) }
        let series = labelColumns(t, excluding: skip).filter { c in
            (1..<max(t.rowCount, 1)).contains { t.columns[c].machineText($0) != t.columns[c].machineText(0) }
        }
        return (yc, vc, series)
    }

    /// The key columns whose values differ between rows (a region that is the same on every
    /// row says nothing about the row); the first key column when none differ.
    static func labelColumns(_ t: Table, excluding: Set<String> = []) -> [Int] {
        let keys = t.columns.indices.filter { (t.columns[$0].kind == .key || !t.columns[$0].isNumeric) && !excluding.contains(t.columns[$0].name) }
        let varying = keys.filter { c in (1..<max(t.rowCount, 1)).contains { t.columns[c].machineText($0) != t.columns[c].machineText(0) } }
        return varying.isEmpty ? Array(keys.prefix(1)) : varying
    }

    /// A row's label: its varying keys, code and name for coded columns.
    static func label(_ t: Table, _ cols: [Int], _ row: Int) -> String {
        cols.map { c -> String in
            let col = t.columns[c]
            switch col.values {
            case .coded(let codes, let d):
                let i = Int(codes[row])
                let l = d.labels[i]
                guard let n = d.names[i], n != l else { return l }
                return l + " " + n
            case .number(let v): return NumberFormatting.exact(v[row])
            case .text(let v): return v[row]
            }
        }.joined(separator: " · ")
    }

    /// The title: the option, else the footer's first statement up to its first colon.
    static func title(_ t: Table, _ o: ChartOptions, fallback: String) -> String {
        if let s = o.title { return s }
        guard let first = t.footer.first, !first.isEmpty else { return fallback }
        // The footer in the chart's language, as the table shows it.
        let f = Catalogue.text(first, o.language)
        var head = f
        if let r = f.firstRange(of: ": ") { head = String(f[..<r.lowerBound]) }
        // A footer that opens with its formula makes a poor title.
        if head.contains(" = ") { return fallback }
        // A long first statement: up to the last clause that fits a title.
        if head.count > 80 {
            let clauses = head.split(separator: ",", omittingEmptySubsequences: false)
            var cut = String(clauses[0])
            for c in clauses.dropFirst() {
                guard cut.count + c.count + 1 <= 80 else { break }
                cut += "," + c
            }
            head = cut
        }
        head = withoutDatasets(head)
        return head.prefix(1).uppercased() + head.dropFirst()
    }

    /// `se.employment` → `employment`: a title names the measure, not the dataset it was
    /// loaded as (`o.d.` in a name is left alone: one letter is no dataset).
    static func withoutDatasets(_ s: String) -> String {
        let c = Array(s)
        var out = "", i = 0
        func word(_ ch: Character) -> Bool { ch.isLetter || ch.isNumber || ch == "_" }
        while i < c.count {
            if word(c[i]), i == 0 || !word(c[i - 1]) && c[i - 1] != "." {
                var j = i
                while j < c.count, word(c[j]) { j += 1 }
                if j - i >= 2, j + 1 < c.count, c[j] == ".", c[j + 1].isLetter || c[j + 1] == "_" {
                    var k = j + 1
                    while k < c.count, word(c[k]) { k += 1 }
                    // `se.employment`, not `counties.csv` (nor a word inside `demo-counties`).
                    let after = String(c[(j + 1)..<k]).lowercased()
                    let fileLike = FileIO.fileExtensions.contains(after) || (i > 0 && (c[i - 1] == "-" || c[i - 1] == "/"))
                    if k - j - 1 >= 2 && !fileLike { i = j + 1; continue }   // drop `se.`
                }
                out += String(c[i..<j]); i = j
                continue
            }
            out.append(c[i]); i += 1
        }
        return out
    }

    /// A column's name for people: words, not snake_case, with its unit; the Swedish header
    /// under `sv`.
    static func name(_ col: Column, _ lang: Language) -> String { col.label.map(withoutDatasets) ?? words(col.name, lang) }

    static func axisTitle(_ col: Column, _ lang: Language) -> String {
        let name = name(col, lang)
        if col.numberRole == .share { return name + (name.hasSuffix(")") ? ", %" : " (%)") }
        return col.unit.map { "\(name) (\(Catalogue.unit($0, lang)))" } ?? name
    }
    static func words(_ name: String, _ lang: Language) -> String {
        let header = Catalogue.header(name, lang)
        if header != name { return header }
        return name.split(separator: "_").map { w in ["lq", "pci", "eci", "cog", "coi"].contains(w) ? w.uppercased() : String(w) }.joined(separator: " ")
    }

    /// What the table is about, for a default title: `lq by region × industry, employment 2023`.
    static func about(_ t: Table, value: Int, keys: [Int], _ lang: Language) -> String {
        var s = words(t.columns[value].name, lang)
        if !keys.isEmpty { s += " " + ChartWords.w("by", lang) + " " + keys.map { words(t.columns[$0].name, lang) }.joined(separator: " × ") }
        // Keys that are the same on every row say whose numbers these are (`Kalmar län`).
        for c in t.columns.indices where t.columns[c].kind == .key && !keys.contains(c) && t.columns[c].name != "year" && t.rowCount > 0 {
            if case .coded(let codes, let d) = t.columns[c].values, codes.allSatisfy({ $0 == codes[0] }) {
                s += ", " + (d.names[Int(codes[0])] ?? d.labels[Int(codes[0])])
            }
        }
        if let y = t.columnIndex("year"), case .number(let v) = t.columns[y].values, let first = v.first, v.allSatisfy({ $0 == first }) {
            s += ", " + NumberFormatting.exact(first)
        }
        return s.prefix(1).uppercased() + s.dropFirst()
    }
}
