// Verbs.swift — what the verbs' handlers share: the year, the measure, the scope (regions,
// reference, industries, level, missing), method words; each handler is in its verb's file.
import SpetsCore

enum Verbs {
    /// The year of an `in YEAR` clause, checked against the data so the caret lands on it.
    static func year(_ c: Clause, in cube: Cube) throws(Diagnostic) -> Int {
        guard case .year(let y) = c.value else { throw Diagnostic(.expectedYear, span: c.span) }
        let ys = cube.distinctYears
        guard ys.contains(y) else {
            let span = ys.isEmpty ? "none" : ys.count == 1 ? "\(ys[0])" : "\(ys.first!)–\(ys.last!)"
            throw Diagnostic(.noObservations, y, cube.name, span: c.span, help: "years in \(cube.name): \(span)")
        }
        return y
    }
}

// MARK: shared clause handling

extension Verbs {
    /// Columns for cross-sectional verbs: `by area`, `level section|a10|division`, or an
    /// explicit `industries` list; the finest complete partition otherwise.
    static func industryChoice(_ s: Session, _ call: VerbCall, _ cube: Cube) throws(Diagnostic) -> IndustryChoice {
        let by = call.clause("by"), list = call.clause("industries")
        let lv = levelWords(call).filter { VerbTable.industryLevels.contains($0.text.lowercased()) }
        let chosen = [by != nil, list != nil, !lv.isEmpty].filter { $0 }.count
        if chosen > 1 {
            throw Diagnostic(.chooseOneIndustry, span: call.span)
        }
        if let by {
            guard !s.areaOrder.isEmpty else {
                throw Diagnostic(.noAreasDefined, span: by.span,
                                 help: "define one first, e.g.  area bio = industries 01..03, 10, 11, 16, 17  (or  area kis = preset kis)")
            }
            return .areas(s.areaOrder.map { s.areas[$0]! })
        }
        if let lvl = lv.first { return .level(lvl.text.lowercased()) }
        if let list, case .items(let items) = list.value {
            guard let dim = cube.industry else { throw Diagnostic(.datasetHasNoIndustryDimension, cube.name, span: list.span) }
            let resolver = NameResolver(dim, registry: s.registry)
            var codes: [Int32] = []
            for it in items {
                switch it.item {
                case .code(let c):
                    do { codes.append(try resolver.resolve(c, dataset: cube.name)) } catch { throw error.at(it.span) }
                case .range(let a, let b):
                    let leaves: Set<String>
                    do { leaves = try AreaBuilder.leaves(of: it.item, registry: s.registry, areas: [:], known: Set(dim.labels.map { $0.uppercased() })) }
                    catch { throw error.at(it.span) }
                    let inRange = (0..<dim.count).filter { leaves.contains(dim.labels[$0].uppercased()) }.map(Int32.init)
                    if inRange.isEmpty { throw Diagnostic(.noIndustries, a, b, cube.name, span: it.span) }
                    codes += inRange
                }
            }
            do { _ = try IndustryPartition.explicit(codes, dimension: dim, registry: s.registry) } catch { throw error.at(list.span) }
            return .explicit(codes)
        }
        return .finest
    }

    static func levelWords(_ call: VerbCall) -> [NameRef] {
        if let c = call.clause("level"), case .words(let w) = c.value { return w }
        return []
    }

    static func regionLevel(_ call: VerbCall) throws(Diagnostic) -> Int? {
        let w = levelWords(call).filter { VerbTable.regionLevels[$0.text.lowercased()] != nil }
        if w.count > 1 { throw Diagnostic(.twoRegionLevelsGiven, span: w[1].span) }
        return w.first.map { VerbTable.regionLevels[$0.text.lowercased()]! }
    }

    static func regions(_ s: Session, _ call: VerbCall, _ cube: Cube) throws(Diagnostic) -> [Int32]? {
        guard let f = call.clause("for"), case .names(let names) = f.value else { return nil }
        var rs: [Int32] = []
        for n in names { rs.append(try s.resolveRegion(n, in: cube)) }
        return rs
    }

    /// The statement's scope, built once: `for` regions, the `vs` reference, the industries
    /// (`by area`, `industries …`, an industry `level`), a region `level`, `missing`.
    static func scope(_ s: Session, _ call: VerbCall, _ cube: Cube, industries: IndustryChoice? = nil) throws(Diagnostic) -> Scope {
        var scope = Scope()
        scope.regions = try regions(s, call, cube)
        scope.reference = try reference(s, call, cube)
        if let industries { scope.industries = industries } else { scope.industries = try industryChoice(s, call, cube) }
        scope.regionLevel = try regionLevel(call)
        scope.missing = missingRule(call)
        return scope
    }

    /// The `vs` clause (whether `vs mean` is allowed is the clause's shape, read by the
    /// parser and the completer).
    static func reference(_ s: Session, _ call: VerbCall, _ cube: Cube) throws(Diagnostic) -> Reference {
        guard let v = call.clause("vs") else { return .levelSum }
        switch v.value {
        case .rest: return .rest
        case .mean: return .mean   // (the parser refuses it where the verb has no mean reference)
        case .name(let n):
            // A group name (and no region of that name) is a group reference.
            if s.group(named: n.text) != nil, (try? s.resolveRegion(n, in: cube)) == nil {
                return .group(n.text, try s.groupMembers(n, in: cube))
            }
            return .region(try s.resolveRegion(n, in: cube))
        default: return .levelSum
        }
    }

    static func measure(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> (Cube, Int) {
        let (cube, m) = try s.measure(call.subject!)
        if cube.industry == nil {
            throw Diagnostic(.datasetHasNoIndustryDimension, cube.name, span: call.subject!.dataset.span,
                             help: "\(call.verb) compares industries within regions; load a file with an industry column")
        }
        return (cube, m)
    }

    /// A CSV of `industry,group` (a header line first).
    static func loadGroups(_ path: NameRef) throws(Diagnostic) -> [String: String] {
        do throws(Diagnostic) {
            let (_, rows) = try CSVText.rows(try FileIO.read(path.text), file: path.text)
            guard rows.count > 1, rows[0].count >= 2 else {
                throw Diagnostic(.needsTwoColumnsIndustryGroup, path.text)
            }
            var out: [String: String] = [:]
            for (k, r) in rows.dropFirst().enumerated() {
                guard r.count >= 2, !r[0].isEmpty, !r[1].isEmpty else {
                    throw Diagnostic(.rowNeedsIndustryGroup, k + 2, path.text,
                                     location: FileLocation(file: path.text, line: k + 2))
                }
                out[r[0].uppercased()] = r[1]
                out[r[0]] = r[1]
            }
            return out
        } catch { throw error.at(path.span) }
    }
}

// MARK: decompositions

extension Verbs {
    static func method<T: RawRepresentable>(_ call: VerbCall, _ type: T.Type) -> T? where T.RawValue == String {
        word(call, "method", type)
    }

    static func convention<T: RawRepresentable>(_ call: VerbCall, _ type: T.Type) -> T? where T.RawValue == String {
        word(call, "convention", type)
    }

    /// `missing skip|zero`; the default leaves missing cells out everywhere.
    static func missingRule(_ call: VerbCall) -> MissingRule { word(call, "missing", MissingRule.self) ?? .out }

    static func word<T: RawRepresentable>(_ call: VerbCall, _ keyword: String, _ type: T.Type) -> T? where T.RawValue == String {
        guard let c = call.clause(keyword), case .name(let n) = c.value else { return nil }
        return T(rawValue: n.text.lowercased())
    }

    /// `X.va per X.emp`: both measures of one dataset.
    static func ratio(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> (Cube, Int, Int) {
        let (cube, va) = try measure(s, call)
        guard let per = call.clause("per"), case .measure(let ref) = per.value else { throw Diagnostic(.needsMeasure2, span: call.span) }
        let (c2, emp) = try s.measure(ref)
        guard c2 === cube else {
            throw Diagnostic(.anotherDatasetThan, ref.dataset.text, ref.measure.text, call.subject!.dataset.text, call.subject!.measure.text,
                             span: ref.span, help: "both measures must come from one dataset")
        }
        return (cube, va, emp)
    }

    static func years(_ call: VerbCall, _ cube: Cube) throws(Diagnostic) -> (Int, Int) {
        // (Their order was checked when the statement was parsed.)
        (try year(call.clause("from")!, in: cube), try year(call.clause("to")!, in: cube))
    }
}

// MARK: relatedness and complexity

extension Verbs {
    static func specialisationMatrix(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> (Cube, SpecialisationMatrix) {
        let (cube, m) = try measure(s, call)
        let y = try year(call.clause("in")!, in: cube)
        var threshold = 1.0
        if let t = call.clause("threshold"), case .number(let v) = t.value { threshold = v }
        do {
            return (cube, try SpecialisationMatrix.build(cube, measure: m, year: y, threshold: threshold, registry: s.registry,
                                                         industries: try industryChoice(s, call, cube), regionLevel: try regionLevel(call)))
        } catch { throw error.at(call.span) }
    }
}
