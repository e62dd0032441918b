// CSVLayout.swift — deciding what each column of a CSV is: region, industry, year, a
// measure, a year-column of a wide table, or a text column (labels or an extra dimension).

public enum ColumnRole: Equatable {
    case region, industry, year
    case measure(Int)
    case text(Int)
    case yearValue(Int)   // a wide table's column for this year
    case industryValue(String)   // a wide table's column for this industry code
    case regionValue(String)     // a wide table's column for this region code
    case ignored          // an unnamed, empty column (a trailing delimiter)
}

/// Load notes worth a line under `loaded …`: warnings, missing markers, and roles found under
/// headers other than their own names.
public enum LoadNotes {
    public static func showUnderLoaded(_ note: String) -> Bool {
        if note.hasPrefix("warning: ") || note.hasSuffix(" read as missing") { return true }
        guard note.hasPrefix("roles: ") else { return false }
        let parts = note.dropFirst("roles: ".count).split(separator: ",").map { String($0).trimmed() }
        return !CSVLayout.obviousRoles(parts)
    }
}

struct CSVLayout {
    var roles: [ColumnRole]
    var measureNames: [String]
    var measureUnits: [String?]
    var textNames: [String]
    var wide: Bool
    var notes: [String]
    /// `industry` (NACE/SNI, checked against the registry), or `field` for research subjects.
    var industryName = "industry"
    /// The text column whose values are per-cell flags (SDMX-CSV `OBS_FLAG`), not a dimension.
    var flagColumn: String? = nil
    /// `region`, or `organisation` for publication data.
    var regionName = "region"

    // Header words that name a key column (compared on folded first words).
    static let regionWords = ["region", "geo", "geoid", "nuts", "nuts_id", "nuts3", "nuts2", "nuts1", "lan", "lanskod", "kommun",
                              "kommunkod", "county", "itl", "itl_code", "itl1", "itl2", "itl3", "area_code", "regionkod", "region_code",
                              "geography_code", "geography", "astlan", "municipality", "lau", "lau_code", "origin", "exporter",
                              "reporter", "country", "country_code"]
    static let industryWords = ["industry", "nace", "nace_r2", "nacer2", "sni", "sni2007", "sic", "sic07", "sic2007",
                                "bransch", "naringsgren", "sector", "activity", "product", "hs", "hs6", "sitc", "commodity"]
    /// Header words of a column that names something rather than coding it.
    static let nameWords: Set<String> = ["name", "namn", "label", "description", "desc", "text", "benamning", "beskrivning", "title"]
    static let firmWords: Set<String> = ["firm", "plant", "company", "enterprise", "establishment", "foretag", "arbetsstalle", "orgnr", "firm_id", "plant_id"]
    /// Publication data: the organisation takes the region's place and the research field
    /// the industry's, when the file has no region or industry column of its own.
    static let organisationWords = ["organisation", "organization", "org", "university", "universitet", "larosate", "affiliation", "institution"]
    static let fieldWords = ["field", "research_field", "subject", "research_subject", "forskningsamne", "amne", "fos"]
    static let yearWords = ["year", "time", "date", "ar", "tid", "time_period", "period", "aar"]

    /// Values that name a level of a region hierarchy rather than a region (folded).
    static let levelNames: Set<String> = ["uk", "country", "national", "itl1", "itl2", "itl3", "nuts0", "nuts1", "nuts2", "nuts3",
                                          "lau", "lau1", "lau2", "county", "lan", "kommun", "municipality", "riket", "riksomrade", "landsdel",
                                          "region", "regions", "state", "district"]

    static let sdmxMetadata: Set<String> = ["obs_flag", "obs_status", "conf_status", "dataflow", "last_update", "structure", "structure_id", "action"]

    static func words(_ header: String) -> [String] {
        Text.fold(header).split(separator: " ").map(String.init)
    }

    /// Score of a header as a key column: 3 exact word, 2 first word plus code/id, 1 first word; 0 no.
    static func score(_ header: String, _ keys: [String]) -> Int {
        let w = words(header)
        guard let first = w.first else { return 0 }
        let joined = w.joined(separator: "_")
        // The role's own name (`industry` beside `sic_code`) is what the file's author meant.
        if let own = keys.first, joined == own { return 5 }
        // `GEOGRAPHY_CODE` beside `GEOGRAPHY` (an internal number), `municipality_id` beside
        // `municipality` (a name): the header that says code wins.
        for suffix in ["_code", "_id", "_kod", "kod", "_codes"] where joined.hasSuffix(suffix) && joined.count > suffix.count {
            let stem = String(joined.dropLast(suffix.count))
            if keys.contains(stem) || keys.contains(joined) { return 4 }
        }
        if keys.contains(joined) { return 3 }
        let isKey = keys.contains(first) || keys.contains(where: { first.hasPrefix($0) && $0.count >= 3 && first.count <= $0.count + 4 })
        let secondKey = w.count > 1 && keys.contains(w[1])
        guard isKey || secondKey else { return 0 }
        if w.contains(where: { nameWords.contains($0) }) { return 0 }
        if w.contains(where: { ["code", "id", "kod"].contains($0) }) { return 2 }
        return isKey ? 1 : 0
    }

    /// A header that is a year: 4 digits in 1800–2200 (optionally `2008A`, `2008 `).
    static func headerYear(_ h: String) -> Int? {
        let t = h.trimmed()
        let u = Array(t.utf8)
        guard u.count >= 4, u[0..<4].allSatisfy({ $0 &- 48 < 10 }) else { return nil }
        if u.count > 4 && !(u.count == 5 && (u[4] == UInt8(ascii: "A") || u[4] == UInt8(ascii: "a"))) { return nil }
        let y = Int(String(decoding: u[0..<4], as: UTF8.self))!
        return (1800...2200).contains(y) ? y : nil
    }

    /// Splits `Employment (persons)` into name and unit.
    static func nameAndUnit(_ h: String) -> (String, String?) {
        let t = h.trimmed()
        if t.hasSuffix(")"), let open = t.lastIndex(of: "(") {
            let unit = String(t[t.index(after: open)..<t.index(before: t.endIndex)]).trimmed()
            let name = String(t[..<open]).trimmed()
            if !name.isEmpty && !unit.isEmpty { return (name, unit) }
        }
        return (t, nil)
    }

    /// Headers (as joined words) of a column of per-cell flags.
    static let flagNames: Set<String> = ["obs_flag", "obs_status", "flag", "flags", "obs_status_code", "obs_status_name", "status"]

    /// Decides the layout. `numeric[c]` says whether column c's sampled cells were all numbers
    /// or missing (and at least one number or the column was all missing).
    static func decide(header: [String], numeric: [Bool], options: LoadOptions, units: [String: String],
                       file: String, registry: Registry? = nil, filled: [Bool]? = nil,
                       levelColumns: [Int: [String]] = [:]) throws(Diagnostic) -> CSVLayout {
        var roles = [ColumnRole?](repeating: nil, count: header.count)
        var notes: [String] = []

        func find(_ col: String, role: String) throws(Diagnostic) -> Int {
            if let i = header.firstIndex(of: col) { return i }
            let f = Text.fold(col)
            if let i = header.firstIndex(where: { Text.fold($0) == f }) { return i }
            throw Diagnostic(.noColumn, col, file, role,
                             help: "the columns are: " + header.joined(separator: ", "),
                             candidates: Text.suggestions(for: col, among: header))
        }

        // Eurostat SDMX-CSV (the API's CSV): OBS_VALUE is the measure, OBS_FLAG/CONF_STATUS
        // are per-cell flags and DATAFLOW/LAST UPDATE metadata — none of them a dimension.
        let joined = header.map { words($0).joined(separator: "_") }
        var flagColumn: String? = nil
        if joined.contains("obs_value") {
            var dropped: [String] = []
            for (i, j) in joined.enumerated() where sdmxMetadata.contains(j) {
                if flagColumn == nil && (j == "obs_flag" || j == "obs_status") {
                    roles[i] = .text(-1)   // read like a text column, then kept per cell (CubeAssembly)
                    flagColumn = header[i].trimmed()
                } else { roles[i] = .ignored; dropped.append(header[i]) }
            }
            if flagColumn != nil || !dropped.isEmpty {
                notes.append("SDMX-CSV: " + (flagColumn.map { "\($0) kept per cell as flags" } ?? "") + (flagColumn != nil && !dropped.isEmpty ? "; " : "") +
                             (dropped.isEmpty ? "" : dropped.joined(separator: ", ") + " are metadata, not kept"))
            }
        }
        // Outside SDMX-CSV too, a column named for flags holds them per cell: as a dimension,
        // every verb would ask which flag value to keep.
        if flagColumn == nil, let i = joined.indices.first(where: { roles[$0] == nil && flagNames.contains(joined[$0]) }),
           !options.mapping.values.contains(where: { Text.fold($0) == Text.fold(header[i]) }) {
            roles[i] = .text(-1)
            flagColumn = header[i].trimmed()
            notes.append("\(flagColumn!) kept per cell as flags")
        }
        // A second status column (NOMIS has OBS_STATUS and OBS_STATUS_NAME) says the same again:
        // as a dimension it would block every analysis.
        for i in joined.indices where roles[i] == nil && flagNames.contains(joined[i]) && flagColumn != nil
            && !options.mapping.values.contains(where: { Text.fold($0) == Text.fold(header[i]) }) && !options.textColumns.contains(header[i]) {
            roles[i] = .ignored
            notes.append("\(header[i]) left out: the flags are kept per cell from \(flagColumn!)")
        }
        // A column without a header cannot be named, kept or refused by a clause: an error
        // (an unnamed column of empty cells, from a trailing delimiter, is left out).
        for (i, h) in header.enumerated() where h.isEmpty && (filled.map { $0[i] } ?? !numeric[i]) {
            throw Diagnostic(.columnHasNoHeader, i + 1, file, location: FileLocation(file: file, line: 1, column: nil),
                             help: "name it in the file's first line, or read the file without it (an empty last column from a trailing delimiter is fine)")
        }
        // What the `with`, `text`, `ignore` and `measure` clauses say of each column; one
        // column said to be two things is an error naming both.
        var said: [Int: String] = [:]
        func claim(_ col: String, _ what: String) throws(Diagnostic) -> Int {
            let i = try find(col, role: what)
            if let other = said[i], other != what {
                throw Diagnostic(.columnGiven, header[i], other, what,
                                 help: "give each column one role")
            }
            said[i] = what
            return i
        }
        var reasons: [String] = []
        for key in ["region", "industry", "year"] {
            if let col = options.mapping[key] {
                let i = try claim(col, "the \(key)")
                roles[i] = key == "region" ? .region : key == "industry" ? .industry : .year
                reasons.append("\(key): \(header[i]) (with)")
            }
        }
        for col in options.textColumns { roles[try claim(col, "`text`")] = .text(-1) }
        var levels = levelColumns
        if let col = options.levelColumn {
            let i = try claim(col, "`level`")
            if levels[i] == nil { levels[i] = [] }
        }
        for col in options.ignoreColumns { roles[try claim(col, "`ignore`")] = .ignored }
        var measureSet: Set<Int>? = nil
        if let ms = options.measureColumns {
            var set = Set<Int>()
            for col in ms { set.insert(try claim(col, "`measure`")) }
            measureSet = set
        }
        // SDMX-CSV without OBS_VALUE: its other columns would be taken for the measure.
        if !joined.contains("obs_value") && joined.contains("dataflow") && measureSet == nil {
            throw Diagnostic(.looksLikeEurostatSdmxCsv, file,
                             location: FileLocation(file: file, line: 1),
                             help: "download the data with values (OBS_VALUE), or name the value column: `measure COLUMN`")
        }
        // A column whose values are level names (`UK, ITL1, ITL2`) says each row's level: it
        // is never the regions (it would make five "regions"); a dimension, so a verb asks
        // which level to analyse.
        for (i, values) in levels.sorted(by: { $0.key < $1.key }) where roles[i] == nil || options.levelColumn.map({ Text.fold($0) == Text.fold(header[i]) }) == true {
            roles[i] = .text(-1)
            let shown = values.isEmpty ? "" : " (\(values.prefix(4).joined(separator: ", "))\(values.count > 4 ? ", …" : ""))"
            notes.append("column `\(header[i])` names levels\(shown), not regions: read as a dimension (choose a level with `where \(header[i]) = …`)")
        }
        // Detection by common names for roles not given explicitly.
        for (role, keys) in [(ColumnRole.region, regionWords), (.industry, industryWords), (.year, yearWords)] {
            if roles.contains(where: { $0 == role }) { continue }
            var best = -1, bestScore = 0
            for (i, h) in header.enumerated() where roles[i] == nil && !(measureSet?.contains(i) ?? false) {
                let s = score(h, keys)
                if s > bestScore { best = i; bestScore = s }
            }
            // `INDUSTRY` beside `INDUSTRY_CODE` (NOMIS), `municipality` beside `municipality_id`
            // (Kolada): the one that says code.
            if best >= 0, let twin = header.indices.first(where: { i in roles[i] == nil && i != best &&
                ["_code", "_id", "kod", "_kod"].contains { joined[i] == joined[best] + $0 } }) { best = twin }
            if best >= 0 { roles[best] = role; reasons.append("\(role == .region ? "region" : role == .industry ? "industry" : "year"): \(header[best]) (header)") }
        }
        // A number column named for a role another column took (NOMIS `GEOGRAPHY` = an internal
        // id beside `GEOGRAPHY_CODE`) is an identifier, not a measure.
        for (role, keys) in [(ColumnRole.region, regionWords), (.industry, industryWords)] {
            guard let taken = roles.firstIndex(where: { $0 == role }) else { continue }
            for (i, h) in header.enumerated() where roles[i] == nil && numeric[i] && score(h, keys) > 0 && !(measureSet?.contains(i) ?? false)
                && ["_code", "_id", "kod", "_kod"].contains(where: { joined[taken] == joined[i] + $0 }) {
                roles[i] = .ignored
                notes.append("column `\(h)` left out: an identifier beside `\(header[taken])`")
            }
        }
        var industryName = "industry", regionName = "region"
        for (role, keys) in [(ColumnRole.region, organisationWords), (.industry, fieldWords)] where !roles.contains(where: { $0 == role }) {
            if let i = header.indices.first(where: { roles[$0] == nil && score(header[$0], keys) >= 1 }) {
                roles[i] = role
                if role == .industry { industryName = "field" } else { regionName = "organisation" }
                notes.append("column `\(header[i])` read as the \(role == .region ? "organisations (in the region's place)" : "research fields (in the industry's place)")")
            }
        }

        let yearCols = header.indices.filter { roles[$0] == nil && headerYear(header[$0]) != nil }
        let hasYear = roles.contains { $0 == .year }
        let wide = !hasYear && !yearCols.isEmpty
        // One column per industry (Data Commons' `Count_Person_Employed_NACE/C`, or plain `C`,
        // `B-E`, `01`) or per region (`SE110, SE121, …`, a trade matrix's partners): that
        // dimension of one measure. Asked for (`wide industries|regions`) or found from codes.
        var wideMeasure: String? = nil
        for (what, role, asked) in [("industry", ColumnRole.industry, options.wideIndustries), ("region", .region, options.wideRegions)] {
            let plural = what == "industry" ? "industries" : "regions"
            guard wideMeasure == nil, !roles.contains(where: { $0 == role }), asked || (!wide && registry != nil) else {
                if asked {
                    throw Diagnostic(.alreadyHas, plural, file, what == "industry" ? "an industry column" : "a region column (or one per industry)",
                                     location: FileLocation(file: file, line: 1), help: "drop `wide \(plural)`, or name the columns with `with …`")
                }
                continue
            }
            let cand = header.indices.filter { roles[$0] == nil && numeric[$0] && !header[$0].trimmed().isEmpty && joined[$0] != "obs_value" }
            let heads = cand.map { header[$0].trimmed() }
            guard let (stem, codes) = role == .industry ? industryColumns(heads, registry: registry, forced: asked)
                                                        : regionColumns(heads, registry: registry, forced: asked) else {
                if asked {
                    throw Diagnostic(.numericColumnsDoReadColumns, plural, file, what,
                                     location: FileLocation(file: file, line: 1),
                                     help: "each column's header (after a shared prefix) must be \(what == "industry" ? "an industry" : "a region") code; columns: \(header.joined(separator: ", "))")
                }
                continue
            }
            for (k, i) in cand.enumerated() { roles[i] = role == .industry ? .industryValue(codes[k]) : .regionValue(codes[k]) }
            let name = Text.snakeCase(options.mapping["into"] ?? (stem.isEmpty ? (options.mapping["measure"] ?? "value") : stem))
            wideMeasure = name
            let shown = codes.prefix(6).joined(separator: ", ") + (codes.count > 6 ? ", …" : "")
            notes.append("wide layout: \(cand.count) \(what) columns (\(shown)) read as the \(what) dimension of measure `\(name)`"
                         + (asked ? "" : " (their headers are \(what) codes; `wide \(plural) into NAME` names the measure)"))
        }
        // A firm or plant column keeps its codes as a dimension, even when they look like numbers.
        var firmColumns = Set<Int>()
        for (i, h) in header.enumerated() where roles[i] == nil {
            let w = words(h)
            if let first = w.first, firmWords.contains(first) { roles[i] = .text(-1); firmColumns.insert(i) }
            // `Id` alone keeps its codes as a key (publications), but never makes a firm panel.
            else if w.count == 1 && w[0] == "id" && !(measureSet?.contains(i) ?? false) { roles[i] = .text(-1) }
        }
        let hasFirm = !firmColumns.isEmpty
        let wideByRegion = roles.contains { if case .regionValue = $0 { return true }; return false }
        if wideByRegion {
        } else if !roles.contains(where: { $0 == .region }) && hasFirm {
            notes.append("no region column: one region `ALL` (a firm panel)")
        } else if !roles.contains(where: { $0 == .region }) {
            throw Diagnostic(.cannotTellWhichColumnHolds, file,
                             location: FileLocation(file: file, line: 1),
                             help: "name it: \(loadHint(file)) with region = COLUMN  (columns: \(header.joined(separator: ", ")))")
        }
        if !hasYear && !wide {
            throw Diagnostic(.cannotTellWhichColumnHolds2, file,
                             location: FileLocation(file: file, line: 1),
                             help: "name it with `with year = COLUMN`, or give years as column headers (a wide table); columns: \(header.joined(separator: ", "))")
        }
        var measureNames: [String] = [], measureUnits: [String?] = [], textNames: [String] = []
        if wide {
            for i in yearCols { roles[i] = .yearValue(headerYear(header[i])!) }
            let name = options.mapping["measure"] ?? "value"
            measureNames = [name]
            measureUnits = [units[Text.fold(name)]]
            notes.append("wide layout: \(yearCols.count) year columns \(header[yearCols.first!])–\(header[yearCols.last!]) read as measure `\(name)`")
        }
        for i in header.indices where roles[i] == .text(-1) {
            roles[i] = .text(textNames.count)
            textNames.append(header[i].trimmed())
        }
        if let name = wideMeasure {
            measureNames = [name]
            measureUnits = [units[Text.fold(name)]]
            // A wide table has one measure: other number columns would not line up with it.
            let others = header.indices.filter { roles[$0] == nil && numeric[$0] }
            for i in others { roles[i] = .ignored }
            if !others.isEmpty { notes.append("left out (a wide table has one measure): " + others.map { header[$0] }.joined(separator: ", ")) }
        }
        var leftOutNumbers: [String] = []
        for i in header.indices where roles[i] == nil {
            if header[i].isEmpty && numeric[i] { roles[i] = .ignored; continue }
            // A header that says code (`sic07_code`, `kommunkod`) holds codes, even when the
            // first rows look like numbers.
            if numeric[i], measureSet?.contains(i) != true, words(header[i]).contains(where: { ["code", "kod", "koder", "codes"].contains($0) }) || joined[i].hasSuffix("_code") || joined[i].hasSuffix("kod") {
                roles[i] = .text(textNames.count)
                textNames.append(header[i].trimmed())
                notes.append("column `\(header[i])` read as codes (its header says so)")
                continue
            }
            // `measure COL, …`: only those are measures.
            if let ms = measureSet, !ms.contains(i), numeric[i] { roles[i] = .ignored; leftOutNumbers.append(header[i]); continue }
            // A header that says name (`DATE_NAME`, `Region_name`) labels something: not a measure;
            // one that names the years (NOMIS `DATE_NAME`) says nothing the year does not.
            let nameParts = joined[i].split(separator: "_").map(String.init)
            if nameParts.contains(where: { nameWords.contains($0) }), let y = roles.firstIndex(where: { $0 == .year }),
               nameParts.first == joined[y] || yearWords.contains(nameParts.first ?? "") {
                roles[i] = .ignored
                notes.append("column `\(header[i])` left out: it names the years")
                continue
            }
            if numeric[i], measureSet?.contains(i) != true, nameParts.contains(where: { nameWords.contains($0) }) {
                roles[i] = .text(textNames.count)
                textNames.append(header[i].trimmed())
                continue
            }
            if !wide && wideMeasure == nil && (numeric[i] || joined[i] == "obs_value") {
                let (n, u) = nameAndUnit(header[i])
                let name = joined[i] == "obs_value" ? Text.snakeCase(options.mapping["measure"] ?? "value") : Text.snakeCase(n)
                roles[i] = .measure(measureNames.count)
                measureNames.append(name)
                measureUnits.append(u ?? units[Text.fold(n)] ?? units[name])
            } else {
                roles[i] = .text(textNames.count)
                textNames.append(header[i].trimmed())
            }
        }
        if !leftOutNumbers.isEmpty { notes.append("not measures (`measure …` names the measures): " + leftOutNumbers.joined(separator: ", ")) }
        // `unit COL = "persons"`.
        for (col, unit) in options.units {
            // A measure's own name first (a wide table's measure has no column of its own).
            if let k = measureNames.firstIndex(where: { Text.fold($0) == Text.fold(Text.snakeCase(col)) }) { measureUnits[k] = unit; continue }
            let i = try find(col, role: "the unit")
            guard case .measure(let k) = roles[i] ?? .ignored else {
                throw Diagnostic(.columnMeasure, col, header[i], file,
                                 help: "measures: " + measureNames.joined(separator: ", "), candidates: Text.suggestions(for: col, among: measureNames))
            }
            measureUnits[k] = unit
        }
        if !wide && wideMeasure == nil && measureNames.isEmpty {
            throw Diagnostic(.hasNoNumericColumnAnalyse, file,
                             location: FileLocation(file: file, line: 1),
                             help: "a measure column holds numbers (missing as empty, .., :, NA); columns: \(header.joined(separator: ", "))")
        }
        // Which column took which role and why, first among the notes (`describe`, `loaded …`).
        // (`LoadNotes.showUnderLoaded` decides whether it is also said under `loaded …`.)
        if !reasons.isEmpty { notes.insert("roles: " + reasons.joined(separator: ", "), at: 0) }
        var layout = CSVLayout(roles: roles.map { $0! }, measureNames: measureNames, measureUnits: measureUnits,
                               textNames: textNames, wide: wide || wideMeasure != nil, notes: notes)
        layout.industryName = industryName
        layout.regionName = regionName
        layout.flagColumn = flagColumn
        var seen = Set<String>()
        for m in measureNames where !seen.insert(m).inserted {
            throw Diagnostic(.twoColumnsBothNamed, file, m, location: FileLocation(file: file, line: 1),
                             help: "rename one of them in the file")
        }
        return layout
    }

    /// `load "f.xlsx" as NAME sheet S`, also for a sheet's stand-in name (`f.xlsx, sheet S`).
    static func loadHint(_ file: String) -> String {
        let parts = file.split(separator: ",", maxSplits: 1)
        if parts.count == 2, parts[1].hasPrefix(" sheet ") { return "load \"\(parts[0])\" as NAME sheet \(parts[1].dropFirst(" sheet ".count))" }
        return "load \"\(file)\" as NAME"
    }

    /// Every role was found under its own name (`region`, `industry`, `year`): nothing worth a
    /// line under `loaded …` (describe still says it).
    public static func obviousRoles(_ reasons: [String]) -> Bool {
        reasons.allSatisfy { ["region: region (header)", "industry: industry (header)", "year: year (header)"].contains($0.lowercased()) }
    }

    /// Headers that read as one measure spread over industries: a shared stem (`Count_Person_
    /// Employed_NACE/`) and industry codes after it; a header that is the stem itself (or a
    /// prefix of it) is the total. The stem loses a trailing classification word (`NACE`).
    /// Without `forced`, every code must be a registry industry code and there must be three.
    static func industryColumns(_ headers: [String], registry: Registry?, forced: Bool) -> (String, [String])? {
        guard headers.count >= (forced ? 1 : 3) else { return nil }
        let seps: Set<Character> = ["/", "_", ":", " ", ".", "-"]
        func strip(_ t: Substring) -> String {
            var t = t
            while let l = t.last, seps.contains(l) { t = t.dropLast() }
            return String(t)
        }
        // A header that is a prefix of another one is the total (`Count_Person_Employed`).
        // (A prefix of every other header: `…NACE/K` beside `…NACE/K-N` is not one.)
        let totals = headers.count < 3 ? [] : headers.indices.filter { i in
            headers.indices.allSatisfy { j in j == i || (headers[j].hasPrefix(headers[i]) && headers[j].count > headers[i].count) }
        }
        let parts = headers.indices.filter { !totals.contains($0) }
        guard !parts.isEmpty, totals.count <= 1 else { return nil }
        var stem = Substring(parts.count > 1 ? headers[parts[0]] : "")
        for i in parts.dropFirst() { while !headers[i].hasPrefix(stem) { stem = stem.dropLast() } }
        // Cut back to a separator: `…NACE/C` and `…NACE/CA` share `…NACE/C`, not a code.
        if parts.count > 1 { while let l = stem.last, !seps.contains(l) { stem = stem.dropLast() } }
        var codes: [String] = []
        for (i, h) in headers.enumerated() {
            if totals.contains(i) { codes.append("TOTAL"); continue }
            let code = strip(h.dropFirst(stem.count)[...]).trimmed()
            guard !code.isEmpty else { return nil }
            if !forced {
                guard let e = registry?.industry(code), e.code.uppercased() == code.uppercased() || e.altCode?.uppercased() == code.uppercased() else { return nil }
            }
            codes.append(code)
        }
        guard Set(codes).count == codes.count else { return nil }
        var name = strip(stem)
        for w in ["nace", "nace_r2", "sni", "sni2007", "sic", "sic07", "industry", "bransch"] {
            if Text.fold(name).hasSuffix(w), name.count > w.count {
                name = strip(name.dropLast(w.count))
                break
            }
        }
        if let t = totals.first, name.isEmpty || headers[t].hasPrefix(name) == false { name = headers[t] }
        return (name, codes)
    }

    /// Headers that are region codes of the registry (by code, never folded), after a shared
    /// stem as for industries; without `forced` three or more, all known.
    static func regionColumns(_ headers: [String], registry: Registry?, forced: Bool) -> (String, [String])? {
        guard headers.count >= (forced ? 1 : 3) else { return nil }
        if !forced { guard let registry, headers.allSatisfy({ registry.regionByCode($0) != nil }) else { return nil } }
        guard Set(headers).count == headers.count else { return nil }
        return ("", headers)
    }

    /// Price bases declared in comments: `# prices value_added: constant 2023`.
    static func prices(fromComments comments: [String]) -> [String: String] {
        var out: [String: String] = [:]
        for c in comments where c.lowercased().hasPrefix("prices ") {
            let kv = c.dropFirst(7).split(separator: ":", maxSplits: 1)
            if kv.count == 2 { out[Text.snakeCase(String(kv[0]))] = String(kv[1]).trimmed() }
        }
        return out
    }

    /// Units declared in comment lines before the header: `# unit employment: persons`
    /// or `# units: employment = persons, value_added = MSEK`.
    static func units(fromComments comments: [String]) -> [String: String] {
        var out: [String: String] = [:]
        for c in comments {
            let w = Text.fold(c)
            if w.hasPrefix("units ") || w.hasPrefix("units:") || c.lowercased().hasPrefix("units:") {
                let body = c.drop(while: { $0 != ":" }).dropFirst()
                for part in body.split(separator: ",") {
                    let kv = part.split(separator: "=", maxSplits: 1)
                    if kv.count == 2 { out[Text.fold(String(kv[0]))] = String(kv[1]).trimmed() }
                }
            } else if c.lowercased().hasPrefix("unit ") {
                let body = c.dropFirst(5)
                let kv = body.split(separator: ":", maxSplits: 1)
                if kv.count == 2 { out[Text.fold(String(kv[0]))] = String(kv[1]).trimmed() }
            }
        }
        return out
    }
}
