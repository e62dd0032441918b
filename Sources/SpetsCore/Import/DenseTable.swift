// DenseTable.swift — what cube-shaped formats (PC-Axis, JSON-stat) have in common: labelled
// axes and one value per combination, the last axis varying fastest. Deciding which axis is
// time, region, industry or measures, and turning the cells into a Cube, happens once here.

struct DenseTable {
    struct Axis {
        let name: String
        /// Codes when the file gives them, else the texts: what the dimension is keyed by.
        let labels: [String]
        /// What people read.
        let names: [String]
        let hasCodes: Bool
        var line: Int = 1
        /// The values partition the whole (PC-Axis ELIMINATION=YES): analyses may sum over it.
        var summable = false
        /// The index of the value that is the total of the others.
        var total: Int? = nil
    }

    let path: String
    var axes: [Axis] = []
    var data: [Double] = []
    /// Per cell (the index into `data`): the source's flag or symbol (`p`, `..`).
    var flags = CellFlagsBuilder()
    /// The axis whose values are measures (PC-Axis CONTVARIABLE, JSON-stat role metric).
    var contents: Int? = nil
    var timeHint: Int? = nil
    var regionHint: Int? = nil
    /// PC-Axis TLIST(Q1) and the like: names the sub-period dimension.
    var timeKind: String? = nil
    /// The measure's name when there is no contents axis.
    var measureName: String? = nil
    /// Per contents value, or one.
    var units: [String?] = []
    var notes: [String] = []
    /// Notes printed after the role notes (title, source, …).
    var trailingNotes: [String] = []
    var warnings: [String] = []

    init(path: String) { self.path = path }

    /// Axis names that mean time, region or industry when the format does not say (folded).
    static let timeNames: Set<String> = ["period", "year", "ar", "tid", "time", "aika", "manad", "kvartal", "month", "quarter", "time_period"]
    static let regionNames: Set<String> = ["region", "lan", "kommun", "county", "municipality", "geo", "omrade", "kunta", "riksomrade"]
    static let industryWords = ["naringsgren", "sni", "industry", "nace", "bransch"]

    /// The most cells a table may hold in memory (1 GB of values): a file that declares more is
    /// refused before anything is allocated.
    static let maxCells = 1 << 27

    func checkAllocatable(_ total: Int) throws(Diagnostic) {
        guard total <= Self.maxCells else {
            throw Diagnostic(.dimensionsDeclareCellsMoreThan, total, Self.maxCells,
                             location: FileLocation(file: path, line: 1), help: "download a smaller selection of the table")
        }
    }

    /// The number of cells the axes declare; an empty axis or more than 2^31 cells is an error.
    func cellCount(what: (String) -> String) throws(Diagnostic) -> Int {
        var total = 1
        for a in axes {
            guard !a.labels.isEmpty else {
                throw Diagnostic(.listsNoValues, what(a.name), location: FileLocation(file: path, line: a.line))
            }
            let (p, o) = total.multipliedReportingOverflow(by: a.labels.count)
            guard !o, p <= 1 << 31 else {
                throw Diagnostic(.dimensionsDeclareMoreThanCells, location: FileLocation(file: path, line: a.line),
                                 help: "split the table into smaller files")
            }
            total = p
        }
        return total
    }

    func cube(name: String, options: LoadOptions, registry: Registry?) throws(Diagnostic) -> Cube {
        var notes = self.notes, warnings = self.warnings
        let vars = axes
        let sizes = vars.map(\.labels.count)
        let total = data.count
        let contIndex = contents
        func pick(_ role: String, _ auto: () -> Int?) throws(Diagnostic) -> Int? {
            guard let want = options.mapping[role] else { return auto() }
            if let i = vars.firstIndex(where: { Text.fold($0.name) == Text.fold(want) }) { return i }
            throw Diagnostic(.hasNoVariable, role, want, path, want,
                             help: "variables: " + vars.map(\.name).joined(separator: ", "),
                             candidates: Text.suggestions(for: want, among: vars.map(\.name)))
        }
        let timeIndex = try pick("year") {
            timeHint ?? vars.indices.first { $0 != contIndex && Self.timeNames.contains(Text.fold(vars[$0].name)) }
        }
        let regionIndex = try pick("region") {
            if let r = regionHint, r != timeIndex, r != contIndex { return r }
            return vars.indices.first { $0 != contIndex && $0 != timeIndex && Self.regionNames.contains(Text.fold(vars[$0].name)) }
        }
        // Industry: a variable named like one; else the first remaining category variable
        // (marital status, age, commodity group) is what LQ and its kin compare across.
        func namedLikeIndustry(_ i: Int) -> Bool {
            Self.industryWords.contains { Text.fold(vars[i].name).split(separator: " ").contains(Substring($0)) || Text.fold(vars[i].name).hasPrefix($0) }
        }
        let industryIndex = try pick("industry") {
            let rest = vars.indices.filter { $0 != contIndex && $0 != timeIndex && $0 != regionIndex }
            return rest.first(where: namedLikeIndustry) ?? rest.first
        }
        // Only an industry variable is coded by NACE/SNI; a category in the industry role
        // (chosen or guessed) keeps its own name and the registry is not consulted.
        let industryGuessed = industryIndex.map { !namedLikeIndustry($0) } ?? false

        // Measures.
        var measureNames: [String]
        if let c = contIndex {
            measureNames = vars[c].names.map { Text.snakeCase($0) }
        } else {
            measureNames = [options.mapping["measure"].map(Text.snakeCase) ?? measureName.map(Text.snakeCase) ?? "value"]
        }
        measureNames = measureNames.enumerated().map { k, n in
            let base = n.isEmpty || n.first!.isNumber ? "m_" + n : n
            return measureNames[..<k].contains(n) ? base + "_\(k + 1)" : base
        }

        // The time variable: a year, and a sub-period (quarter, month) as a dimension of its own.
        var yearOf: [Int32] = []
        var subOf: [Int32] = []
        var subDim: Dimension? = nil
        if let t = timeIndex {
            var subs: [String] = []
            var subIndex: [String: Int32] = [:]
            for code in vars[t].labels {
                let u = Array(code.utf8)
                guard u.count >= 4, u[0..<4].allSatisfy({ $0 &- 48 < 10 }) else {
                    throw Diagnostic(.timeValueDoesStartYear, code, vars[t].name,
                                     location: FileLocation(file: path, line: vars[t].line),
                                     help: "periods are written 2004, 20041 (quarter), 2004K1 or 200401 (month); name another variable with `with year = …`")
                }
                yearOf.append(Int32(String(decoding: u[0..<4], as: UTF8.self))!)
                var rest = String(decoding: u[4...], as: UTF8.self)
                if rest.hasPrefix("-") { rest.removeFirst() }
                if subIndex[rest] == nil { subIndex[rest] = Int32(subs.count); subs.append(rest) }
                subOf.append(subIndex[rest]!)
            }
            if subs.count > 1 || subs.first?.isEmpty == false {
                let k = (timeKind ?? "").uppercased(), first = subs.first?.uppercased() ?? ""
                let dimName = k.contains("(Q") || k.contains("(K") || first.hasPrefix("Q") || first.hasPrefix("K") ? "quarter"
                    : k.contains("(M") || first.hasPrefix("M") ? "month"
                    : k.contains("(H") ? "half" : k.contains("(W") ? "week" : "period"
                subDim = Dimension(name: dimName, role: .extra, labels: subs)
            }
            notes.append("time: \(vars[t].name)" + (timeKind.map { " (\($0))" } ?? ""))
        } else {
            warnings.append("no time variable (one named period/year/tid, or so declared): every cell is given year 0")
        }

        // Rows: one per combination of the non-content variables.
        let nM = contIndex.map { sizes[$0] } ?? 1
        let nRows = total / nM
        var strides = [Int](repeating: 1, count: vars.count)
        for v in stride(from: vars.count - 2, through: 0, by: -1) { strides[v] = strides[v + 1] * sizes[v + 1] }
        let otherVars = vars.indices.filter { $0 != contIndex && $0 != timeIndex && $0 != regionIndex && $0 != industryIndex }
        var regionCodes = [Int32](repeating: 0, count: nRows)
        var industryCodes = [Int32](repeating: 0, count: industryIndex == nil ? 0 : nRows)
        var years = [Int32](repeating: 0, count: nRows)
        var extraCodes = [[Int32]](repeating: [Int32](repeating: 0, count: nRows), count: otherVars.count + (subDim == nil ? 0 : 1))
        var values = [[Double]](repeating: [Double](repeating: .nan, count: nRows), count: nM)
        let cellFlags = flags.build(rows: total)
        var flagCodes = [[UInt8]](repeating: cellFlags == nil ? [] : [UInt8](repeating: 0, count: nRows), count: nM)
        var digits = [Int](repeating: 0, count: vars.count)
        for k in 0..<total {
            if k > 0 {   // advance the odometer
                var v = vars.count - 1
                while true { digits[v] += 1; if digits[v] < sizes[v] { break }; digits[v] = 0; v -= 1 }
            }
            let m = contIndex.map { digits[$0] } ?? 0
            // The row of this cell: its position with the content digit removed.
            let row = contIndex.map { c in (k / (strides[c] * sizes[c])) * strides[c] + k % strides[c] } ?? k
            values[m][row] = data[k]
            if let f = cellFlags { flagCodes[m][row] = f.codes[k] }
            if m > 0 { continue }
            if let r = regionIndex { regionCodes[row] = Int32(digits[r]) }
            if let i = industryIndex { industryCodes[row] = Int32(digits[i]) }
            if let t = timeIndex { years[row] = yearOf[digits[t]]; if subDim != nil { extraCodes[otherVars.count][row] = subOf[digits[t]] } }
            for (j, v) in otherVars.enumerated() { extraCodes[j][row] = Int32(digits[v]) }
        }

        func dimension(_ v: Int, role: Dimension.Role, name: String) -> Dimension {
            let d = vars[v]
            var names: [String?] = d.hasCodes ? d.names : Array(repeating: nil, count: d.labels.count)
            if let registry, role != .extra, role == .region || name == "industry" {
                for (k, l) in d.labels.enumerated() where names[k] == nil || names[k] == l {
                    names[k] = (role == .region ? registry.regionByCode(l) : registry.industry(l))?.name ?? names[k]
                }
            }
            return Dimension(name: name, role: role, labels: d.labels, names: names, total: d.total.map(Int32.init))
        }
        let regionDim = regionIndex.map { dimension($0, role: .region, name: "region") }
            ?? Dimension(name: "region", role: .region, labels: ["all"], names: ["(whole table)"])
        if regionIndex == nil { notes.append("no region variable: one region `all`") }
        let industryDim = industryIndex.map { dimension($0, role: .industry, name: industryGuessed ? Text.snakeCase(vars[$0].name) : "industry") }
        if let i = industryIndex, industryGuessed {
            notes.append("categories compared (the industry role): \(vars[i].name)" + (options.mapping["industry"] == nil ? "; choose another with `with industry = …`" : ""))
        }
        // Extra dimensions are read by their text (`where sex = "women"`), codes as names.
        var extras = otherVars.map { v in
            Dimension(name: Text.snakeCase(vars[v].name), role: .extra, labels: vars[v].names,
                      names: vars[v].hasCodes ? vars[v].labels : Array(repeating: nil, count: vars[v].names.count),
                      summable: vars[v].summable, total: vars[v].total.map(Int32.init))
        }
        let summed = otherVars.filter { vars[$0].summable }.map { vars[$0].name }
        if !summed.isEmpty { notes.append("summed over when not chosen (ELIMINATION=YES): " + summed.joined(separator: ", ")) }
        for v in otherVars { if let t = vars[v].total { notes.append("\(vars[v].name): `\(vars[v].names[t])` is the total, used when no value is chosen") } }
        if let s = subDim { extras.append(s) }
        for (v, role) in [(regionIndex, "region"), (industryIndex, "industry")] { if let v { notes.append("\(role): \(vars[v].name)") } }
        notes.append(contentsOf: trailingNotes)
        notes.append(contentsOf: warnings.map { "warning: " + $0 })

        var measures: [Measure] = []
        for m in 0..<nM {
            // A measure keeps the flags only if one of its own cells has one.
            let f = cellFlags.flatMap { f in flagCodes[m].contains { $0 != 0 } ? CellFlags(labels: f.labels, codes: flagCodes[m]) : nil }
            measures.append(Measure(name: measureNames[m], unit: m < units.count ? units[m] : nil, values: values[m],
                                    prices: options.prices[measureNames[m]], flags: f))
        }
        for k in options.prices.keys where !measureNames.contains(k) {
            throw Diagnostic(.hasNoMeasure, k, path, k, help: "measures: " + measureNames.joined(separator: ", "),
                             candidates: Text.suggestions(for: k, among: measureNames))
        }
        return Cube(name: name, source: path, region: regionDim, industry: industryDim, extras: extras,
                    regionCodes: CodeColumn(regionCodes), industryCodes: CodeColumn(industryCodes), years: CodeColumn(years),
                    extraCodes: extraCodes.map { CodeColumn($0) }, measures: measures, notes: notes)
    }
}
