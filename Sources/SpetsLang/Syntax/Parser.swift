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
    /// The source the tokens were read from: statements keep their text.
    let source: [UInt8]

    public init(tokens: [Token], source: [UInt8] = []) { self.tokens = tokens; self.source = source }

    public static func parse(_ source: String) -> ParseResult {
        let lex = Lexer.lex(source)
        var parser = Parser(tokens: lex.tokens, source: Array(source.utf8))
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
        atStatementEnd || peek.isSymbol("|") || isStop(peek, peek(1), stopWords)
    }

    /// Whether `t` (followed by `next`) ends the enclosing part here. `to` ends it only
    /// before a file name — a string — so a verb's own `to YEAR` reads on:
    /// `export shiftshare se.employment from 2013 to 2023 for Kalmar to "ss.csv"`.
    func isStop(_ t: Token, _ next: Token, _ words: Set<String>) -> Bool {
        guard t.kind == .identifier else { return false }
        let w = t.text.lowercased()
        guard words.contains(w) else { return false }
        return w != "to" || next.kind == .string
    }

    /// The source text of a span (empty when the parser was given tokens only).
    func text(_ span: Range<Int>) -> String {
        guard span.lowerBound >= 0, span.upperBound <= source.count, !span.isEmpty else { return "" }
        return String(decoding: source[span], as: UTF8.self)
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

    func error(_ id: MessageID, _ args: Any..., at t: Token? = nil, help: String? = nil, candidates: [String] = []) -> Diagnostic {
        let tok = t ?? peek
        let span = tok.kind == .end || tok.kind == .newline ? tok.span.lowerBound..<(tok.span.lowerBound + 1) : tok.span
        return Diagnostic(Message(id, any: args), span: span, help: help, candidates: candidates)
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
        throw error(.expectedFound, s, context, describe(peek))
    }

    mutating func expect(word w: String, _ context: String) throws(Diagnostic) {
        if match(word: w) { return }
        throw error(.expectedFound, w, context, describe(peek),
                    candidates: peek.kind == .identifier ? Text.suggestions(for: peek.text, among: [w]) : [])
    }

    /// script = { statement ( NEWLINE | ";" ) } ;
    public mutating func parseScript() -> ParseResult {
        var out: [Statement] = []
        var diags: [Diagnostic] = []
        while peek.kind != .end {
            if peek.kind == .newline { advance(); continue }
            do throws(Diagnostic) {
                let s = try parseStatement()
                if !atStatementEnd {
                    throw error(.unexpectedAfterCompleteStatement, describe(peek),
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

    /// statement = command [ { "|" stage } ] | "let" NAME "=" pipeline | pipeline ;
    /// (a command's own production is in its file under Commands/; stages follow only a
    /// command whose result is a table.)
    mutating func parseStatement() throws(Diagnostic) -> Statement {
        let start = peek.span.lowerBound
        let t = peek
        guard t.kind == .identifier else {
            throw error(.expectedStatementFound, describe(t),
                        help: "statements start with a verb (\(VerbTable.all.map(\.name).joined(separator: ", "))), a command (load, describe, help, …) or a name")
        }
        let kind: StatementKind
        if t.isWord("let") {
            kind = try parseLet()
        } else if let spec = CommandTable.named(t.text), let node = spec.node {
            let parsed = try node.parse(&self)
            var stages: [Stage] = []
            if spec.yieldsTable { while match(symbol: "|") { stages.append(try parseStage()) } }
            kind = .command(CommandCall(node: parsed, stages: stages))
        } else {
            kind = .pipeline(try parsePipeline())
        }
        let span = start..<previous.span.upperBound
        return Statement(kind: kind, span: span, text: text(span))
    }

    /// let = "let" NAME "=" table_source ;
    mutating func parseLet() throws(Diagnostic) -> StatementKind {
        advance()
        let name = try parseIdentifier("a name to bind")
        _ = try expect(symbol: "=", "after `let \(name.text)`")
        return .bind(name, try parseTablePipeline(stop: [], context: "let"))
    }

    /// A table source as a pipeline: a table command becomes its source, its stages the
    /// pipeline's (what `let` binds and `export` writes).
    mutating func parseTablePipeline(stop: Set<String>, context: String) throws(Diagnostic) -> Pipeline {
        let st = try parseTableSource(stop: stop, context: context)
        switch st.kind {
        case .pipeline(let p): return p
        case .command(let c): return Pipeline(source: .command(CommandCall(node: c.node, stages: [])), stages: c.stages, span: st.span)
        case .bind: throw Diagnostic(.takesResultTableDoesGive, context, "let", span: st.span)
        }
    }

    /// pipeline = source { "|" stage } ;
    /// source   = verb_call | NAME ;
    mutating func parsePipeline(stopWords extra: Set<String> = []) throws(Diagnostic) -> Pipeline {
        let stopWords = extra.union(self.stopWords)
        let start = peek.span.lowerBound
        let source: Source
        guard peek.kind == .identifier else { throw error(.expectedVerbNameFound, describe(peek)) }
        if let spec = VerbTable.named(peek.text) {
            source = .verb(try parseVerbCall(spec, stopWords: stopWords))
        } else {
            let name = advance()
            if !atStatementEnd && !peek.isSymbol("|") && !isStop(peek, peek(1), stopWords) {
                let words = CommandTable.statementWords
                throw Diagnostic(.unknownVerb2, name.text, span: name.span,
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
        var indicator: WrittenIndicator? = nil
        if spec.takesMeasure { subject = try parseMeasureRef(spec) }
        if spec.takesIndicator { indicator = try parseIndicator(spec) }
        var clauses: [Clause] = []
        while !atStatementEnd && !peek.isSymbol("|") {
            let kw = peek
            if isStop(kw, peek(1), stopWords) { break }
            guard kw.kind == .identifier, let cs = spec.clause(kw.text) else {
                let kws = spec.clauses.map(\.keyword)
                // A clause of another verb (`shiftshare … in 2023`): this verb's usage, not a
                // look-alike keyword.
                if kw.kind == .identifier, VerbTable.all.contains(where: { $0.clause(kw.text) != nil }) {
                    throw error(.notAClauseOf, kw.text, spec.name, kws.joined(separator: ", "), help: "usage: \(spec.usage)")
                }
                throw error(.unexpectedExpectedOne, describe(kw), spec.name, kws.joined(separator: ", "),
                            help: "usage: \(spec.usage)",
                            candidates: kw.kind == .identifier ? Text.suggestions(for: kw.text, among: kws) : [])
            }
            if clauses.contains(where: { $0.keyword == cs.keyword }) {
                throw error(.givenTwice, cs.keyword, help: "usage: \(spec.usage)")
            }
            advance()
            let value = try parseClauseValue(cs, spec: spec)
            let clauseSpan = kw.span.lowerBound..<previous.span.upperBound
            // `vs mean` only where the verb's index has one: the clause's shape says (the
            // completer reads the same).
            if value == .mean, case .reference(allowsMean: false) = cs.shape {
                throw Diagnostic(.appliesKrugmanSIndexSpecialisation, span: clauseSpan, help: "use `vs rest` or `vs REGION`")
            }
            clauses.append(Clause(keyword: cs.keyword, value: value, span: clauseSpan))
        }
        try Self.checkYearOrder(clauses.first { $0.keyword == "from" }, clauses.first { $0.keyword == "to" })
        for cs in spec.clauses where cs.required && !clauses.contains(where: { $0.keyword == cs.keyword }) {
            let at = previous
            throw Diagnostic(.needs, spec.name, cs.keyword, cs.help,
                             span: at.span.upperBound..<(at.span.upperBound + 1), help: "usage: \(spec.usage)")
        }
        return VerbCall(verb: spec.name, subject: subject, indicator: indicator?.expr, indicatorText: indicator?.text ?? "", clauses: clauses,
                        span: verbTok.span.lowerBound..<previous.span.upperBound)
    }

    /// `1,5` written without spaces: one number with a decimal comma (whether the session's
    /// locale allows it is decided when the statement runs). Nil when the next tokens are not
    /// such a number.
    mutating func commaNumber() -> Double? {
        guard peek.kind == .number, !peek.percent, peek(1).isSymbol(","), peek(1).span.lowerBound == peek.span.upperBound,
              peek(2).kind == .number, peek(2).span.lowerBound == peek(1).span.upperBound, !peek.text.contains("."),
              let v = Double(peek.text + "." + peek(2).text) else { return nil }
        advance(); advance(); advance()
        return v
    }

    /// `from Y0 … to Y1`: the one check of a period's order in the language (SpetsCore's
    /// `PeriodOrder` guards its own entry points with the same words).
    static func checkYearOrder(_ from: Clause?, _ to: Clause?) throws(Diagnostic) {
        guard let from, let to, case .year(let a) = from.value, case .year(let b) = to.value else { return }
        do { try PeriodOrder.check(a, b) } catch { throw error.at(to.span) }
    }

    /// measure_ref = NAME "." NAME ;
    mutating func parseMeasureRef(_ spec: VerbSpec) throws(Diagnostic) -> MeasureRef {
        guard peek.kind == .identifier else {
            throw error(.needsMeasureDatasetMeasureFound, spec.name, describe(peek), help: "usage: \(spec.usage)")
        }
        let ds = advance()
        guard match(symbol: ".") else {
            throw error(.expectedMeasureAfterDatasetMeasure, ds.text, at: peek,
                        help: "e.g. \(ds.text).employment; `describe \(ds.text)` lists its measures")
        }
        guard peek.kind == .identifier else { throw error(.expectedMeasureNameAfter, ds.text) }
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
                    throw Diagnostic(.one, w.text, options.joined(separator: ", "), span: w.span,
                                     candidates: Text.suggestions(for: w.text, among: options))
                }
                if out.contains(where: { $0.text.lowercased() == w.text.lowercased() }) {
                    throw Diagnostic(.givenTwice, w.text, span: w.span)
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
            return .string(try parsePath("a file path"))
        case .measure:
            return .measure(try parseMeasureRef(spec))
        case .fromDataset:
            try expect(word: "from", "after `\(cs.keyword)` (`\(cs.keyword) from DATASET`)")
            return .name(try parseIdentifier("a dataset name"))
        case .industries:
            return .items(try parseIndustryItems())
        case .word(let options):
            guard peek.kind == .identifier else { throw error(.expectedOneFound, options.joined(separator: ", "), describe(peek)) }
            let w = try parseIdentifierOrHyphenated()   // `two-term`, `economic-complexity`
            guard options.contains(w.text.lowercased()) else {
                throw Diagnostic(.one, w.text, options.joined(separator: ", "), span: w.span,
                                 candidates: Text.suggestions(for: w.text, among: options))
            }
            return .name(w)
        case .number:
            guard peek.kind == .number else { throw error(.expectedNumberAfter2, cs.keyword) }
            return .number(advance().number)
        case .flag: return .flag
        }
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
            throw error(.expectedIndustryCodeEG, describe(peek))
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
            throw error(.expectedWholeNumberAfterFound, what, NumberFormatting.exact(min), NumberFormatting.exact(max - 1), describe(t))
        }
        advance()
        return Int(t.number)
    }

    /// year = NUMBER (four digits) ;
    mutating func parseYear() throws(Diagnostic) -> Int {
        let t = peek
        guard t.kind == .number, !t.percent, t.number == t.number.rounded(), t.number >= 1000, t.number <= 9999 else {
            throw error(.expectedYearEGFound, describe(t))
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
        guard peek.kind == .identifier || peek.kind == .number else { throw error(.expectedNameFound, describe(peek)) }
        var t = advance()
        var text = t.text, span = t.span
        while (peek.kind == .identifier || peek.kind == .number) && spec.clause(peek.text) == nil
                && !isStop(peek, peek(1), stopWords) {
            t = advance()
            text += " " + t.text
            span = span.lowerBound..<t.span.upperBound
        }
        return NameRef(text: text, span: span)
    }

    mutating func parseName(_ what: String) throws(Diagnostic) -> NameRef {
        let t = peek
        guard t.kind == .identifier || t.kind == .string || t.kind == .number else {
            throw error(.expectedFound2, what, describe(t))
        }
        advance()
        return NameRef(text: t.text, span: t.span)
    }

    mutating func parseIdentifier(_ what: String) throws(Diagnostic) -> NameRef {
        guard peek.kind == .identifier else { throw error(.expectedFound2, what, describe(peek)) }
        let t = advance()
        return NameRef(text: t.text, span: t.span)
    }

    /// output = STRING [ "replace" ] ;  a file a statement writes (export, save, plot, report).
    mutating func parseOutputPath(_ what: String) throws(Diagnostic) -> NameRef {
        var p = try parsePath(what)
        if match(word: "replace") { p.replace = true }
        return p
    }

    /// A file a statement reads or writes: a string, `~/` as the home folder (the statement's
    /// text keeps the `~`, so a script replays on another machine against its home).
    mutating func parsePath(_ what: String) throws(Diagnostic) -> NameRef {
        var p = try parseString(what)
        p.text = FileIO.expandHome(p.text)
        return p
    }

    mutating func parseString(_ what: String) throws(Diagnostic) -> NameRef {
        guard peek.kind == .string else {
            throw error(.expectedQuotesFound, what, describe(peek), help: "write it in double quotes: \"…\"")
        }
        let t = advance()
        return NameRef(text: t.text, span: t.span)
    }
}
