// Research.swift — research strengths from publication data (methods.md, "Research
// strengths"): the activity index (an LQ of publications by field), and field-normalised
// citation impact (MNCS and the share in the top 10 %, ties at the boundary shared out).
// Organisations sit in the cube's region dimension and research fields in its industry one.

/// The research-field registry: codes, names and parents (datasets/research/fields.csv).
public struct ResearchFields: Sendable {
    public var names: [String: String] = [:]
    public var parent: [String: String] = [:]
    public init() {}

    /// Reads `code, level, parent, name_sv, name_en`; names in Swedish (SCB's standard).
    public static func read(_ bytes: [UInt8], file: String) throws(Diagnostic) -> ResearchFields {
        let (_, rows) = try CSVText.rows(bytes, file: file)
        guard let header = rows.first, let ci = header.firstIndex(of: "code"), let pi = header.firstIndex(of: "parent"),
              let ni = header.firstIndex(of: "name_sv") ?? header.firstIndex(of: "name_en") else {
            throw Diagnostic(.needsColumnsCodeParentName, file)
        }
        var f = ResearchFields()
        for r in rows.dropFirst() where r.count > max(ci, pi, ni) {
            f.names[r[ci]] = r[ni]
            if !r[pi].isEmpty { f.parent[r[ci]] = r[pi] }
        }
        return f
    }
}

/// A named set of research fields (`link fields to areas`).
public struct FieldLink: Sendable {
    public var area: String
    public var title: String
    public var fields: Set<String>
    public init(area: String, title: String, fields: Set<String>) { self.area = area; self.title = title; self.fields = fields }
}

public enum ResearchReference: Equatable, Sendable {
    /// Every organisation loaded.
    case all
    /// Every organisation but the one analysed.
    case rest
    case organisation(Int32)
}

public struct ActivityRequest {
    public var measure: Int
    public var window: ClosedRange<Int>
    public var organisations: [Int32]? = nil
    public var reference = ResearchReference.all
    /// Fields summed to their parent (`level major`).
    public var major = false
    /// Knowledge areas instead of fields (`by area`).
    public var areas: [FieldLink]? = nil
    public init(measure: Int, window: ClosedRange<Int>) { self.measure = measure; self.window = window }
}

public struct ImpactRequest {
    public var citations: Int
    public var weight: Int?
    public var window: ClosedRange<Int>
    public var organisations: [Int32]? = nil
    public var reference = ResearchReference.all
    public init(citations: Int, window: ClosedRange<Int>) { self.citations = citations; self.window = window }
}

public enum Research {
    static func describe(_ ref: ResearchReference, cube: Cube) -> String {
        switch ref {
        case .all: return "all \(plural(cube.region.count, "organisation")) loaded"
        case .rest: return "all other organisations loaded (vs rest)"
        case .organisation(let o): return cube.region.display(o)
        }
    }

    static func inReference(_ ref: ResearchReference, _ r: Int32, analysed o: Int32) -> Bool {
        switch ref {
        case .all: return true
        case .rest: return r != o
        case .organisation(let q): return r == q
        }
    }

    static func checkWindow(_ cube: Cube, _ w: ClosedRange<Int>) throws(Diagnostic) {
        guard cube.distinctYears.contains(where: { w.contains($0) }) else {
            throw Diagnostic(.noPublications, w.lowerBound, w.upperBound, cube.name,
                             help: cube.distinctYears.first.map { "years in \(cube.name): \($0)–\(cube.distinctYears.last!)" })
        }
    }

    /// The activity index: AI[o,f] = (P[o,f] / P[o,·]) / (P[ref,f] / P[ref,·]), counts summed
    /// over the window. Areas: P[o,a] sums the area's fields; P[o,·] stays the total over all
    /// fields (areas may overlap), as with `lq … by area`.
    public static func activity(_ cube: Cube, _ q: ActivityRequest, fields: ResearchFields) throws(Diagnostic) -> Table {
        guard let fieldDim = cube.industry else {
            throw Diagnostic(.datasetHasNoResearchField, cube.name, help: "a publication dataset has organisation, field, year and a count")
        }
        try checkWindow(cube, q.window)
        let nO = cube.region.count, nF = fieldDim.count
        let m = cube.measures[q.measure], values = m.values
        // P[o][f] over the window.
        var p = [Double](repeating: 0, count: nO * nF)
        for k in 0..<cube.count where q.window.contains(Int(cube.years[k])) {
            let v = values[k]
            if v.isFinite { p[Int(cube.regionCodes[k]) * nF + Int(cube.industryCodes[k])] += v }
        }
        // Columns: fields (or their parents), or areas.
        var colNames: [String] = [], colTitles: [String?] = [], members: [[Int]] = []
        if let areas = q.areas {
            for a in areas {
                colNames.append(a.area); colTitles.append(a.title)
                members.append((0..<nF).filter { a.fields.contains(fieldDim.labels[$0]) })
            }
        } else {
            var index: [String: Int] = [:]
            for f in 0..<nF {
                let label = fieldDim.labels[f]
                let code = q.major ? (fields.parent[label] ?? String(label.prefix(1))) : label
                if index[code] == nil { index[code] = colNames.count; colNames.append(code); colTitles.append(fieldDim.names[f] ?? fields.names[code]); members.append([]) }
                members[index[code]!].append(f)
            }
            // Codes in order (101 before 102; 1 before 2).
            let order = colNames.indices.sorted { colNames[$0].count != colNames[$1].count ? colNames[$0].count < colNames[$1].count : colNames[$0] < colNames[$1] }
            colNames = order.map { colNames[$0] }; colTitles = order.map { colTitles[$0] }; members = order.map { members[$0] }
        }
        let orgs = q.organisations ?? (0..<Int32(nO)).filter { o in (0..<nF).contains { p[Int(o) * nF + $0] > 0 } }
        var orgCol: [Int32] = [], colCol: [Int32] = [], pubs: [Double] = [], share: [Double] = [], refShare: [Double] = [], ai: [Double] = []
        for o in orgs {
            let own = (0..<nF).reduce(0.0) { $0 + p[Int(o) * nF + $1] }
            guard own > 0 else { throw Diagnostic(.hasNo2, cube.region.display(o), m.name, q.window.lowerBound, q.window.upperBound) }
            var refField = [Double](repeating: 0, count: nF)
            for r in 0..<Int32(nO) where inReference(q.reference, r, analysed: o) {
                for f in 0..<nF { refField[f] += p[Int(r) * nF + f] }
            }
            let refTotal = refField.reduce(0, +)
            guard refTotal > 0 else { throw Diagnostic(.referenceHasNoWindow, describe(q.reference, cube: cube), m.name) }
            for (c, mem) in members.enumerated() {
                let po = mem.reduce(0.0) { $0 + p[Int(o) * nF + $1] }, pr = mem.reduce(0.0) { $0 + refField[$1] }
                orgCol.append(o); colCol.append(Int32(c)); pubs.append(po)
                share.append(po / own); refShare.append(pr / refTotal)
                ai.append(pr > 0 ? (po / own) / (pr / refTotal) : .nan)
            }
        }
        let colDim = Dimension(name: q.areas == nil ? "field" : "area", role: .industry, labels: colNames, names: colTitles)
        let years = "\(q.window.lowerBound)–\(q.window.upperBound)"
        return Table(columns: [
            Column("organisation", .coded(CodeColumn(orgCol), cube.region), kind: .key),
            Column(q.areas == nil ? "field" : "area", .coded(CodeColumn(colCol), colDim), kind: .key),
            Column(m.name, .number(pubs), unit: m.unit),
            Column("share", .number(share), decimals: 4),
            Column("reference_share", .number(refShare), decimals: 4),
            Column("activity", .number(ai), decimals: 3),
        ], footer: ["activity index AI = (P[o,f] / P[o,·]) / (P[ref,f] / P[ref,·]) of \(m.name) \(years) (the window summed; 1 = as the reference)",
                    "reference: \(describe(q.reference, cube: cube))",
                    q.areas != nil ? "areas: the fields linked to each area (`link fields to areas`); shares are of all fields, so areas may overlap"
                        : q.major ? "fields summed to their research area (level major)" : "fields as in the data (research subject groups)"])
    }

    /// Field-normalised citation impact over publication records (one row per publication,
    /// or per publication and organisation with a fractional weight):
    /// NCS = c / e[f,y], e = the mean citations of the reference's publications of the same
    /// field and year (each publication once, however many organisations share it);
    /// MNCS = Σ w·NCS / Σ w; top 10 %: within each field and year the most cited tenth of the
    /// reference, a publication tied at the boundary counting for the fraction that makes the
    /// tenth exact (Waltman & Schreiber 2013); PP(top 10 %) = Σ w·top / Σ w.
    public static func impact(_ cube: Cube, _ q: ImpactRequest, fields: ResearchFields) throws(Diagnostic) -> Table {
        guard let fieldDim = cube.industry else { throw Diagnostic(.datasetHasNoResearchField, cube.name) }
        try checkWindow(cube, q.window)
        let cites = cube.measures[q.citations].values
        let weights = q.weight.map { cube.measures[$0].values }
        let idDim = cube.extras.firstIndex { ["id", "publication", "publication_id", "doi", "ut", "eid"].contains($0.name) }
        let nF = fieldDim.count
        let rows = (0..<cube.count).filter { q.window.contains(Int(cube.years[$0])) && cites[$0].isFinite }
        func group(_ k: Int) -> Int { Int(cube.years[k]) * nF + Int(cube.industryCodes[k]) }
        let orgs = q.organisations ?? Array(Set(rows.map { cube.regionCodes[$0] })).sorted()
        let multiOrg = q.organisations == nil || orgs.count > 1

        var orgCol: [Int32] = [], fieldCol: [Int32] = [], nPubs: [Double] = [], nCites: [Double] = [], mcs: [Double] = []
        var mncs: [Double] = [], top: [Double] = [], ppTop: [Double] = []
        var excluded = 0
        let totalCode = Int32(nF)
        for o in orgs {
            // The reference: unique publications (by id and field) of the reference organisations.
            var seen = Set<String>()
            var byGroup: [Int: [Double]] = [:]
            for k in rows where inReference(q.reference, cube.regionCodes[k], analysed: o) {
                if let d = idDim {
                    let key = cube.extras[d].labels[Int(cube.extraCodes[d][k])] + "\u{1F}" + fieldDim.labels[Int(cube.industryCodes[k])]
                    if !seen.insert(key).inserted { continue }
                }
                byGroup[group(k), default: []].append(cites[k])
            }
            var expected: [Int: Double] = [:], sorted: [Int: [Double]] = [:]
            for (g, v) in byGroup { expected[g] = v.reduce(0, +) / Double(v.count); sorted[g] = v.sorted(by: >) }
            // Per field and in total: Σw, Σw·c, Σw·NCS (over publications with e > 0), Σw·top.
            var acc = [[Double]](repeating: [0, 0, 0, 0, 0], count: nF + 1)
            for k in rows where cube.regionCodes[k] == o {
                let w = weights.map { $0[k].isFinite ? $0[k] : 0 } ?? 1
                let g = group(k), c = cites[k]
                let f = Int(cube.industryCodes[k])
                for slot in [f, nF] { acc[slot][0] += w; acc[slot][1] += w * c }
                guard let e = expected[g], e > 0, let ref = sorted[g] else { excluded += 1; continue }
                let t = topShare(c, ref)
                for slot in [f, nF] { acc[slot][2] += w * c / e; acc[slot][3] += w; acc[slot][4] += w * t }
            }
            let slots = multiOrg ? [nF] : (0..<nF).filter { acc[$0][0] > 0 } + [nF]
            for s in slots where acc[s][0] > 0 {
                orgCol.append(o); fieldCol.append(s == nF ? totalCode : Int32(s))
                nPubs.append(acc[s][0]); nCites.append(acc[s][1]); mcs.append(acc[s][1] / acc[s][0])
                mncs.append(acc[s][3] > 0 ? acc[s][2] / acc[s][3] : .nan)
                top.append(acc[s][4]); ppTop.append(acc[s][3] > 0 ? acc[s][4] / acc[s][3] : .nan)
            }
        }
        guard !orgCol.isEmpty else { throw Diagnostic(.noPublicationsTheseOrganisations, q.window.lowerBound, q.window.upperBound) }
        let fieldOut = Dimension(name: "field", role: .industry, labels: fieldDim.labels + ["TOTAL"],
                                 names: fieldDim.labels.indices.map { fieldDim.names[$0] ?? fields.names[fieldDim.labels[$0]] } + ["all fields"])
        var cols = [Column("organisation", .coded(CodeColumn(orgCol), cube.region), kind: .key)]
        if !multiOrg { cols.append(Column("field", .coded(CodeColumn(fieldCol), fieldOut), kind: .key)) }
        cols += [Column("publications", .number(nPubs), decimals: weights == nil ? 0 : 1),
                 Column("citations", .number(nCites), decimals: weights == nil ? 0 : 1),
                 Column("mcs", .number(mcs), decimals: 2), Column("mncs", .number(mncs), decimals: 3),
                 Column("top10", .number(top), decimals: 2), Column("pp_top10", .number(ppTop), decimals: 3)]
        var footer = ["impact \(q.window.lowerBound)–\(q.window.upperBound): NCS = c / e, e = mean citations of the reference's publications of the same field and publication year; MNCS = Σ w·NCS / Σ w; PP(top 10 %) = Σ w·top / Σ w (1 = as the reference; 10 % = as the reference)",
                      "top 10 %: within each field and year, the most cited tenth of the reference; a publication tied at the boundary counts for the fraction that makes the tenth exact (Waltman & Schreiber 2013)",
                      "citation window: citations as counted in the data, compared only within the same publication year, so older publications' longer windows favour no one",
                      "reference: \(describe(q.reference, cube: cube))\(idDim != nil ? ", each publication once however many organisations share it" : "")",
                      weights != nil ? "fractional counting: w = `\(cube.measures[q.weight!].name)` (an organisation's share of a publication)" : "full counting: w = 1 for every publication record"]
        if excluded > 0 { footer.append("publications in a field and year whose reference has no citations (e = 0) or no publications: \(excluded), left out of MNCS and top 10 %") }
        return Table(columns: cols, footer: footer)
    }

    /// A publication's share of the top 10 % of its field and year: with G reference
    /// publications cited more, E cited exactly as much and T = n/10, clamp((T − G)/E, 0, 1);
    /// a count the reference does not have is in when G < T.
    static func topShare(_ c: Double, _ sortedDesc: [Double]) -> Double {
        let t = Double(sortedDesc.count) / 10
        var g = 0, e = 0
        for v in sortedDesc { if v > c { g += 1 } else if v == c { e += 1 } else { break } }
        if e == 0 { return Double(g) < t ? 1 : 0 }
        return max(0, min(1, (t - Double(g)) / Double(e)))
    }
}
