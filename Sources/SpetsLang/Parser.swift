// Parser.swift — recursive descent over tokens; one method per rule, its production beside
// it (docs/language.md lists the same grammar). After an error the parser skips to the next
// statement, so one mistake gives one message.
import SpetsCore

public struct ParseResult {
    public var statements: [Statement]
    public var diagnostics: [Diagnostic]
}

public struct Parser {
    var tokens: [Token]
    var p = 0
    /// Words that end a multi-word name here (`to` in `export … for NB to "f.csv"`).
    var stopWords: Set<String> = []
    /// Limits that keep a pathological statement from exhausting the stack: brackets and
    /// `not`s nest at most `maxNesting` deep, a condition has at most `maxTerms` comparisons.
    static let maxNesting = 100
    static let maxTerms = 1000
    var nesting = 0
    var terms = 0

    public init(tokens: [Token]) { self.tokens = tokens }

    public static func parse(_ source: String) -> ParseResult {
        let lex = Lexer.lex(source)
        var parser = Parser(tokens: lex.tokens)
        var result = parser.parseScript()
        // A statement with a lexical error reports only that error: the parse errors that
        // follow from it (and the statement itself) are dropped.
        if !lex.diagnostics.isEmpty {
            var bounds: [Range<Int>] = []
            var start = 0
            for t in lex.tokens where t.kind == .newline || t.kind == .end {
                bounds.append(start..<max(t.span.upperBound, start + 1))
                start = t.span.upperBound
            }
            let bad = bounds.filter { b in lex.diagnostics.contains { b.contains($0.span!.lowerBound) } }
            func tainted(_ p: Int) -> Bool { bad.contains { $0.contains(p) } }
            result.diagnostics = (lex.diagnostics + result.diagnostics.filter { !tainted($0.span?.lowerBound ?? -1) })
            result.statements = result.statements.filter { !tainted($0.span.lowerBound) }
        }
        return result
    }

    var peek: Token { tokens[p] }
    var previous: Token { tokens[max(p - 1, 0)] }
    func peek(_ k: Int) -> Token { tokens[min(p + k, tokens.count - 1)] }
    var atStatementEnd: Bool { peek.kind == .newline || peek.kind == .end }
    /// The end of a command's clauses: the statement's end, a pipe, or a word that ends the
    /// enclosing statement's part (`as` in `plot … as bubble`).
    var atClauseEnd: Bool {
        atStatementEnd || peek.isSymbol("|") || (peek.kind == .identifier && stopWords.contains(peek.text.lowercased()))
    }

    @discardableResult
    mutating func advance() -> Token { let t = tokens[p]; if p < tokens.count - 1 { p += 1 }; return t }

    mutating func match(word: String) -> Bool {
        if peek.isWord(word) { advance(); return true }
        return false
    }
    mutating func match(symbol: String) -> Bool {
        if peek.isSymbol(symbol) { advance(); return true }
        return false
    }

    func error(_ message: String, at t: Token? = nil, help: String? = nil, candidates: [String] = []) -> Diagnostic {
        let tok = t ?? peek
        let span = tok.kind == .end || tok.kind == .newline ? tok.span.lowerBound..<(tok.span.lowerBound + 1) : tok.span
        return Diagnostic(message: message, span: span, help: help, candidates: candidates)
    }

    func describe(_ t: Token) -> String {
        switch t.kind {
        case .end: return "end of input"
        case .newline: return "end of statement"
        case .string: return "\"\(t.text)\""
        default: return "`\(t.text)`"
        }
    }

    mutating func expect(symbol s: String, _ context: String) throws(Diagnostic) -> Token {
        if peek.isSymbol(s) { return advance() }
        throw error("expected `\(s)` \(context), found \(describe(peek))")
    }

    mutating func expect(word w: String, _ context: String) throws(Diagnostic) {
        if match(word: w) { return }
        throw error("expected `\(w)` \(context), found \(describe(peek))",
                    candidates: peek.kind == .identifier ? Text.suggestions(for: peek.text, among: [w]) : [])
    }

    /// Commands whose result is a table (and so may be followed by `| stage`).
    static let tableCommands: Set<String> = ["describe", "datasets", "areas", "goals", "groups", "compare", "rank", "similar", "convergence", "sql", "opportunities", "strengths"]

    /// script = { statement ( NEWLINE | ";" ) } ;
    public mutating func parseScript() -> ParseResult {
        var out: [Statement] = []
        var diags: [Diagnostic] = []
        while peek.kind != .end {
            if peek.kind == .newline { advance(); continue }
            do throws(Diagnostic) {
                let s = try parseStatement()
                if !atStatementEnd {
                    throw error("unexpected \(describe(peek)) after a complete statement",
                                help: "one statement per line, or separate them with `;`")
                }
                out.append(s)
            } catch {
                diags.append(error)
                while !atStatementEnd { advance() }   // resynchronise at the next statement
            }
        }
        return ParseResult(statements: out, diagnostics: diags)
    }

    /// statement = command | "let" NAME "=" pipeline | pipeline ;
    mutating func parseStatement() throws(Diagnostic) -> Statement {
        let start = peek.span.lowerBound
        let t = peek
        guard t.kind == .identifier else {
            throw error("expected a statement, found \(describe(t))",
                        help: "statements start with a verb (\(VerbTable.all.map(\.name).joined(separator: ", "))), a command (load, describe, help, …) or a name")
        }
        let kind: StatementKind
        switch t.text.lowercased() {
        case "let": kind = try parseLet()
        case "load": kind = try parseLoad()
        case "fetch": kind = try parseFetch()
        case "describe": advance(); kind = .describe(try parseName("a dataset name"))
        case "datasets": advance(); kind = .datasets
        case "help": advance(); kind = .help(atStatementEnd ? nil : try parseName("a topic"))
        case "explain": advance(); kind = .explain(atStatementEnd ? nil : try parseName("a verb"))
        case "tutorial":
            advance()
            var n: Int? = nil
            if peek.kind == .number, let v = Int(peek.text) { advance(); n = v }
            kind = .tutorial(step: n, move: 0)
        case "history", "edit":
            let word = advance().text.lowercased()
            var n: Int? = nil
            if peek.kind == .number {
                guard let v = Int(peek.text), v >= 1 else { throw error("expected an entry number (1, 2, …), found \(describe(peek))") }
                advance(); n = v
            }
            kind = word == "history" ? .history(n) : .edit(n)
        case "next": advance(); kind = .tutorial(step: nil, move: 1)
        case "back": advance(); kind = .tutorial(step: nil, move: -1)
        case "set": kind = try parseSet()
        case "export": kind = try parseExport()
        case "plot": kind = try parsePlot()
        case "link": kind = try parseLink()
        case "strengths": kind = try parseStrengths()
        case "chart": kind = try parseChart()
        case "run": advance(); kind = .run(try parseString("a script path"))
        case "save": advance(); kind = .save(try parseOutputPath("a script path"))
        case "open": advance(); kind = .open(try parseString("a workspace path"))
        case "sql": advance(); kind = .sql(try parseString("an SQL query"))
        case "area": kind = try parseArea()
        case "areas": advance(); kind = .areas
        case "indicator": kind = try parseIndicatorStatement()
        case "scenario": kind = try parseScenario()
        case "goal": kind = try parseGoal()
        case "goals": advance(); kind = .goals
        case "report": kind = try parseReport()
        case "group": kind = try parseGroup()
        case "groups": advance(); kind = .groups
        case "compare": kind = try parseCompare()
        case "rank": kind = try parseRank()
        case "similar": kind = try parseSimilar()
        case "convergence": kind = try parseConvergence()
        case "opportunities": kind = try parseOpportunities()
        default: kind = .pipeline(try parsePipeline())
        }
        // Any command that yields a table takes pipe stages too.
        if peek.isSymbol("|"), Self.tableCommands.contains(t.text.lowercased()) {
            var stages: [Stage] = []
            while match(symbol: "|") { stages.append(try parseStage()) }
            return Statement(kind: .piped(kind, stages), span: start..<previous.span.upperBound)
        }
        return Statement(kind: kind, span: start..<previous.span.upperBound)
    }

    /// let = "let" NAME "=" pipeline ;
    mutating func parseLet() throws(Diagnostic) -> StatementKind {
        advance()
        let name = try parseIdentifier("a name to bind")
        _ = try expect(symbol: "=", "after `let \(name.text)`")
        return .bind(name, try parsePipeline())
    }

    /// load = "load" STRING [ "as" NAME ] { load_clause } ;
    /// load_clause = "sheet" name | "language" NAME | "wide" ( "industries" | "regions" ) [ "into" name ]
    ///        | "with" mapping { "," mapping } | ( "text" | "ignore" | "measure" ) name { "," name }
    ///        | "level" name | "skip" INTEGER | "missing" STRING { "," STRING } | "unit" name "=" STRING ;
    ///      | "load" "regions" STRING ;
    mutating func parseLoad() throws(Diagnostic) -> StatementKind {
        advance()
        if peek.isWord("regions") || peek.isWord("industries") {
            let which = advance().text.lowercased()
            return .load(path: try parseString("a registry CSV path"), name: nil, mapping: [], registry: which)
        }
        let path = try parseString("a file path in quotes")
        var name: NameRef? = nil
        if match(word: "as") { name = try parseIdentifier("a dataset name") }
        var mapping: [(String, NameRef)] = []
        var prices: [(NameRef, String)] = []
        // The clauses in any order, each once: sheet, language, wide, with, text, ignore,
        // measure, skip, missing, unit (docs/language.md, "Loading CSV").
        var given = Set<String>()
        func once(_ w: Token) throws(Diagnostic) {
            let k = w.text.lowercased()
            if !given.insert(k).inserted { throw Diagnostic(message: "`\(k)` is given twice", span: w.span, help: "write each clause of `load` once") }
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
                    throw Diagnostic(message: "expected `industries` or `regions` after `wide`, found \(describe(peek))", span: w.span.lowerBound..<peek.span.upperBound,
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
                    throw error("expected the number of rows above the header after `skip` (0 to 1000), found \(describe(peek))", help: "e.g.  load \"f.xlsx\" as d skip 2")
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
                            throw error("expected `constant` or `current` after `prices`, found \(describe(peek))")
                        }
                        var basis = advance().text.lowercased()
                        if peek.kind == .number { basis += " " + advance().text }
                        prices.append((key, basis))
                        continue
                    }
                    guard LoadOptions.mappingKeys.contains(key.text.lowercased()) else {
                        throw Diagnostic(message: "unknown column role `\(key.text)`", span: key.span,
                                         help: "roles: " + LoadOptions.mappingKeys.joined(separator: ", ") + "; or MEASURE prices constant|current [YEAR]",
                                         candidates: Text.suggestions(for: key.text, among: LoadOptions.mappingKeys))
                    }
                    if mapping.contains(where: { $0.0 == key.text.lowercased() }) {
                        throw Diagnostic(message: "`\(key.text)` is mapped twice", span: key.span)
                    }
                    _ = try expect(symbol: "=", "after `\(key.text)`")
                    // (Two roles for one column are refused where the columns are known: CSVLayout.)
                    mapping.append((key.text.lowercased(), try parseName("a column name")))
                } while match(symbol: ",")
            default:
                // A clause word misspelt (`skipp 2`): say which clauses there are.
                if w.kind == .identifier, !atStatementEnd {
                    let words = ["sheet", "language", "wide", "with", "text", "ignore", "measure", "level", "skip", "missing", "unit"]
                    let near = Text.suggestions(for: w.text, among: words)
                    if !near.isEmpty {
                        throw Diagnostic(message: "unexpected `\(w.text)` in `load`", span: w.span,
                                         help: "the clauses of load: " + words.joined(separator: ", "), candidates: near)
                    }
                }
                break clauses
            }
        }
        return .load(path: path, name: name, mapping: mapping, registry: nil, prices: prices)
    }

    /// fetch = "fetch" SOURCE TABLE [ "where" KEY "=" VALUE { "," VALUE } { "and" KEY "=" VALUE { "," VALUE } } ]
    ///         [ "refresh" ] "as" NAME ;
    mutating func parseFetch() throws(Diagnostic) -> StatementKind {
        advance()
        let source = try parseIdentifier("a data source (" + DataSource.all.map(\.name).joined(separator: ", ") + ")")
        guard DataSource.named(source.text) != nil else {
            throw Diagnostic(message: "unknown data source `\(source.text)`", span: source.span,
                             help: "sources: " + DataSource.all.map(\.name).joined(separator: ", "),
                             candidates: Text.suggestions(for: source.text, among: DataSource.all.map(\.name)))
        }
        let table = try parseName("a table id, e.g. nama_10r_3empers or TAB6471")
        var filters: [FetchSpec.Filter] = []
        if match(word: "where") {
            repeat {
                let key = try parseName("a dimension code such as geo or Region")
                _ = try expect(symbol: "=", "after `\(key.text)`")
                var values = [try parseName("a value code")]
                while match(symbol: ",") { values.append(try parseName("a value code")) }
                filters.append(FetchSpec.Filter(key: key, values: values))
            } while match(word: "and")
        }
        let refresh = match(word: "refresh")
        guard match(word: "as") else { throw error("expected `as NAME` to name the fetched dataset, found \(describe(peek))") }
        let name = try parseIdentifier("a dataset name")
        return .fetch(FetchSpec(source: source, table: table, filters: filters, refresh: refresh, name: name))
    }

    /// set = "set" NAME VALUE ;
    mutating func parseSet() throws(Diagnostic) -> StatementKind {
        advance()
        let key = try parseIdentifier("a setting (" + CommandTable.settings.map(\.name).joined(separator: ", ") + ")")
        guard CommandTable.settings.contains(where: { $0.name == key.text.lowercased() }) else {
            throw Diagnostic(message: "unknown setting `\(key.text)`", span: key.span,
                             help: "settings: " + CommandTable.settings.map(\.name).joined(separator: ", "),
                             candidates: Text.suggestions(for: key.text, among: CommandTable.settings.map(\.name)))
        }
        return .set(key, try parseName("a value"))
    }

    /// export = "export" pipeline "to" STRING ;
    mutating func parseExport() throws(Diagnostic) -> StatementKind {
        advance()
        stopWords = ["to"]
        defer { stopWords = [] }
        let pipe = try parsePipeline(stopWords: ["to"])
        try expect(word: "to", "before the file to export to")
        return .export(pipe, path: try parseOutputPath("a file path"))
    }

    /// pipeline = source { "|" stage } ;
    /// source   = verb_call | NAME ;
    mutating func parsePipeline(stopWords extra: Set<String> = []) throws(Diagnostic) -> Pipeline {
        let stopWords = extra.union(self.stopWords)
        let start = peek.span.lowerBound
        let source: Source
        guard peek.kind == .identifier else { throw error("expected a verb or a name, found \(describe(peek))") }
        if let spec = VerbTable.named(peek.text) {
            source = .verb(try parseVerbCall(spec, stopWords: stopWords))
        } else {
            let name = advance()
            if !atStatementEnd && !peek.isSymbol("|") && !stopWords.contains(peek.text.lowercased()) {
                let words = CommandTable.statementWords
                throw Diagnostic(message: "unknown verb `\(name.text)`", span: name.span,
                                 help: "verbs: " + VerbTable.all.map(\.name).joined(separator: ", ") + "; `help` lists everything",
                                 candidates: Text.suggestions(for: name.text, among: words))
            }
            source = .name(NameRef(text: name.text, span: name.span))
        }
        var stages: [Stage] = []
        while match(symbol: "|") { stages.append(try parseStage()) }
        return Pipeline(source: source, stages: stages, span: start..<previous.span.upperBound)
    }

    /// verb_call = VERB [ NAME "." NAME ] { clause } ;
    /// clause    = KEYWORD value        (the verb's table entry says which keywords and values)
    mutating func parseVerbCall(_ spec: VerbSpec, stopWords extra: Set<String>) throws(Diagnostic) -> VerbCall {
        let stopWords = extra.union(self.stopWords)
        let verbTok = advance()
        var subject: MeasureRef? = nil
        var indicator: IndicatorExpr? = nil
        if spec.takesMeasure { subject = try parseMeasureRef(spec) }
        if spec.takesIndicator { indicator = try parseIndicator(spec) }
        var clauses: [Clause] = []
        while !atStatementEnd && !peek.isSymbol("|") {
            let kw = peek
            if kw.kind == .identifier && stopWords.contains(kw.text.lowercased()) { break }
            guard kw.kind == .identifier, let cs = spec.clause(kw.text) else {
                let kws = spec.clauses.map(\.keyword)
                throw error("unexpected \(describe(kw)) in `\(spec.name)`; expected one of: \(kws.joined(separator: ", "))",
                            help: "usage: \(spec.usage)",
                            candidates: kw.kind == .identifier ? Text.suggestions(for: kw.text, among: kws) : [])
            }
            if clauses.contains(where: { $0.keyword == cs.keyword }) {
                throw error("`\(cs.keyword)` is given twice", help: "usage: \(spec.usage)")
            }
            advance()
            let value = try parseClauseValue(cs, spec: spec)
            clauses.append(Clause(keyword: cs.keyword, value: value, span: kw.span.lowerBound..<previous.span.upperBound))
        }
        for cs in spec.clauses where cs.required && !clauses.contains(where: { $0.keyword == cs.keyword }) {
            let at = previous
            throw Diagnostic(message: "`\(spec.name)` needs `\(cs.keyword)` (\(cs.help))",
                             span: at.span.upperBound..<(at.span.upperBound + 1), help: "usage: \(spec.usage)")
        }
        return VerbCall(verb: spec.name, subject: subject, indicator: indicator, clauses: clauses,
                        span: verbTok.span.lowerBound..<previous.span.upperBound)
    }

    /// measure_ref = NAME "." NAME ;
    mutating func parseMeasureRef(_ spec: VerbSpec) throws(Diagnostic) -> MeasureRef {
        guard peek.kind == .identifier else {
            throw error("`\(spec.name)` needs a measure as DATASET.MEASURE, found \(describe(peek))", help: "usage: \(spec.usage)")
        }
        let ds = advance()
        guard match(symbol: ".") else {
            throw error("expected `.` and a measure after `\(ds.text)` (DATASET.MEASURE)", at: peek,
                        help: "e.g. \(ds.text).employment; `describe \(ds.text)` lists its measures")
        }
        guard peek.kind == .identifier else { throw error("expected a measure name after `\(ds.text).`") }
        let m = advance()
        return MeasureRef(dataset: NameRef(text: ds.text, span: ds.span), measure: NameRef(text: m.text, span: m.span))
    }

    mutating func parseClauseValue(_ cs: ClauseSpec, spec: VerbSpec) throws(Diagnostic) -> ClauseValue {
        switch cs.shape {
        case .year: return .year(try parseYear())
        case .years:
            let a = try parseYear()
            guard match(symbol: "..") else { return .year(a) }
            return .yearRange(a, try parseYear())
        case .yearRange:
            let a = try parseYear()
            _ = try expect(symbol: "..", "in a year range (2010..2023)")
            return .yearRange(a, try parseYear())
        case .regions: return .names(try parseNameList(spec))
        case .reference:
            if match(word: "rest") { return .rest }
            if match(word: "mean") { return .mean }
            return .name(try parseMultiwordName(spec))
        case .words(let options):
            var out: [NameRef] = []
            repeat {
                let w = try parseIdentifier(options.joined(separator: ", "))
                guard options.contains(w.text.lowercased()) else {
                    throw Diagnostic(message: "`\(w.text)` is not one of \(options.joined(separator: ", "))", span: w.span,
                                     candidates: Text.suggestions(for: w.text, among: options))
                }
                if out.contains(where: { $0.text.lowercased() == w.text.lowercased() }) {
                    throw Diagnostic(message: "`\(w.text)` is given twice", span: w.span)
                }
                out.append(w)
            } while match(symbol: ",")
            return .words(out)
        case .pair:
            let saved = stopWords
            stopWords.insert("and")
            defer { stopWords = saved }
            let a = try parseMultiwordName(spec)
            try expect(word: "and", "between two regions (`between A and B`)")
            return .pair(a, try parseMultiwordName(spec))
        case .path:
            return .string(try parseString("a file path"))
        case .measure:
            return .measure(try parseMeasureRef(spec))
        case .fromDataset:
            try expect(word: "from", "after `\(cs.keyword)` (`\(cs.keyword) from DATASET`)")
            return .name(try parseIdentifier("a dataset name"))
        case .industries:
            return .items(try parseIndustryItems())
        case .word(let options):
            guard peek.kind == .identifier else { throw error("expected one of \(options.joined(separator: ", ")), found \(describe(peek))") }
            let w = try parseIdentifierOrHyphenated()   // `two-term`, `economic-complexity`
            guard options.contains(w.text.lowercased()) else {
                throw Diagnostic(message: "`\(w.text)` is not one of \(options.joined(separator: ", "))", span: w.span,
                                 candidates: Text.suggestions(for: w.text, among: options))
            }
            return .name(w)
        case .number:
            guard peek.kind == .number else { throw error("expected a number after `\(cs.keyword)`") }
            return .number(advance().number)
        case .flag: return .flag
        }
    }

    /// area = "area" NAME "=" ( "industries" items [ "except" items ] | "preset" NAME ) ;
    mutating func parseArea() throws(Diagnostic) -> StatementKind {
        advance()
        let name = try parseIdentifier("an area name")
        _ = try expect(symbol: "=", "after `area \(name.text)`")
        if match(word: "preset") { return .area(name, .preset(try parseName("a preset name (`areas` lists them)"))) }
        try expect(word: "industries", "or `preset` after `area \(name.text) =`")
        let include = try parseIndustryItems()
        var exclude: [AreaItemRef] = []
        if match(word: "except") { exclude = try parseIndustryItems() }
        return .area(name, .items(include: include, exclude: exclude))
    }

    /// items = item { "," item } ;   item = code [ ".." code ] ;   code = WORD { "-" WORD } (no spaces)
    mutating func parseIndustryItems() throws(Diagnostic) -> [AreaItemRef] {
        var out: [AreaItemRef] = []
        repeat {
            let (a, sa) = try parseIndustryCode()
            if match(symbol: "..") {
                let (b, sb) = try parseIndustryCode()
                out.append(AreaItemRef(item: .range(a, b), span: sa.lowerBound..<sb.upperBound))
            } else {
                out.append(AreaItemRef(item: .code(a), span: sa))
            }
        } while match(symbol: ",")
        return out
    }

    /// An industry code as written: `01`, `C`, `B-E`, `TOTAL` (hyphenated parts are glued).
    mutating func parseIndustryCode() throws(Diagnostic) -> (String, Range<Int>) {
        if peek.kind == .string { let t = advance(); return (t.text, t.span) }
        guard peek.kind == .identifier || peek.kind == .number else {
            throw error("expected an industry code (e.g. 01, C, B-E) or an area, found \(describe(peek))")
        }
        var t = advance()
        var text = t.text, span = t.span
        while peek.isSymbol("-"), peek.span.lowerBound == t.span.upperBound,
              peek(1).kind == .identifier || peek(1).kind == .number, peek(1).span.lowerBound == peek.span.upperBound {
            advance()
            t = advance()
            text += "-" + t.text
            span = span.lowerBound..<t.span.upperBound
        }
        return (text, span)
    }

    /// A count written in a statement (`top N`): a whole number in min...max, checked before
    /// it becomes an Int (a 20-digit number would not fit).
    mutating func parseCount(_ what: String, min: Double, max: Double = 1e9) throws(Diagnostic) -> Int {
        let t = peek
        guard t.kind == .number, !t.percent, t.number == t.number.rounded(), t.number >= min, t.number < max else {
            throw error("expected a whole number of \(what) after `top` (\(NumberFormatting.exact(min)) to \(NumberFormatting.exact(max - 1))), found \(describe(t))")
        }
        advance()
        return Int(t.number)
    }

    /// year = NUMBER (four digits) ;
    mutating func parseYear() throws(Diagnostic) -> Int {
        let t = peek
        guard t.kind == .number, !t.percent, t.number == t.number.rounded(), t.number >= 1000, t.number <= 9999 else {
            throw error("expected a year (e.g. 2023), found \(describe(t))")
        }
        advance()
        return Int(t.number)
    }

    /// name_list = name { "," name } ;   name = WORD { WORD } | STRING | NUMBER
    mutating func parseNameList(_ spec: VerbSpec) throws(Diagnostic) -> [NameRef] {
        var out = [try parseMultiwordName(spec)]
        while match(symbol: ",") { out.append(try parseMultiwordName(spec)) }
        return out
    }

    /// A name that may be several words (`Jämtlands län`) up to the next keyword of the verb.
    mutating func parseMultiwordName(_ spec: VerbSpec) throws(Diagnostic) -> NameRef {
        if peek.kind == .string { let t = advance(); return NameRef(text: t.text, span: t.span) }
        guard peek.kind == .identifier || peek.kind == .number else { throw error("expected a name, found \(describe(peek))") }
        var t = advance()
        var text = t.text, span = t.span
        while (peek.kind == .identifier || peek.kind == .number) && spec.clause(peek.text) == nil
                && !stopWords.contains(peek.text.lowercased()) {
            t = advance()
            text += " " + t.text
            span = span.lowerBound..<t.span.upperBound
        }
        return NameRef(text: text, span: span)
    }

    mutating func parseName(_ what: String) throws(Diagnostic) -> NameRef {
        let t = peek
        guard t.kind == .identifier || t.kind == .string || t.kind == .number else {
            throw error("expected \(what), found \(describe(t))")
        }
        advance()
        return NameRef(text: t.text, span: t.span)
    }

    mutating func parseIdentifier(_ what: String) throws(Diagnostic) -> NameRef {
        guard peek.kind == .identifier else { throw error("expected \(what), found \(describe(peek))") }
        let t = advance()
        return NameRef(text: t.text, span: t.span)
    }

    /// output = STRING [ "replace" ] ;  a file a statement writes (export, save, plot, report).
    mutating func parseOutputPath(_ what: String) throws(Diagnostic) -> NameRef {
        var p = try parseString(what)
        if match(word: "replace") { p.replace = true }
        return p
    }

    mutating func parseString(_ what: String) throws(Diagnostic) -> NameRef {
        guard peek.kind == .string else {
            throw error("expected \(what) in quotes, found \(describe(peek))", help: "write it in double quotes: \"…\"")
        }
        let t = advance()
        return NameRef(text: t.text, span: t.span)
    }
}
