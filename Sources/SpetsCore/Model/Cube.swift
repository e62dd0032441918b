// Cube.swift — the columnar dataset: one row per observation, dimension codes as code
// columns (CodeColumn.swift), one [Double] per measure. Missing is NaN and never confused with zero.

public struct Measure {
    public var name: String
    public var unit: String?
    /// One per row; from a reopened workspace read on first use (`DeferredValues`); from
    /// four-byte words made doubles on first use (`ScaledValues`: hot loops read `scaled`).
    public var values: [Double] {
        get {
            switch column {
            case .ready(let v): return v
            case .deferred(let d): return d.values
            case .scaled(let s): return s.values
            }
        }
        set { column = .ready(newValue) }
        _modify {
            var v = values
            column = .ready([])   // a ready array's one reference left is `v`: changed in place
            defer { column = .ready(v) }
            yield &v
        }
    }
    private enum Column { case ready([Double]), deferred(DeferredValues), scaled(ScaledValues) }
    private var column: Column
    /// `constant 2019`, `current`, or nil when not stated.
    public var prices: String?
    /// What the source said about single cells (`p`, `e`, `..`); nil when it said nothing.
    public var flags: CellFlags?
    public init(name: String, unit: String? = nil, values: [Double], prices: String? = nil, flags: CellFlags? = nil) {
        self.name = name; self.unit = unit; self.column = .ready(values); self.prices = prices; self.flags = flags
    }
    /// Values a workspace reads when they are first used.
    public init(name: String, unit: String? = nil, deferred: DeferredValues, prices: String? = nil, flags: CellFlags? = nil) {
        self.name = name; self.unit = unit; self.column = .deferred(deferred); self.prices = prices; self.flags = flags
    }
    /// Values kept as whole multiples of 10^-d, four bytes a row (ScaledValues.swift).
    public init(name: String, unit: String? = nil, scaled: ScaledValues, prices: String? = nil, flags: CellFlags? = nil) {
        self.name = name; self.unit = unit; self.column = .scaled(scaled); self.prices = prices; self.flags = flags
    }
    /// The four-byte words, when the values are kept so.
    public var scaled: ScaledValues? { if case .scaled(let s) = column { return s }; return nil }
    /// Whether the values are still to be read (a reopened workspace's, before first use).
    public var isDeferred: Bool {
        switch column {
        case .ready: return false
        case .deferred(let d): return !d.isLoaded
        case .scaled(let s): return !s.isLoaded
        }
    }
    /// Rows, without reading deferred values.
    public var count: Int {
        switch column {
        case .ready(let v): return v.count
        case .deferred(let d): return d.count
        case .scaled(let s): return s.count
        }
    }
    public var missingCount: Int {
        if let s = scaled { return s.words.reduce(0) { $0 + ($1 == ScaledValues.missing ? 1 : 0) } }   // without making doubles
        return values.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
    }
}

public final class Cube {
    public let name: String
    public let source: String
    public let region: Dimension
    public let industry: Dimension?
    public let yearName: String
    public let extras: [Dimension]
    public let regionCodes: CodeColumn
    public let industryCodes: CodeColumn   // empty when there is no industry dimension
    public let years: CodeColumn
    public let extraCodes: [CodeColumn]
    public let measures: [Measure]
    /// Notes made while loading (encoding fallback, layout, detected columns).
    public let notes: [String]
    /// Regions that are sums of groups (added by `compare`), with the level they stand at.
    public var aggregateLevels: [Int32: Int] = [:]

    public init(name: String, source: String, region: Dimension, industry: Dimension?, yearName: String = "year",
                extras: [Dimension], regionCodes: CodeColumn, industryCodes: CodeColumn, years: CodeColumn,
                extraCodes: [CodeColumn], measures: [Measure], notes: [String] = []) {
        self.name = name; self.source = source; self.region = region; self.industry = industry
        self.yearName = yearName; self.extras = extras; self.regionCodes = regionCodes
        self.industryCodes = industryCodes; self.years = years; self.extraCodes = extraCodes
        self.measures = measures; self.notes = notes
    }

    public var count: Int { years.count }

    public func renamed(_ newName: String) -> Cube {
        let c = Cube(name: newName, source: source, region: region, industry: industry, yearName: yearName, extras: extras,
                     regionCodes: regionCodes, industryCodes: industryCodes, years: years, extraCodes: extraCodes,
                     measures: measures, notes: notes)
        c.knownSummary = knownSummary
        return c
    }

    public func measureIndex(_ name: String) -> Int? {
        if let i = measures.firstIndex(where: { $0.name == name }) { return i }
        let f = Text.fold(name)
        return measures.firstIndex { Text.fold($0.name) == f }
    }

    /// Distinct years present, ascending (every verb checks its year against them).
    public var distinctYears: [Int] { rowSummary.years }

    /// Per region: whether the dataset has rows for it at all (a filter keeps every label).
    public var regionsWithRows: [Bool] { rowSummary.regions }

    /// Years and regions with rows: from one pass over the rows on first use, or as a
    /// workspace kept them.
    var knownSummary: RowSummary? = nil
    public var rowSummary: RowSummary {
        if let s = knownSummary { return s }
        let s = RowSummary.of(years: years, regionCodes: regionCodes, regions: region.count)
        knownSummary = s
        return s
    }
}

extension Cube {
    /// The rows whose flag is set, as a new dataset (dimensions shared, not copied).
    /// The same data with other loading notes.
    public func withNotes(_ notes: [String]) -> Cube {
        let c = Cube(name: name, source: source, region: region, industry: industry, yearName: yearName, extras: extras,
                     regionCodes: regionCodes, industryCodes: industryCodes, years: years, extraCodes: extraCodes,
                     measures: measures, notes: notes)
        c.aggregateLevels = aggregateLevels
        c.knownSummary = knownSummary
        return c
    }

    public func subset(_ keep: [Bool], name: String) -> Cube {
        let n = keep.reduce(0) { $0 + ($1 ? 1 : 0) }
        func g<T>(_ a: [T]) -> [T] { a.isEmpty ? [] : a.kept(keep, count: n) }
        func g(_ a: CodeColumn) -> CodeColumn { a.isEmpty ? [] : a.kept(keep, count: n) }
        return Cube(name: name, source: source, region: region, industry: industry, yearName: yearName, extras: extras,
                    regionCodes: g(regionCodes), industryCodes: g(industryCodes), years: g(years),
                    extraCodes: extraCodes.map { g($0) },
                    measures: measures.map { m in
                        let flags = m.flags.map { CellFlags(labels: $0.labels, codes: g($0.codes)) }
                        if let s = m.scaled {   // the words kept as words
                            return Measure(name: m.name, unit: m.unit, scaled: ScaledValues(words: g(s.words), decimals: s.decimals), prices: m.prices, flags: flags)
                        }
                        return Measure(name: m.name, unit: m.unit, values: g(m.values), prices: m.prices, flags: flags)
                    },
                    notes: notes + ["filtered from \(self.name): \(n) of \(count) rows"])
    }
}

extension Cube {
    /// The same data plus one region that is the sum of `members` (per industry, year and extra
    /// dimensions; missing stays missing only when every member is missing). The new region
    /// stands at the members' level but never counts in a reference sum.
    public func addingAggregate(code: String, name: String, members: [Int32], level: Int) -> (Cube, Int32) {
        let newCode = Int32(region.count)
        let dim = Dimension(name: region.name, role: .region, labels: region.labels + [code], names: region.names + [name])
        var isMember = [Bool](repeating: false, count: region.count)
        for m in members where m >= 0 && Int(m) < region.count { isMember[Int(m)] = true }
        var keys: [[Int32]] = []
        var values = measures.map { _ in [Double]() }
        // Each (year, industry, extras) combination gets a slot. Usually the combinations fit a
        // dense index (years × industries × extra values), found by arithmetic; a dictionary
        // keyed by arrays (once a fifth of `compare` on a million rows) only when they do not.
        let y0 = Int(years.bounds?.min ?? 0), ySpan = Int(years.bounds?.max ?? 0) - y0 + 1
        let sizes = [ySpan, industryCodes.isEmpty ? 1 : (industry?.count ?? 1)] + extras.map(\.count)
        let denseSize = sizes.reduce(1) { $0 > 50_000_000 ? $0 : $0 * max($1, 1) }
        var dense = denseSize <= 50_000_000 ? [Int32](repeating: -1, count: denseSize) : []
        var sums: [[Int32]: Int] = [:]
        let columns = measures.map(\.values)
        func key(_ k: Int) -> [Int32] {
            var key: [Int32] = [years[k]]
            if !industryCodes.isEmpty { key.append(industryCodes[k]) }
            for e in extraCodes { key.append(e[k]) }
            return key
        }
        for k in 0..<count where isMember[Int(regionCodes[k])] {
            let slot: Int
            if !dense.isEmpty {
                var at = Int(years[k]) - y0
                at = at * sizes[1] + (industryCodes.isEmpty ? 0 : Int(industryCodes[k]))
                for (j, e) in extraCodes.enumerated() { at = at * sizes[2 + j] + Int(e[k]) }
                if dense[at] >= 0 { slot = Int(dense[at]) } else {
                    slot = keys.count; dense[at] = Int32(slot); keys.append(key(k))
                    for m in values.indices { values[m].append(.nan) }
                }
            } else if let s = sums[key(k)] { slot = s } else {
                slot = keys.count; sums[key(k)] = slot; keys.append(key(k))
                for m in values.indices { values[m].append(.nan) }
            }
            for (m, column) in columns.enumerated() {
                let v = column[k]
                if !v.isNaN { values[m][slot] = values[m][slot].isNaN ? v : values[m][slot] + v }
            }
        }
        let hasInd = !industryCodes.isEmpty
        let cube = Cube(name: self.name, source: source, region: dim, industry: industry, yearName: yearName, extras: extras,
                        regionCodes: regionCodes.appending(keys.map { _ in newCode }),
                        industryCodes: hasInd ? industryCodes.appending(keys.map { $0[1] }) : [],
                        years: years.appending(keys.map { $0[0] }),
                        extraCodes: extraCodes.indices.map { e in extraCodes[e].appending(keys.map { $0[(hasInd ? 2 : 1) + e] }) },
                        measures: measures.indices.map { m in Measure(name: measures[m].name, unit: measures[m].unit,
                                                                      values: measures[m].values + values[m], prices: measures[m].prices,
                                                                      flags: measures[m].flags.map { $0.padded(to: count + keys.count) }) },
                        notes: notes)
        cube.aggregateLevels = aggregateLevels
        cube.aggregateLevels[newCode] = level
        return (cube, newCode)
    }
}

extension Cube {
    /// Every column has one entry per row and every code names a value of its dimension: what
    /// a loader must guarantee of whatever it returns (the fuzzers and tests check it).
    public var isConsistent: Bool {
        let n = count
        guard regionCodes.count == n, industryCodes.isEmpty || industryCodes.count == n,
              measures.allSatisfy({ $0.count == n && ($0.flags.map { f in f.codes.count == n && f.codes.allSatisfy { Int($0) <= f.labels.count } } ?? true) }),
              extraCodes.count == extras.count,
              extraCodes.allSatisfy({ $0.count == n }) else { return false }
        guard regionCodes.allSatisfy({ $0 >= 0 && Int($0) < region.count }) else { return false }
        if let d = industry, !industryCodes.allSatisfy({ $0 >= 0 && Int($0) < d.count }) { return false }
        if industry == nil && !industryCodes.isEmpty { return false }
        for (k, e) in extras.enumerated() where !extraCodes[k].allSatisfy({ $0 >= 0 && Int($0) < e.count }) { return false }
        return true
    }
}
