// Indicator.swift — one number per region and year, built from measures: a measure, a ratio
// (`va per emp`), an area's share (`share emp of kis`) or an area's sum (`emp of bio`).
// Ratios and shares keep their components so projections can project those.

public struct IndicatorSpec {
    public enum Kind: Sendable { case measure, ratio, share, areaSum }
    public var kind: Kind
    public var cube: Cube
    public var measure: Int
    public var denominator: Int? = nil
    public var area: Area? = nil
    /// As written, for footers (`se.value_added per se.employment`).
    public var text: String

    public init(kind: Kind, cube: Cube, measure: Int, denominator: Int? = nil, area: Area? = nil, text: String) {
        self.kind = kind; self.cube = cube; self.measure = measure; self.denominator = denominator; self.area = area; self.text = text
    }

    /// A measure summed over a set of industries (all of the partition when `area` is nil).
    public struct Component {
        public var measure: Int
        public var area: Area?
    }

    /// Numerator first; a denominator second for ratios and shares.
    public var components: [Component] {
        switch kind {
        case .measure: return [Component(measure: measure, area: nil)]
        case .areaSum: return [Component(measure: measure, area: area)]
        case .ratio: return [Component(measure: measure, area: nil), Component(measure: denominator!, area: nil)]
        case .share: return [Component(measure: measure, area: area), Component(measure: measure, area: nil)]
        }
    }

    public var isPercentLike: Bool { kind == .share }
}

/// A region's component series over the dataset's years, and per industry (for shift-share
/// projections and scenarios).
public struct ComponentSeries {
    public var years: [Int]
    /// values[y] for the component total (NaN missing).
    public var total: [Double]
    /// Per partition industry: values[industry][y]; and the reference sums the same way.
    public var byIndustry: [[Double]]
    public var referenceByIndustry: [[Double]]
    public var industries: [Int32]
    public var industryLabels: [String]
}

public enum IndicatorData {
    /// The series of every component for region r, over all years of the dataset.
    public static func series(_ spec: IndicatorSpec, region r: Int32, registry: Registry) throws(Diagnostic) -> [ComponentSeries] {
        let cube = spec.cube
        let years = cube.distinctYears
        var out: [ComponentSeries] = []
        for comp in spec.components {
            guard cube.industry != nil else {
                // Region × year data: the cells themselves.
                var t = [Double](repeating: .nan, count: years.count)
                let values = cube.measures[comp.measure].values
                let rows = try cube.summableRows((0..<cube.count).filter { cube.regionCodes[$0] == r },
                                                 context: "for \(cube.region.display(r))")
                for k in rows {
                    let yi = years.firstIndex(of: Int(cube.years[k]))!
                    t[yi] = t[yi].isNaN ? values[k] : t[yi] + values[k]
                }
                out.append(ComponentSeries(years: years, total: t, byIndustry: [], referenceByIndustry: [], industries: [], industryLabels: []))
                continue
            }
            var total = [Double](repeating: .nan, count: years.count)
            var byInd: [[Double]] = [], refByInd: [[Double]] = [], industries: [Int32] = [], labels: [String] = []
            // One partition over all years so industries line up.
            let first = try CrossSection.build(cube, measure: comp.measure, year: years[0], registry: registry, partitionYears: years)
            let columns = first.partitionColumns
            var inside = Array(0..<columns.count)
            if let a = comp.area { inside = a.match(columns, cube.industry!, registry: registry).inside }
            industries = inside.map { columns[$0] }
            labels = industries.map { cube.industry!.labels[Int($0)] }
            byInd = Array(repeating: [Double](repeating: .nan, count: years.count), count: inside.count)
            refByInd = byInd
            for (yi, y) in years.enumerated() {
                let cs = try CrossSection.build(cube, measure: comp.measure, year: y, registry: registry,
                                                industries: .fixed(columns, first.notes[0]))
                guard cs.active[Int(r)] else { continue }
                var sum = 0.0, any = false
                let peers = cs.peers(of: Int(r))
                for (k, c) in inside.enumerated() {
                    let v = cs.present[Int(r) * cs.nC + c] ? cs.at(Int(r), c) : 0
                    byInd[k][yi] = v
                    if !v.isNaN { sum += v; any = true }
                    var n = 0.0
                    for p in peers { let x = cs.at(p, c); if !x.isNaN { n += x } }
                    refByInd[k][yi] = n
                }
                total[yi] = any ? sum : .nan
            }
            out.append(ComponentSeries(years: years, total: total, byIndustry: byInd, referenceByIndustry: refByInd,
                                       industries: industries, industryLabels: labels))
        }
        return out
    }

    /// The indicator's own values per year from its components.
    public static func combine(_ spec: IndicatorSpec, _ parts: [Double]) -> Double {
        switch spec.kind {
        case .measure, .areaSum: return parts[0]
        case .ratio, .share: return parts[1] != 0 && !parts[1].isNaN ? parts[0] / parts[1] : .nan
        }
    }
}
