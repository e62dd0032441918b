// IndustryHierarchy.swift — the industry tree of the registry as queries: children (tree
// children, or an aggregate's members), ancestors, leaves, and the ancestor at a level.

extension Registry {
    /// Children of an industry node: registry entries whose parent it is, or, for an
    /// aggregate outside the tree (`G-J`), its members.
    public func industryChildren(_ code: String) -> [String] {
        buildIndustryIndex()
        return industryIndex!.children[code.uppercased()] ?? []
    }

    /// Every node above `code`: its parent chain, aggregates that contain it or an ancestor,
    /// and (for an aggregate) whatever is above its members.
    public func industryAncestors(_ code: String) -> Set<String> {
        buildIndustryIndex()
        var out = Set<String>()
        var stack = [code.uppercased()]
        while let c = stack.popLast() {
            var ups: [String] = []
            if let p = industry(c)?.parent?.uppercased() { ups.append(p) }
            ups += industryIndex!.containedIn[c] ?? []
            if let e = industry(c), !e.members.isEmpty {
                for m in e.members { ups += industryAncestorsOfMember(m.uppercased()) }
            }
            for u in ups where !out.contains(u) && u != code.uppercased() { out.insert(u); stack.append(u) }
        }
        return out
    }

    private func industryAncestorsOfMember(_ m: String) -> [String] {
        var ups: [String] = []
        if let p = industry(m)?.parent?.uppercased() { ups.append(p) }
        return ups
    }

    /// The finest registry codes under a node (divisions); a code outside the registry is its
    /// own leaf.
    public func industryLeaves(_ code: String) -> Set<String> {
        let kids = industryChildren(code)
        if kids.isEmpty { return [code.uppercased()] }
        var out = Set<String>()
        for k in kids { out.formUnion(industryLeaves(k)) }
        return out
    }

    /// The ancestor (or the node itself) at `level` (`section`, `a10`, `division`, `total`).
    public func industryAncestor(_ code: String, atLevel level: String) -> String? {
        var c: String? = code.uppercased()
        while let x = c {
            guard let e = industry(x) else { return nil }
            if e.level == level { return e.code }
            // A section that is also an A*10 group (A, F, J, K, L) answers for both levels.
            if level == "a10" && e.level == "section" && e.parent?.uppercased() == "TOTAL" { return e.code }
            c = e.parent?.uppercased()
        }
        return nil
    }

    private func buildIndustryIndex() {
        if industryIndex != nil { return }
        var children: [String: [String]] = [:], containedIn: [String: [String]] = [:]
        for e in industries {
            if let p = e.parent?.uppercased(), !p.isEmpty { children[p, default: []].append(e.code.uppercased()) }
            if !e.members.isEmpty {
                children[e.code.uppercased()] = e.members.map { $0.uppercased() }
                for m in e.members { containedIn[m.uppercased(), default: []].append(e.code.uppercased()) }
            }
        }
        industryIndex = IndustryIndex(children: children, containedIn: containedIn)
    }
}

struct IndustryIndex {
    var children: [String: [String]]
    var containedIn: [String: [String]]
}
