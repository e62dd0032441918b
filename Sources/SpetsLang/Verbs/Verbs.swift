// Verbs.swift — handlers of the analysis verbs: resolve names, call SpetsCore, return a Table.
import SpetsCore

enum Verbs {
    /// The year of an `in YEAR` clause, checked against the data so the caret lands on it.
    static func year(_ c: Clause, in cube: Cube) throws(Diagnostic) -> Int {
        guard case .year(let y) = c.value else { throw Diagnostic(message: "expected a year", span: c.span) }
        let ys = cube.distinctYears
        guard ys.contains(y) else {
            let span = ys.isEmpty ? "none" : ys.count == 1 ? "\(ys[0])" : "\(ys.first!)–\(ys.last!)"
            throw Diagnostic(message: "no observations for \(y) in \(cube.name)", span: c.span, help: "years in \(cube.name): \(span)")
        }
        return y
    }

    static func lq(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, m) = try measure(s, call)
        var req = LQRequest(measure: m, year: try year(call.clause("in")!, in: cube))
        req.scope = try scope(s, call, cube)
        if let w = call.clause("with"), case .words(let words) = w.value {
            for x in words { if x.text.lowercased() == "slq" { req.symmetric = true } else { req.binary = true } }
        }
        if let t = call.clause("threshold"), case .number(let v) = t.value {
            guard req.binary else {
                throw Diagnostic(message: "`threshold` applies to the binary column: add `with binary`", span: t.span)
            }
            req.threshold = v
        }
        do { return try LocationQuotient.compute(cube, req, registry: s.registry) }
        catch { throw error.at(call.span) }
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
            throw Diagnostic(message: "choose one of `by area`, `industries …` and an industry `level`", span: call.span)
        }
        if let by {
            guard !s.areaOrder.isEmpty else {
                throw Diagnostic(message: "no areas are defined", span: by.span,
                                 help: "define one first, e.g.  area bio = industries 01..03, 10, 11, 16, 17  (or  area kis = preset kis)")
            }
            return .areas(s.areaOrder.map { s.areas[$0]! })
        }
        if let lvl = lv.first { return .level(lvl.text.lowercased()) }
        if let list, case .items(let items) = list.value {
            guard let dim = cube.industry else { throw Diagnostic(message: "dataset \(cube.name) has no industry dimension", span: list.span) }
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
                    if inRange.isEmpty { throw Diagnostic(message: "no industries \(a)..\(b) in \(cube.name)", span: it.span) }
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
        if w.count > 1 { throw Diagnostic(message: "two region levels given", span: w[1].span) }
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

    /// The `vs` clause; whether `vs mean` is allowed is the verb's clause shape (the parser
    /// and the completer read the same).
    static func reference(_ s: Session, _ call: VerbCall, _ cube: Cube) throws(Diagnostic) -> Reference {
        guard let v = call.clause("vs") else { return .levelSum }
        switch v.value {
        case .rest: return .rest
        case .mean:
            guard case .reference(allowsMean: true)? = VerbTable.named(call.verb)?.clause("vs")?.shape else {
                throw Diagnostic(message: "`vs mean` applies to Krugman's index (specialisation, krugman)", span: v.span,
                                 help: "use `vs rest` or `vs REGION`")
            }
            return .mean
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
            throw Diagnostic(message: "dataset \(cube.name) has no industry dimension", span: call.subject!.dataset.span,
                             help: "\(call.verb) compares industries within regions; load a file with an industry column")
        }
        return (cube, m)
    }

    static func specialisation(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, m) = try measure(s, call)
        var q = SpecialisationRequest(measure: m, year: try year(call.clause("in")!, in: cube))
        q.scope = try scope(s, call, cube)
        q.half = call.clause("half") != nil
        q.nats = call.clause("nats") != nil
        if let g = call.clause("groups"), case .string(let path) = g.value {
            q.groups = try loadGroups(path)
            q.groupsSource = path.text
        }
        do { return try Specialisation.compute(cube, q, registry: s.registry) } catch { throw error.at(call.span) }
    }

    /// A CSV of `industry,group` (a header line first).
    static func loadGroups(_ path: NameRef) throws(Diagnostic) -> [String: String] {
        do throws(Diagnostic) {
            let (_, rows) = try CSVText.rows(try FileIO.read(path.text), file: path.text)
            guard rows.count > 1, rows[0].count >= 2 else {
                throw Diagnostic(message: "\(path.text) needs two columns, industry and group, with a header line")
            }
            var out: [String: String] = [:]
            for (k, r) in rows.dropFirst().enumerated() {
                guard r.count >= 2, !r[0].isEmpty, !r[1].isEmpty else {
                    throw Diagnostic(message: "row \(k + 2) of \(path.text) needs an industry and a group",
                                     location: FileLocation(file: path.text, line: k + 2))
                }
                out[r[0].uppercased()] = r[1]
                out[r[0]] = r[1]
            }
            return out
        } catch { throw error.at(path.span) }
    }

    static func krugman(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, m) = try measure(s, call)
        let y = try year(call.clause("in")!, in: cube)
        let half = call.clause("half") != nil
        let ind = try industryChoice(s, call, cube)
        if let b = call.clause("between"), case .pair(let a1, let a2) = b.value {
            if call.clause("for") != nil || call.clause("vs") != nil {
                throw Diagnostic(message: "`between` compares two regions with each other; drop `for`/`vs`", span: b.span)
            }
            let ra = try s.resolveRegion(a1, in: cube), rb = try s.resolveRegion(a2, in: cube)
            do { return try Specialisation.pairwise(cube, measure: m, year: y, a: ra, b: rb, half: half, industries: ind, registry: s.registry,
                                                    missing: missingRule(call)) }
            catch { throw error.at(call.span) }
        }
        var q = SpecialisationRequest(measure: m, year: y)
        q.scope = try scope(s, call, cube, industries: ind)
        q.half = half
        let t: Table
        do { t = try Specialisation.compute(cube, q, registry: s.registry) } catch { throw error.at(call.span) }
        return Table(columns: [t.columns[0], t.columns[1]], footer: t.footer.filter { !$0.hasPrefix("variety groups") })
    }

    static func localisation(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, m) = try measure(s, call)
        var q = LocalisationRequest(measure: m, year: try year(call.clause("in")!, in: cube))
        q.half = call.clause("half") != nil
        q.scope = try scope(s, call, cube)
        do { return try Localisation.compute(cube, q, registry: s.registry) } catch { throw error.at(call.span) }
    }

    static func lorenz(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, m) = try measure(s, call)
        let y = try year(call.clause("in")!, in: cube)
        let c = call.clause("industry")!
        guard case .items(let items) = c.value, items.count == 1, case .code(let code) = items[0].item else {
            throw Diagnostic(message: "`lorenz` draws one industry: `industry CODE`", span: c.span)
        }
        do { return try Localisation.curve(cube, measure: m, year: y, industry: code, regionLevel: try regionLevel(call), registry: s.registry) }
        catch { throw error.at(items[0].span) }
    }

    static func portfolio(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, m) = try measure(s, call)
        let from = try year(call.clause("from")!, in: cube), to = try year(call.clause("to")!, in: cube)
        guard let rs = try regions(s, call, cube), rs.count == 1 else {
            throw Diagnostic(message: "`portfolio` is for one region: `for R`", span: call.clause("for")!.span)
        }
        var q = PortfolioRequest(measure: m, from: from, to: to, region: rs[0])
        q.scope = try scope(s, call, cube)
        do { return try Portfolio.compute(cube, q, registry: s.registry) } catch { throw error.at(call.span) }
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
        guard let per = call.clause("per"), case .measure(let ref) = per.value else { throw Diagnostic(message: "`per` needs a measure", span: call.span) }
        let (c2, emp) = try s.measure(ref)
        guard c2 === cube else {
            throw Diagnostic(message: "`\(ref.dataset.text).\(ref.measure.text)` is in another dataset than `\(call.subject!.dataset.text).\(call.subject!.measure.text)`",
                             span: ref.span, help: "both measures must come from one dataset")
        }
        return (cube, va, emp)
    }

    static func years(_ call: VerbCall, _ cube: Cube) throws(Diagnostic) -> (Int, Int) {
        // (Their order was checked when the statement was parsed.)
        (try year(call.clause("from")!, in: cube), try year(call.clause("to")!, in: cube))
    }

    static func shiftshare(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, m) = try measure(s, call)
        let (a, b) = try years(call, cube)
        var q = ShiftShareRequest(measure: m, from: a, to: b)
        q.scope = try scope(s, call, cube)
        q.method = method(call, ShiftShareMethod.self) ?? .classic
        do { return try ShiftShare.compute(cube, q, registry: s.registry) } catch { throw error.at(call.span) }
    }

    static func growth(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, va, emp) = try ratio(s, call)
        let (a, b) = try years(call, cube)
        var q = GrowthRequest(valueAdded: va, employment: emp, from: a, to: b)
        q.scope = try scope(s, call, cube)
        do { return try GrowthAccounting.compute(cube, q, registry: s.registry) } catch { throw error.at(call.span) }
    }

    static func productivity(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, va, emp) = try ratio(s, call)
        let (a, b) = try years(call, cube)
        var q = ProductivityRequest(valueAdded: va, employment: emp, from: a, to: b)
        q.scope = try scope(s, call, cube)
        q.method = method(call, ProductivityMethod.self) ?? .threeTerm
        do { return try Productivity.compute(cube, q, registry: s.registry) } catch { throw error.at(call.span) }
    }

    static func gap(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, va, emp) = try ratio(s, call)
        var q = GapRequest(valueAdded: va, employment: emp, year: try year(call.clause("in")!, in: cube))
        q.scope = try scope(s, call, cube)
        q.method = method(call, GapMethod.self) ?? .threeTerm
        do { return try ProductivityGap.compute(cube, q, registry: s.registry) } catch { throw error.at(call.span) }
    }

    static func dynamics(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, phi) = try s.measure(call.subject!)
        guard let wc = call.clause("weight"), case .measure(let ref) = wc.value else { throw Diagnostic(message: "`weight` needs a measure", span: call.span) }
        let (c2, w) = try s.measure(ref)
        guard c2 === cube else { throw Diagnostic(message: "the weight must come from the same dataset", span: ref.span) }
        let (a, b) = try years(call, cube)
        var q = DynamicsRequest(productivity: phi, weight: w, from: a, to: b)
        q.method = method(call, DynamicsMethod.self) ?? .mp
        do { return try FirmDynamics.compute(cube, q) } catch { throw error.at(call.span) }
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

    static func proximity(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (_, sm) = try specialisationMatrix(s, call)
        let method = self.method(call, ProximityMethod.self) ?? .minimum
        let phi = Relatedness.proximity(sm, method: method)
        var a: [Int32] = [], b: [Int32] = [], v: [Double] = []
        for i in 0..<sm.nC { for j in 0..<sm.nC where i != j { a.append(sm.columns[i]); b.append(sm.columns[j]); v.append(phi[i * sm.nC + j]) } }
        return Table(columns: [Column("industry", .coded(a, sm.columnDim), kind: .key), Column("related", .coded(b, sm.columnDim), kind: .key),
                               Column("proximity", .number(v), decimals: 4)],
                     footer: ["proximity \(method == .minimum ? "φ_ij = C_ij / max(u_i, u_j) (minimum conditional probability)" : "C_ij / √(u_i u_j) (cosine)"); C = co-occurrence of specialisations, u = ubiquity"] + sm.notes)
    }

    static func density(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, sm) = try specialisationMatrix(s, call)
        let convention = self.convention(call, DensityConvention.self) ?? .standard
        let proxMethod: ProximityMethod
        if let c = call.clause("method"), case .name(let n) = c.value { proxMethod = ProximityMethod(rawValue: n.text.lowercased()) ?? .minimum } else { proxMethod = .minimum }
        var rows = Array(0..<sm.nR)
        let wanted = try regions(s, call, cube)
        if let wanted {
            rows = []
            for w in wanted {
                guard let k = sm.regions.firstIndex(of: Int(w)) else {
                    throw Diagnostic(message: "\(cube.region.display(w)) is not among the regions of this analysis (another level, or no data)", span: call.span)
                }
                rows.append(k)
            }
        }
        let dens = Relatedness.density(sm, convention: convention, method: proxMethod, rows: wanted == nil ? nil : rows)
        var r: [Int32] = [], c: [Int32] = [], d: [Double] = [], m: [Double] = []
        for k in rows { for j in 0..<sm.nC { r.append(Int32(sm.regions[k])); c.append(sm.columns[j]); d.append(dens[k * sm.nC + j]); m.append(sm.m[k * sm.nC + j]) } }
        let what: String
        switch convention {
        case .standard: what = "ω[r,j] = Σ_i M[r,i]φ_ij / Σ_i φ_ij with φ_jj = 0 (economic-complexity, econci)"
        case .atlas: what = "ω[r,j] = Σ_i M[r,i]φ_ij / Σ_i φ_ij with φ_jj = 1 (convention atlas: py-ecomplexity)"
        case .econgeo: what = "EconGeo: relatedness = co-occurrence over its probabilistic expectation; density = Σ_i M r_ij / Σ_i r_ij × 100"
        }
        var footer = ["relatedness density: \(what); distance = 1 − density; – where no activity is related"]
        if convention != .econgeo {
            footer.append(proxMethod == .cosine ? "proximity φ: cosine similarity of the activities' M columns (method cosine)"
                                                 : "proximity φ: minimum conditional probability of co-specialisation (method min, the default)")
        }
        footer += sm.notes
        if sm.nR < 30 { footer.append("with \(sm.nR) regions the proximities rest on few co-occurrences: read them as indicative") }
        return Table(columns: [Column("region", .coded(r, cube.region), kind: .key), Column(sm.columnDim.name == "area" ? "area" : "industry", .coded(c, sm.columnDim), kind: .key),
                               Column("density", .number(d), decimals: 4), Column("m", .number(m), decimals: 0)], footer: footer)
    }

    static func complexity(_ s: Session, _ call: VerbCall) throws(Diagnostic) -> Table {
        let (cube, sm) = try specialisationMatrix(s, call)
        if let pc = call.clause("pci"), case .name(let other) = pc.value {
            // PCIs from another dataset (same measure name and year), ECI = their mean.
            let oc = try s.cube(other)
            guard let om = oc.measureIndex(call.subject!.measure.text) else {
                throw Diagnostic(message: "dataset \(oc.name) has no measure `\(call.subject!.measure.text)`", span: other.span)
            }
            let y = try year(call.clause("in")!, in: oc)
            let osm: SpecialisationMatrix, pr: ComplexityResult
            do {
                osm = try SpecialisationMatrix.build(oc, measure: om, year: y, threshold: 1, registry: s.registry)
                pr = try Complexity.compute(osm, convention: self.convention(call, ComplexityConvention.self) ?? .standard, cube: oc)
            } catch { throw error.at(pc.span) }
            var table: [String: Double] = [:]
            for (k, c) in pr.columns.enumerated() { table[osm.columnDim.labels[Int(osm.columns[c])].uppercased()] = pr.pci[k] }
            let (eci, div, matched) = Complexity.eciFromPCI(sm, pci: table)
            return Table(columns: [Column("region", .coded(sm.regions.map(Int32.init), cube.region), kind: .key),
                                   Column("eci", .number(eci), decimals: 4), Column("diversity", .number(div), decimals: 0)],
                         footer: ["ECI = mean PCI of the region's specialisations; PCIs from dataset \(oc.name) (\(pr.regions.count) regions, \(pr.note))",
                                  "\(matched) of the activities specialised here have a PCI there; unmatched codes are left out"] + sm.notes)
        }
        let convention = self.convention(call, ComplexityConvention.self) ?? .standard
        let r: ComplexityResult
        do { r = try Complexity.compute(sm, convention: convention, sampleSD: call.clause("sample") != nil, cube: cube) } catch { throw error.at(call.span) }
        var footer = ["complexity (\(convention.rawValue)): \(r.note)", "values are relative to this set of regions and year: not comparable across years or datasets"] + sm.notes
        if !r.dropped.isEmpty { footer.append("dropped first: " + r.dropped.joined(separator: "; ")) }
        if r.regions.count < 30 { footer.append("only \(r.regions.count) regions: ECI and PCI are unstable with so few; consider PCIs from a larger set of regions") }
        if call.clause("industries") != nil {
            return Table(columns: [Column("industry", .coded(r.columns.map { sm.columns[$0] }, sm.columnDim), kind: .key),
                                   Column("pci", .number(r.pci), decimals: 4), Column("ubiquity", .number(r.ubiquity), decimals: 0)], footer: footer)
        }
        return Table(columns: [Column("region", .coded(r.regions.map(Int32.init), cube.region), kind: .key),
                               Column("eci", .number(r.eci), decimals: 4), Column("diversity", .number(r.diversity), decimals: 0)], footer: footer)
    }
}
