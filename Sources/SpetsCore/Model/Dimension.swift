// Dimension.swift — a dictionary-encoded dimension: codes as they appear in the file, with
// optional display names (from a one-to-one label column) and a lazy code → index lookup.

public final class Dimension {
    public enum Role: String, Sendable { case region, industry, extra }
    public let name: String
    public let role: Role
    public let labels: [String]
    public let names: [String?]
    /// An extra dimension whose values partition the whole (PC-Axis `ELIMINATION=YES`):
    /// analyses may sum over it instead of asking which value.
    public let summable: Bool
    /// The value that is the total of the others (PC-Axis `ELIMINATION="totalt"`, PxWeb's
    /// eliminationValueCode): analyses use it when no value was chosen.
    public let total: Int32?
    private var lookupCache: [String: Int32]? = nil

    public init(name: String, role: Role, labels: [String], names: [String?]? = nil, summable: Bool = false, total: Int32? = nil) {
        self.name = name; self.role = role; self.labels = labels; self.summable = summable; self.total = total
        self.names = names ?? Array(repeating: nil, count: labels.count)
    }

    public var count: Int { labels.count }

    /// An industry dimension coded by NACE/SNI (named `industry`); category dimensions that
    /// take the industry role (`marital_status`) keep their own name and no registry applies.
    public var isClassifiedIndustry: Bool { role == .industry && (name == "industry" || name == "area") }

    /// The index of a code, compared exactly then case-insensitively.
    public func index(of label: String) -> Int32? {
        if lookupCache == nil {
            var m: [String: Int32] = [:]
            for (i, l) in labels.enumerated() { m[l] = Int32(i) }
            for (i, l) in labels.enumerated() where m[l.uppercased()] == nil { m[l.uppercased()] = Int32(i) }
            lookupCache = m
        }
        return lookupCache![label] ?? lookupCache![label.uppercased()]
    }

    /// What people read: `Kalmar län` when a name is known, else the code.
    public func display(_ i: Int32) -> String { names[Int(i)] ?? labels[Int(i)] }
}
