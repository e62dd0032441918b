// NameResolver.swift — finds the region or industry a person meant, in one dataset:
// codes, display names, registry codes/names (SCB `08` ↔ `SE213`), folded spelling, unique
// prefixes; a miss or an ambiguity lists candidates.

public struct NameResolver {
    public let dimension: Dimension
    let registry: Registry?
    let kind: String

    public init(_ dimension: Dimension, registry: Registry?) {
        self.dimension = dimension
        self.registry = registry
        // `organisation` and `field` in publication data; `region` and `industry` otherwise.
        kind = dimension.role == .industry ? (dimension.isClassifiedIndustry ? "industry" : dimension.name) : dimension.name
    }

    /// The registry's entry for a dataset's code: by code only (a code is not a name).
    private func registryEntry(_ s: String) -> RegistryEntry? {
        guard let registry else { return nil }
        return dimension.role == .industry ? registry.industry(s) : registry.regionByCode(s)
    }

    /// The registry's entry for what a person typed: codes, names and forgiving spellings.
    private func registryEntry(typed s: String) -> RegistryEntry? {
        guard let registry else { return nil }
        return dimension.role == .industry ? registry.industry(s) : registry.region(s)
    }

    /// Every name a code of the dimension is known by (for completion and suggestions).
    public func names(of i: Int) -> [String] {
        var out = [dimension.labels[i]]
        if let n = dimension.names[i] { out.append(n) }
        if let e = registryEntry(dimension.labels[i]) {
            out += [e.code] + (e.altCode.map { [$0] } ?? []) + [e.nameSv, e.nameEn].compactMap { $0 } + e.aliases
        }
        return out
    }

    public func resolve(_ text: String, dataset: String) throws(Diagnostic) -> Int32 {
        if let i = dimension.index(of: text) { return i }
        let f = Text.fold(text)
        let stripped = Self.stripSuffixes(f)
        var exact: Set<Int32> = [], prefix: Set<Int32> = []
        for i in 0..<dimension.count {
            for n in names(of: i) {
                let g = Text.fold(n)
                if g == f || Self.stripSuffixes(g) == stripped { exact.insert(Int32(i)) }
                else if g.hasPrefix(f) || Self.stripSuffixes(g).hasPrefix(stripped) { prefix.insert(Int32(i)) }
            }
        }
        if exact.count == 1 { return exact.first! }
        let pool = exact.isEmpty ? prefix : exact
        if pool.count == 1 { return pool.first! }
        if pool.count > 1 {
            let c = pool.sorted().map { describe($0) }
            throw Diagnostic(.matchesSeveral, text, kind == "industry" ? "industries" : kind + "s", dataset,
                             help: "write one of them (a code is always unique)", candidates: Array(c.prefix(8)))
        }
        if let e = registryEntry(typed: text) {
            throw Diagnostic(.dataset, e.name, e.code, dataset,
                             help: "\(dataset) has \(dimension.count) \(kind == "industry" ? "industries" : kind + "s"), e.g. " +
                                dimension.labels.prefix(5).joined(separator: ", "))
        }
        var all: [String] = []
        for i in 0..<dimension.count {
            for n in names(of: i) {
                all.append(n)
                // `Kalmar län` is also offered as `Kalmar`.
                for suffix in [" län", " County", " county"] where n.hasSuffix(suffix) { all.append(String(n.dropLast(suffix.count))) }
            }
        }
        let sugg = Text.suggestions(for: text, among: all, limit: 4)
        throw Diagnostic(.no, kind, text, dataset, candidates: sugg)
    }

    func describe(_ i: Int32) -> String {
        let l = dimension.labels[Int(i)]
        if let n = dimension.names[Int(i)] ?? registryEntry(l)?.name, n != l { return "\(n) (\(l))" }
        return l
    }

    static func stripSuffixes(_ f: String) -> String { Text.stripPlaceWords(f) }
}
