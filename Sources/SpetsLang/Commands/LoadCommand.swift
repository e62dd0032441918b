// LoadCommand.swift — `load`: a dataset read whole or refused (a failure changes nothing),
// or a registry of region or industry names added.
import SpetsCore

public struct LoadCommand: CommandNode, Equatable {
    public static let spec = CommandSpec(name: "load", usage: "load \"FILE\" as NAME [sheet N] [language sv] [with region = COL, industry = COL, year = COL, measure = NAME] [text COL, …] [ignore COL, …] [measure COL, …] [level COL] [skip N] [missing \"X\", …] [unit COL = \"U\"] [wide industries|regions [into NAME]]  |  load regions \"FILE.csv\"",
                summary: "read a dataset, all or nothing; formats: " + DataFormat.allCases.map(\.name).joined(separator: "; "),
                summarySV: "läs in en datamängd, allt eller inget; format: " + DataFormat.allCases.map(\.name).joined(separator: "; "), journaled: true, contained: false, takesPath: true, node: LoadCommand.self)
    /// A clause as written: `with region = COL` is (region, COL), `text A, B` two (text, …).
    public struct Mapping: Equatable, Sendable { public var key: String; public var value: NameRef }
    /// `with MEASURE prices constant 2019`
    public struct Price: Equatable, Sendable { public var measure: NameRef; public var basis: String }
    public var path: NameRef
    public var name: NameRef?
    public var mapping: [Mapping]
    /// `load regions|industries "FILE.csv"`: a registry, not a dataset.
    public var registry: String?
    public var prices: [Price] = []

    /// What may follow `load "f" as NAME …` (each once; `unit` may repeat).
    static let clauses = ["as", "sheet", "language", "wide", "with", "text", "ignore", "measure", "level", "skip", "missing", "unit"]

    public static func parse(_ p: inout Parser) throws(Diagnostic) -> LoadCommand { try p.parseLoad() }

    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome {
        try e.session.load(path: path, name: name, mapping: mapping.map { ($0.key, $0.value) }, registryKind: registry,
                           prices: prices.map { ($0.measure, $0.basis) })
    }

    /// The load clauses not given yet (docs/language.md, "Loading CSV").
    public static func complete(_ c: CompletionContext) -> [String]? {
        let toks = c.tokens, last = c.last
        guard toks.count >= 3, toks[1].kind == .string else { return nil }
        if last.isWord("wide") { return ["industries", "regions"] }
        if last.isWord("missing") { return [] }
        if last.kind == .string || last.kind == .identifier || last.kind == .number || last.isSymbol(",") == false {
            return clauses.filter { w in !toks.contains { $0.isWord(w) } }
        }
        return nil
    }
}

extension Parser {
    /// load = "load" STRING [ "as" NAME ] { load_clause } ;
    /// load_clause = "sheet" name | "language" NAME | "wide" ( "industries" | "regions" ) [ "into" name ]
    ///        | "with" mapping { "," mapping } | ( "text" | "ignore" | "measure" ) name { "," name }
    ///        | "level" name | "skip" INTEGER | "missing" STRING { "," STRING } | "unit" name "=" STRING ;
    ///      | "load" "regions" STRING ;
    mutating func parseLoad() throws(Diagnostic) -> LoadCommand {
        advance()
        if peek.isWord("regions") || peek.isWord("industries") {
            let which = advance().text.lowercased()
            return LoadCommand(path: try parsePath("a registry CSV path"), name: nil, mapping: [], registry: which)
        }
        let path = try parsePath("a file path")
        var name: NameRef? = nil
        if match(word: "as") { name = try parseIdentifier("a dataset name") }
        var mapping: [(String, NameRef)] = []
        var prices: [(NameRef, String)] = []
        // The clauses in any order, each once: sheet, language, wide, with, text, ignore,
        // measure, skip, missing, unit (docs/language.md, "Loading CSV").
        var given = Set<String>()
        func once(_ w: Token) throws(Diagnostic) {
            let k = w.text.lowercased()
            if !given.insert(k).inserted { throw Diagnostic(.givenTwice, k, span: w.span, help: "write each clause of `load` once") }
        }
        clauses: while true {
            let w = peek
            switch w.kind == .identifier ? w.text.lowercased() : "" {
            case "sheet": advance(); try once(w); mapping.append(("sheet", try parseName("a sheet name or number")))
            case "language": advance(); try once(w); mapping.append(("language", try parseName("a language code such as sv or en")))
            case "wide":
                advance(); try once(w)
                // `wide industries [into NAME]`: one column per industry, read as the industry dimension.
                guard peek.isWord("industries") || peek.isWord("regions") else {
                    throw Diagnostic(.expectedAfterFound, describe(peek), span: w.span.lowerBound..<peek.span.upperBound,
                                     help: "load \"FILE.csv\" as NAME wide industries|regions [into MEASURE]  (one column per industry or region); a table with one column per year is read as wide by itself")
                }
                let kw = advance()
                mapping.append(("wide", NameRef(text: kw.text.lowercased(), span: kw.span)))
                if match(word: "into") { mapping.append(("into", try parseName("the measure's name"))) }
            case "text", "ignore", "measure":
                advance(); try once(w)
                repeat { mapping.append((w.text.lowercased() == "measure" ? "measures" : w.text.lowercased(), try parseName("a column name"))) } while match(symbol: ",")
            case "level":
                advance(); try once(w)
                mapping.append(("level", try parseName("the column naming each row's level")))
            case "skip":
                advance(); try once(w)
                guard peek.kind == .number, let n = Int(peek.text), n >= 0, n <= 1000 else {
                    throw error(.expectedNumberRowsAboveHeader, describe(peek), help: "e.g.  load \"f.xlsx\" as d skip 2")
                }
                mapping.append(("skip", NameRef(text: String(n), span: advance().span)))
            case "missing":
                advance(); try once(w)
                repeat { mapping.append(("missing", try parseString("a missing-value marker in quotes, e.g. \"Inf\""))) } while match(symbol: ",")
            case "unit":
                advance()
                let col = try parseName("a measure column")
                _ = try expect(symbol: "=", "after `unit \(col.text)`")
                let unit = try parseString("the unit in quotes, e.g. \"persons\"")
                mapping.append(("unit", col)); mapping.append(("unit=", unit))
            case "with":
                advance(); try once(w)
                repeat {
                    let key = try parseIdentifier("region, industry, year or measure")
                    // `with value_added prices constant 2019`
                    if peek.isWord("prices") {
                        advance()
                        guard peek.isWord("constant") || peek.isWord("current") else {
                            throw error(.expectedAfterFound2, describe(peek))
                        }
                        var basis = advance().text.lowercased()
                        if peek.kind == .number { basis += " " + advance().text }
                        prices.append((key, basis))
                        continue
                    }
                    guard LoadOptions.mappingKeys.contains(key.text.lowercased()) else {
                        throw Diagnostic(.unknownColumnRole, key.text, span: key.span,
                                         help: "roles: " + LoadOptions.mappingKeys.joined(separator: ", ") + "; or MEASURE prices constant|current [YEAR]",
                                         candidates: Text.suggestions(for: key.text, among: LoadOptions.mappingKeys))
                    }
                    if mapping.contains(where: { $0.0 == key.text.lowercased() }) {
                        throw Diagnostic(.mappedTwice, key.text, span: key.span)
                    }
                    _ = try expect(symbol: "=", "after `\(key.text)`")
                    // (Two roles for one column are refused where the columns are known: CSVLayout.)
                    mapping.append((key.text.lowercased(), try parseName("a column name")))
                } while match(symbol: ",")
            default:
                // A clause word misspelt (`skipp 2`): say which clauses there are.
                if w.kind == .identifier, !atStatementEnd {
                    let words = Array(LoadCommand.clauses.dropFirst())
                    let near = Text.suggestions(for: w.text, among: words)
                    if !near.isEmpty {
                        throw Diagnostic(.unexpected2, w.text, span: w.span,
                                         help: "the clauses of load: " + words.joined(separator: ", "), candidates: near)
                    }
                }
                break clauses
            }
        }
        return LoadCommand(path: path, name: name, mapping: mapping.map { LoadCommand.Mapping(key: $0.0, value: $0.1) }, registry: nil, prices: prices.map { LoadCommand.Price(measure: $0.0, basis: $0.1) })
    }

}

extension Session {
    func load(path: NameRef, name: NameRef?, mapping: [(String, NameRef)], registryKind: String?,
              prices: [(NameRef, String)] = []) throws(Diagnostic) -> Outcome {
        if let kind = registryKind {
            do {
                let bytes = try FileIO.read(path.text)
                if kind == "regions" { try registry.addRegions(csv: bytes, file: path.text) }
                else { try registry.addIndustries(csv: bytes, file: path.text) }
            } catch { throw error.at(path.span) }
            return Outcome(messages: ["added \(kind) from \(path.text)"])
        }
        let dsName = name?.text ?? Self.defaultName(path.text)
        if let name { try checkBindable(name) }
        var opts = LoadOptions()
        var pendingUnit: String? = nil
        for (k, v) in mapping {
            switch k {
            case "text": opts.textColumns.append(v.text)
            case "ignore": opts.ignoreColumns.append(v.text)
            case "measures": opts.measureColumns = (opts.measureColumns ?? []) + [v.text]
            case "skip": opts.skipRows = Int(v.text)
            case "level": opts.levelColumn = v.text
            case "missing": opts.missingMarkers.append(v.text)
            case "unit": pendingUnit = v.text
            case "unit=": if let c = pendingUnit { opts.units.append((c, v.text)); pendingUnit = nil }
            default: opts.mapping[k] = v.text
            }
        }
        for (m, basis) in prices { opts.prices[Text.snakeCase(m.text)] = basis }
        let cube: Cube
        do { cube = try DataFormat.load(path: path.text, name: dsName, options: opts, registry: registry) }
        catch {
            // An error about a column a clause named points at that clause's column.
            let named = mapping.first { k, v in ["text", "ignore", "measures", "level", "unit", "region", "industry", "year"].contains(k)
                && error.message.contains("`\(v.text)`") }
            throw error.at(named?.1.span ?? path.span)
        }
        return Outcome(messages: try adopt(cube))
    }

    /// Stores a freshly read dataset and adds it to the session; the `loaded …` line and the
    /// reader's warnings.
    func adopt(_ cube: Cube) throws(Diagnostic) -> [String] {
        try workspace.save(cube)
        add(cube)
        // Publication data say `organisations` and `fields`; everything else regions and industries.
        return ["loaded \(cube.name): \(cube.count) rows, " + plural(cube.region.count, cube.region.name == "organisation" ? "organisation" : "region")
            + (cube.industry.map { ", " + ($0.name == "field" ? plural($0.count, "field") : plural($0.count, "industry", "industries")) } ?? "")
            + ", measures " + cube.measures.map(\.name).joined(separator: ", ")]
            + cube.notes.filter(LoadNotes.showUnderLoaded)
    }

    /// `load "data/demo-counties.csv"` without `as` names the dataset after the file.
    static func defaultName(_ path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        let stem = file.split(separator: ".").first.map(String.init) ?? file
        let s = Text.snakeCase(stem)
        return s.first.map { $0.isNumber } == true ? "d_" + s : s
    }
}
