// Productivity.swift — labour productivity change split into within-industry growth and
// structural change (Fagerberg 2000; McMillan-Rodrik; LMDI-I), industries employed in one
// year only in a separate entry/exit term so that the identity is exact (methods.md).
import Glibc

public enum ProductivityMethod: String, CaseIterable, Sendable {
    case threeTerm = "three-term", twoTerm = "two-term", lmdi
}

public struct ProductivityRequest: Scoped {
    public var valueAdded: Int
    public var employment: Int
    public var from: Int
    public var to: Int
    /// Regions, reference, industries, level and the missing rule.
    public var scope = Scope()
    public var method: ProductivityMethod = .threeTerm
    public init(valueAdded: Int, employment: Int, from: Int, to: Int) {
        self.valueAdded = valueAdded; self.employment = employment; self.from = from; self.to = to
    }
}

/// One region's four numbers per column, with missing cells dropped (both years).
struct ProductivityInputs {
    var v0: [Double] = [], v1: [Double] = [], l0: [Double] = [], l1: [Double] = []
    var columns: [Int] = []
    var dropped: [Int] = []
    var V0 = 0.0, V1 = 0.0, L0 = 0.0, L1 = 0.0

    init(_ pd: PeriodData, region r: Int) {
        for c in 0..<pd.nC {
            let a = pd.value(0, 0, r, c), b = pd.value(1, 0, r, c), e = pd.value(0, 1, r, c), f = pd.value(1, 1, r, c)
            if a.isNaN || b.isNaN || e.isNaN || f.isNaN { dropped.append(c); continue }
            v0.append(a); v1.append(b); l0.append(e); l1.append(f); columns.append(c)
            V0 += a; V1 += b; L0 += e; L1 += f
        }
    }
}

extension ProductivityInputs {
    /// A region needs employment in both years over the industries it can use; if missing
    /// values leave nothing, say which measure and year lack them.
    static func requireData(_ x: ProductivityInputs, _ pd: PeriodData, _ cube: Cube, region r: Int, va: Int, emp: Int, years: [Int]) throws(Diagnostic) {
        if x.L0 > 0 && x.L1 > 0 { return }
        let who = cube.region.display(Int32(r))
        if x.columns.isEmpty {
            var lacking: [String] = []
            for (yi, y) in years.enumerated() {
                for (mi, m) in [va, emp].enumerated() where (0..<pd.nC).contains(where: { pd.value(yi, mi, r, $0).isNaN }) {
                    lacking.append("\(cube.measures[m].name) in \(y)")
                }
            }
            throw Diagnostic(.hasNoIndustryBothMeasures, who, lacking.joined(separator: ", "),
                             help: "missing values are not zeros; choose years where both are observed (`describe \(cube.name)`)")
        }
        throw Diagnostic(.hasNo, who, cube.measures[emp].name, x.L0 > 0 ? years[1] : years[0])
    }
}

/// Logarithmic mean L(a, b) = (a − b)/ln(a/b), L(a, a) = a.
func logMean(_ a: Double, _ b: Double) -> Double {
    if a == b { return a }
    return (a - b) / Glibc.log(a / b)
}

public enum Productivity {
    public static func compute(_ cube: Cube, _ q: ProductivityRequest, registry: Registry) throws(Diagnostic) -> Table {
        try PeriodOrder.check(q.from, q.to)
        let pd = try PeriodData.build(cube, measures: [q.valueAdded, q.employment], years: [q.from, q.to], registry: registry,
                                      industries: q.industries, regionLevel: q.regionLevel, missing: q.missing, focus: q.regions)
        let regions = try DecompositionRegions.pick(pd, cube, q.regions, .levelSum, first: q.from)
        var b = DecompositionTable(pd: pd, cube: cube, multi: regions.count > 1 || q.regions == nil, blocks: regions.count)
        var exact = Exactness(), exactLog = Exactness()
        var p0col: [Double] = [], p1col: [Double] = []
        var droppedNames = Set<String>()
        var growthNote: String? = nil
        for r in regions {
            let x = ProductivityInputs(pd, region: r)
            for c in x.dropped { droppedNames.insert(pd.columnDim.labels[Int(pd.columnCodes[c])]) }
            try ProductivityInputs.requireData(x, pd, cube, region: r, va: q.valueAdded, emp: q.employment, years: [q.from, q.to])
            let P0 = x.V0 / x.L0, P1 = x.V1 / x.L1
            var rows = [[Double]](repeating: [], count: pd.nC)
            let width = q.method == .threeTerm ? 4 : q.method == .twoTerm ? 3 : 4
            for c in x.dropped { rows[c] = [Double](repeating: .nan, count: width) }
            var tot = [Double](repeating: 0, count: width)
            if q.method == .lmdi {
                let bad = x.columns.indices.filter { !(x.l0[$0] > 0 && x.l1[$0] > 0 && x.v0[$0] > 0 && x.v1[$0] > 0) }
                if !bad.isEmpty {
                    let names = bad.map { pd.columnDim.labels[Int(pd.columnCodes[x.columns[$0]])] }
                    throw Diagnostic(.lmdiNeedsEveryIndustryEmployment, cube.region.display(Int32(r)), names.prefix(8).joined(separator: ", "), names.count > 8 ? ", …" : "",
                                     help: "use the three-term method (entrants and exiters get their own term), or leave those industries out with `industries …`")
                }
            }
            let lP = logMean(P1, P0)
            for (k, c) in x.columns.enumerated() {
                let s0 = x.l0[k] / x.L0, s1 = x.l1[k] / x.L1
                var row: [Double]
                if x.l0[k] > 0 && x.l1[k] > 0 {
                    let p0 = x.v0[k] / x.l0[k], p1 = x.v1[k] / x.l1[k]
                    switch q.method {
                    case .threeTerm: row = [s0 * (p1 - p0), (s1 - s0) * p0, (s1 - s0) * (p1 - p0), 0]
                    case .twoTerm: row = [s0 * (p1 - p0), (s1 - s0) * p1, 0]
                    case .lmdi:
                        let w = logMean(s1 * p1, s0 * p0)
                        let within = w * Glibc.log(p1 / p0), structural = w * Glibc.log(s1 / s0)
                        row = [within, structural, within / lP, structural / lP]
                    }
                } else {
                    // Employed in one year only (or value added without employment): its whole
                    // contribution to P¹ − P⁰.
                    let ee = x.v1[k] / x.L1 - x.v0[k] / x.L0
                    row = q.method == .twoTerm ? [0, 0, ee] : [0, 0, 0, ee]
                }
                rows[c] = row
                for i in 0..<width { tot[i] += row[i] }
            }
            if q.method == .lmdi {
                exact.check(total: P1 - P0, parts: [tot[0], tot[1]])
                exactLog.check(total: Glibc.log(P1 / P0), parts: [tot[2], tot[3]])
            } else {
                exact.check(total: P1 - P0, parts: tot)
            }
            b.addBlock(region: r, rows: rows, total: tot)
            p0col += [Double](repeating: .nan, count: pd.nC) + [P0]
            p1col += [Double](repeating: .nan, count: pd.nC) + [P1]
            if regions.count == 1 {
                let pct = { (v: Double) in NumberFormatting.fixed(100 * v / P0, decimals: 1) + " %" }
                let names = q.method == .threeTerm ? ["within", "static shift", "dynamic shift", "entry/exit"]
                    : q.method == .twoTerm ? ["within", "structural", "entry/exit"] : ["within", "structural"]
                growthNote = "P⁰ = \(NumberFormatting.fixed(P0, decimals: 4)), P¹ = \(NumberFormatting.fixed(P1, decimals: 4)), growth \(pct(P1 - P0)) = "
                    + names.indices.map { "\(names[$0]) \(pct(tot[$0]))" }.joined(separator: " + ") + " (as shares of P⁰)"
            }
        }
        let va = cube.measures[q.valueAdded], emp = cube.measures[q.employment]
        let names: [String]
        switch q.method {
        case .threeTerm: names = ["within", "static_shift", "dynamic_shift", "entry_exit"]
        case .twoTerm: names = ["within", "structural", "entry_exit"]
        case .lmdi: names = ["within", "structural", "within_log", "structural_log"]
        }
        var t = b.table(names, unit: nil, decimals: Array(repeating: 4, count: names.count))
        t.parts = ColumnParts(components: q.method == .lmdi ? ["within", "structural"] : names)
        t.columns.append(Column("p0", .number(p0col), decimals: 4))
        t.columns.append(Column("p1", .number(p1col), decimals: 4))
        var footer: [String]
        switch q.method {
        case .threeTerm: footer = ["productivity P = \(va.name)/\(emp.name), \(q.from)→\(q.to), three-term (Fagerberg): within Σ S⁰ΔP_i + static shift Σ ΔS_i P⁰_i + dynamic shift Σ ΔS_i ΔP_i + entry/exit (industries employed in one year only) = P¹ − P⁰"]
        case .twoTerm: footer = ["productivity P = \(va.name)/\(emp.name), \(q.from)→\(q.to), two-term (McMillan-Rodrik): within Σ S⁰ΔP_i + structural Σ ΔS_i P¹_i + entry/exit = P¹ − P⁰"]
        case .lmdi: footer = ["productivity P = \(va.name)/\(emp.name), \(q.from)→\(q.to), LMDI-I: within Σ w_i ln(P¹_i/P⁰_i) + structural Σ w_i ln(S¹_i/S⁰_i) = P¹ − P⁰, w_i = L(S¹P¹, S⁰P⁰); the _log columns divide by L(P¹, P⁰) and sum to ln(P¹/P⁰)"]
        }
        if let g = growthNote { footer.append(g) }
        footer.append(Prices.note(va))
        footer += pd.notes
        footer.append(exact.line(q.method == .lmdi ? "within + structural = P¹ − P⁰" : "the terms add up to P¹ − P⁰"))
        if q.method == .lmdi { footer.append(exactLog.line("within_log + structural_log = ln(P¹/P⁰)")) }
        if !droppedNames.isEmpty {
            footer.append("left out for a missing value in one of the years: \(droppedNames.sorted().prefix(10).joined(separator: ", "))\(droppedNames.count > 10 ? ", …" : "") (missing is not zero)")
        }
        t.footer = footer
        return t
    }
}

/// The price basis of a value measure, for warnings on growth statements.
public enum Prices {
    /// `constant 2023`, `current`, or nil when the metadata do not say.
    public static func basis(_ m: Measure) -> String? {
        if let p = m.prices { return p }
        let u = (m.unit ?? "").lowercased()
        if u.contains("constant") || u.contains("fasta") || u.contains("chained") || u.contains("volume") { return "constant" }
        if u.contains("current") || u.contains("löpande") || u.contains("lopande") { return "current" }
        return nil
    }

    static func note(_ m: Measure) -> String {
        switch basis(m) {
        case .some(let b) where b.hasPrefix("current"):
            return "WARNING: \(m.name) is in current prices: its change mixes price and volume change"
        case .some(let b): return "\(m.name): \(b) prices"
        case .none: return "\(m.name): prices not stated; growth statements need constant prices (set with `with \(m.name) prices constant YEAR` on load)"
        }
    }
}
