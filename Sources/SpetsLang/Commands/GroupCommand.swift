// GroupCommand.swift — `group NAME = regions …` and `groups`: named sets of regions (a
// reference with `vs NAME`, one region in `compare`), defined or shipped (datasets/groups.csv).
import SpetsCore

public struct GroupCommand: CommandNode, Equatable {
    public static let spec = CommandSpec(name: "group", usage: "group NAME = regions R, R, …", summary: "a named group of regions (a reference with `vs NAME`, an aggregate in `compare`)", summarySV: "en namngiven grupp regioner (en referens med `vs NAMN`, en summa i `compare`)", journaled: true, node: GroupCommand.self)
    public var name: NameRef
    public var members: [NameRef]

    /// group = "group" NAME "=" "regions" name { "," name } ;
    public static func parse(_ p: inout Parser) throws(Diagnostic) -> GroupCommand {
        p.advance()
        let name = try p.parseIdentifier("a group name")
        _ = try p.expect(symbol: "=", "after `group \(name.text)`")
        try p.expect(word: "regions", "after `group \(name.text) =`")
        return GroupCommand(name: name, members: try p.parseNameList(Parser.nameStops([])))
    }

    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome {
        try e.session.defineGroup(name, members, persist: true, text: e.text)
        return Outcome(messages: ["group \(name.text): \(members.count) regions"])
    }

    public func restore(_ e: Evaluation) throws(Diagnostic) -> Bool {
        try e.session.defineGroup(name, members, persist: false, text: e.text)
        return true
    }
}

public struct GroupsCommand: CommandNode, Equatable {
    public static let spec = CommandSpec(name: "groups", usage: "groups", summary: "the defined and shipped region groups", summarySV: "definierade och medföljande regiongrupper", journaled: true, yieldsTable: true, node: GroupsCommand.self)
    public static func parse(_ p: inout Parser) throws(Diagnostic) -> GroupsCommand { p.advance(); return GroupsCommand() }
    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome { Outcome(table: e.session.groupsTable()) }
}

extension Session {
    /// Shipped groups (`datasets/groups.csv`), read on first use.
    func loadShippedGroups() {
        guard !shippedGroupsLoaded else { return }
        shippedGroupsLoaded = true
        guard let dir = presetDirectory.map({ String($0.dropLast("/areas".count)) }),
              let bytes = try? FileIO.read(dir + "/groups.csv"), let (_, rows) = try? CSVText.rows(bytes, file: "groups.csv") else { return }
        for r in rows.dropFirst() where r.count >= 3 && groupDefs[r[0]] == nil {
            groupDefs[r[0]] = (r[1], r[2].split(separator: " ").map(String.init))
            groupOrder.append(r[0])
        }
    }

    func group(named n: String) -> (title: String?, members: [String])? {
        loadShippedGroups()
        return groupDefs[n] ?? groupDefs.first { $0.key.lowercased() == n.lowercased() }?.value
    }

    func defineGroup(_ name: NameRef, _ members: [NameRef], persist: Bool, text: String) throws(Diagnostic) {
        try checkBindable(name)
        loadShippedGroups()
        // Every member must be a region we know of: in the registry or in a loaded dataset.
        for m in members {
            if registry.region(m.text) != nil { continue }
            if datasets.values.contains(where: { (try? NameResolver($0.region, registry: registry).resolve(m.text, dataset: $0.name)) != nil }) { continue }
            var all = registry.regions.flatMap { e in
                [e.code] + [e.nameSv, e.nameEn].compactMap { $0 } + [e.nameSv].compactMap { $0?.replacingAll(" län", with: "") }
            }
            for c in datasets.values { all += c.region.labels + c.region.names.compactMap { $0 } }
            throw Diagnostic(.noRegionRegistryLoadedDatasets, m.text, span: m.span,
                             candidates: Text.suggestions(for: m.text, among: all))
        }
        if groupDefs[name.text] == nil { groupOrder.append(name.text) }
        groupDefs[name.text] = (nil, members.map(\.text))
        if persist { try workspace.setDefinition(name: name.text, kind: "group", statement: text) }
    }

    /// A group's members as region codes of one dataset.
    func groupMembers(_ n: NameRef, in cube: Cube) throws(Diagnostic) -> [Int32] {
        guard let g = group(named: n.text) else {
            throw Diagnostic(.noGroup, n.text, span: n.span,
                             help: "define one: group \(n.text) = regions A, B, …; `groups` lists them",
                             candidates: Text.suggestions(for: n.text, among: groupOrder))
        }
        var out: [Int32] = []
        for m in g.members {
            do { out.append(try NameResolver(cube.region, registry: registry).resolve(m, dataset: cube.name)) }
            catch { throw Diagnostic(.group, n.text, error, span: n.span, candidates: error.candidates) }
        }
        return out
    }

    func groupsTable() -> Table {
        loadShippedGroups()
        return Table(columns: [Column("group", .text(groupOrder), kind: .key),
                               Column("regions", .text(groupOrder.map { groupDefs[$0]!.members.joined(separator: ", ") })),
                               Column("about", .text(groupOrder.map { groupDefs[$0]!.title ?? "defined in this session" }))],
                     footer: ["use a group as the reference with `vs NAME`, or compare it as one region with `compare A, NAME on …`"])
    }
}
