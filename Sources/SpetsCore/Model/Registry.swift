// Registry.swift — known regions and industries (codes, names in two languages, hierarchy)
// and the forgiving name resolution that lets `Kalmar`, `kalmar län`, `SE213` and `08` meet.

public struct RegistryEntry {
    public var code: String
    public var level: String
    public var levelRank: Int
    public var parent: String?
    public var nameSv: String?
    public var nameEn: String?
    public var altCode: String?
    public var aliases: [String]
    public var members: [String]

    /// The name shown to people (Swedish first: the users are Swedish regions).
    public var name: String { nameSv ?? nameEn ?? code }
    var allNames: [String] { [nameSv, nameEn].compactMap { $0 } + aliases }
}

public final class Registry {
    private var regionList: [RegistryEntry] = []
    private var industryList: [RegistryEntry] = []
    private var regionKeys: [String: Int] = [:]
    private var industryKeys: [String: Int] = [:]
    /// Reads the bundled files on first use: start-up does not pay for a registry that a
    /// session may never consult.
    private var pending: (() -> Void)?
    /// Built on first use by IndustryHierarchy; reset when industries are added.
    var industryIndex: IndustryIndex? = nil

    public init() {}

    /// A registry filled by `load` the first time it is consulted.
    public init(lazy load: @escaping () -> Void) { pending = load }

    private func ensureLoaded() {
        if let p = pending { pending = nil; p() }
    }

    public var regions: [RegistryEntry] { ensureLoaded(); return regionList }
    public var industries: [RegistryEntry] { ensureLoaded(); return industryList }

    public static let regionLevelNames = ["country", "nuts1", "nuts2", "county", "municipality"]

    /// Adds regions from a CSV with columns code, level, parent, [scb_code], name_sv, name_en, [aliases].
    public func addRegions(csv bytes: [UInt8], file: String) throws(Diagnostic) {
        ensureLoaded()
        for e in try Self.entries(bytes, file: file, altCodeColumn: "scb_code") {
            add(e, to: &regionList, keys: &regionKeys)
        }
    }

    public func addIndustries(csv bytes: [UInt8], file: String) throws(Diagnostic) {
        ensureLoaded()
        industryIndex = nil
        for e in try Self.entries(bytes, file: file, altCodeColumn: "alt_code") {
            add(e, to: &industryList, keys: &industryKeys)
        }
    }

    private func add(_ e: RegistryEntry, to list: inout [RegistryEntry], keys: inout [String: Int]) {
        let idx: Int
        if let old = keys[e.code.uppercased()] { list[old] = e; idx = old } else { list.append(e); idx = list.count - 1 }
        keys[e.code.uppercased()] = idx
        if let a = e.altCode, !a.isEmpty { keys[a.uppercased()] = idx }
        for n in e.allNames {
            for f in [Text.fold(n), Text.stripPlaceWords(Text.fold(n))] where keys[f] == nil { keys[f] = idx }
        }
    }

    private static func entries(_ bytes: [UInt8], file: String, altCodeColumn: String) throws(Diagnostic) -> [RegistryEntry] {
        let (_, rows) = try CSVText.rows(bytes, file: file)
        guard let header = rows.first?.map({ Text.snakeCase($0) }) else { return [] }
        func col(_ n: String) -> Int? { header.firstIndex(of: n) }
        guard let ci = col("code") else {
            throw Diagnostic(.registryFileHasNoColumn, location: FileLocation(file: file, line: 1),
                             help: "expected columns: code, level, parent, name_sv, name_en")
        }
        let li = col("level"), pi = col("parent"), si = col("name_sv"), ei = col("name_en") ?? col("name")
        let ai = col(altCodeColumn) ?? col("scb_code"), al = col("aliases"), mi = col("members")
        var out: [RegistryEntry] = []
        for r in rows.dropFirst() {
            func v(_ i: Int?) -> String? { guard let i, i < r.count, !r[i].isEmpty else { return nil }; return r[i] }
            guard let code = v(ci) else { continue }
            let level = v(li) ?? ""
            let rank = Int(level) ?? (Registry.regionLevelNames.firstIndex(of: level) ?? -1)
            out.append(RegistryEntry(code: code, level: level, levelRank: rank, parent: v(pi), nameSv: v(si), nameEn: v(ei),
                                     altCode: v(ai), aliases: (v(al) ?? "").split(separator: "|").map { String($0).trimmed() },
                                     members: (v(mi) ?? "").split(separator: " ").map(String.init)))
        }
        return out
    }

    public func region(_ key: String) -> RegistryEntry? { ensureLoaded(); return lookup(key, regionList, regionKeys) }

    /// A region by its code (or SCB code) only: what a dataset's labels are matched with.
    /// Folding is for names people type; a code is a code (`are`, the Emirates in a trade
    /// file, is not Åre).
    public func regionByCode(_ code: String) -> RegistryEntry? {
        ensureLoaded()
        let u = code.uppercased()
        guard let i = regionKeys[u] else { return nil }
        let e = regionList[i]
        return e.code.uppercased() == u || e.altCode?.uppercased() == u ? e : nil
    }
    public func industry(_ key: String) -> RegistryEntry? { ensureLoaded(); return lookup(key, industryList, industryKeys) }

    private func lookup(_ key: String, _ list: [RegistryEntry], _ keys: [String: Int]) -> RegistryEntry? {
        if let i = keys[key.uppercased()] ?? keys[Text.fold(key)] ?? keys[Text.stripPlaceWords(Text.fold(key))] { return list[i] }
        // Eurostat writes some NACE groups with an underscore (`M_N` in nama_10r_*).
        if key.contains("_"), let i = keys[key.uppercased().replacingUnderscores()] { return list[i] }
        return nil
    }

    /// The hierarchy level of a region code: the registry's, else inferred from the code's
    /// shape (NUTS-like `SE213` → 3 from its length; SCB numeric codes: 2 digits county, 4
    /// municipality); unknown shapes share level -1 so a file of them is one level.
    public func regionLevel(_ code: String) -> Int {
        if let e = regionByCode(code), e.levelRank >= 0 { return e.levelRank }
        let u = Array(code.utf8)
        if !u.isEmpty && u.allSatisfy({ $0 &- 48 < 10 }) { return u.count <= 2 ? 3 : 4 }
        if u.count >= 3 && u.count <= 5 && u[0] &- 65 < 26 && u[1] &- 65 < 26
            && u.dropFirst(2).allSatisfy({ $0 &- 48 < 10 || $0 &- 65 < 26 }) { return u.count - 2 }
        return -1
    }

    public func levelName(_ rank: Int) -> String {
        rank < 0 ? "unrecognised codes" : rank < Self.regionLevelNames.count ? Self.regionLevelNames[rank] : "level \(rank)"
    }
}

extension String {
    /// `M_N` → `M-N`.
    func replacingUnderscores() -> String { String(map { $0 == "_" ? "-" : $0 }) }
}
