// Completer.swift — tab completion by context: what may come at the cursor, from the verb,
// stage and command tables and the session's datasets, measures, regions and files.
import SpetsCore

public struct Completion: Equatable {
    /// Characters (not bytes) before the cursor that the candidates replace.
    public var replaceCount: Int
    public var candidates: [String]
    /// A file name inside quotes: chosen alone, it closes them (`"datasets/demo.csv" `).
    public var closesQuote = false

    /// What follows a candidate chosen alone: nothing after a folder or `se.`, the closing
    /// quote after a file, else a space.
    public func terminator(_ candidate: String) -> String {
        if candidate.hasSuffix("/") || candidate.hasSuffix(".") { return "" }
        return closesQuote ? "\" " : " "
    }
}

public struct Completer {
    let session: Session
    public init(session: Session) { self.session = session }

    /// Candidates for the text before the cursor.
    public func complete(_ before: String) -> Completion {
        // Only the current statement matters.
        let stmt = String(before.split(separator: ";", omittingEmptySubsequences: false).last ?? "")
        let lex = Lexer.lex(stmt)
        var toks = lex.tokens.filter { $0.kind != .end && $0.kind != .newline }
        // Inside an open string: a file path after load/run/export/save/open.
        if lex.incomplete, let last = toks.last, last.kind == .string, stmt.utf8.count == last.span.upperBound,
           !stmt.hasSuffix("\"") || last.span.count == 1 {
            let first = toks.first?.text.lowercased() ?? ""
            if CommandTable.named(first)?.takesPath == true || toks.contains(where: { $0.isWord("to") }) {
                return paths(last.text)
            }
            return Completion(replaceCount: 0, candidates: [])
        }
        // The word being typed (empty after a space or symbol).
        var word = ""
        if let last = toks.last, last.span.upperBound == stmt.utf8.count, last.kind == .identifier || last.kind == .number {
            word = last.text
            toks.removeLast()
        }
        let pool = candidates(after: toks, stmt: stmt)
        let f = Text.fold(word)
        let matches = pool.filter { Text.fold($0).hasPrefix(f) }
        var seen = Set<String>()
        return Completion(replaceCount: word.count, candidates: matches.filter { seen.insert($0).inserted })
    }

    func candidates(after toks: [Token], stmt: String) -> [String] {
        guard let last = toks.last else { return CommandTable.statementWords + session.allNames }
        if last.isSymbol("|") { return StageTable.all.map(\.name) }
        if let stage = stageColumns(toks, stmt: stmt) { return stage }
        if last.isSymbol(".") , toks.count >= 2, let c = session.datasets[toks[toks.count - 2].text] {
            return c.measures.map(\.name)
        }
        // A command's own words (its registration); `let` is followed by a new name.
        if toks[0].kind == .identifier, let spec = CommandTable.named(toks[0].text) {
            if let node = spec.node, let own = node.complete(CompletionContext(tokens: toks, session: session)) { return own }
            if spec.node == nil && toks.count == 1 { return [] }
        }
        // Inside a verb call: regions after for/vs/`,`; otherwise the verb's clause keywords.
        let verbTok = toks.lastIndex { t in t.kind == .identifier && VerbTable.named(t.text) != nil }
        let pipeAfterVerb = verbTok.map { v in toks[v...].contains { $0.isSymbol("|") } } ?? true
        if let v = verbTok, !pipeAfterVerb, let spec = VerbTable.named(toks[v].text) {
            let lastKeyword = toks[v...].last { t in t.kind == .identifier && spec.clause(t.text) != nil }
            let dataset = toks.count > v + 1 ? session.datasets[toks[v + 1].text] : nil
            if v == toks.count - 1 { return session.datasetOrder.map { $0 + "." } }
            if let kw = lastKeyword, let cs = spec.clause(kw.text) {
                let afterKeyword = last.isWord(kw.text.lowercased())
                switch cs.shape {
                case .regions:
                    if afterKeyword || last.isSymbol(",") { return regionNames(dataset) }
                case .reference(let allowsMean):
                    // `mean` only where the verb's index has one (the handler reads the same shape).
                    if afterKeyword { return ["rest"] + (allowsMean ? ["mean"] : []) + regionNames(dataset) }
                case .pair:
                    if afterKeyword || last.isWord("and") { return regionNames(dataset) }
                    return ["and"]
                case .year:
                    if afterKeyword { return dataset.map { $0.distinctYears.reversed().map(String.init) } ?? [] }
                case .word(let opts), .words(let opts):
                    if afterKeyword || (last.isSymbol(",") && { if case .words = cs.shape { return true }; return false }()) { return opts }
                case .industries:
                    if afterKeyword || last.isSymbol(",") { return industryCodes(dataset) + session.areaOrder }
                default: break
                }
            }
            let used = Set(toks[v...].compactMap { t in spec.clause(t.text)?.keyword })
            return spec.clauses.map(\.keyword).filter { !used.contains($0) }
        }
        if last.isWord("top") || last.kind == .number { return ["by"] }
        if last.isWord("sort") || last.isWord("by") || last.isWord("where") || last.isWord("select") { return [] }
        return session.allNames
    }

    /// Inside a pipe stage where a column goes (`where`, `sort`, `select a,`, `top N by`,
    /// `summarise sum(`, after `and`/`or`): the columns of the table before the pipe, which
    /// is computed for it (verbs are pure; a command that does more than give a table is
    /// not run). Nil outside such a place.
    func stageColumns(_ toks: [Token], stmt: String) -> [String]? {
        guard let pipe = toks.lastIndex(where: { $0.isSymbol("|") }), pipe + 1 < toks.count,
              let stage = StageTable.named(toks[pipe + 1].text)?.name else { return nil }
        let last = toks[toks.count - 1]
        let inStage = toks.count - 1 - pipe   // tokens after the pipe, the stage word included
        let wantsColumn: Bool
        switch stage {
        case "where": wantsColumn = inStage == 1 || last.isWord("and") || last.isWord("or") || last.isWord("not")
        case "sort": wantsColumn = inStage == 1
        case "select": wantsColumn = inStage == 1 || last.isSymbol(",")
        case "top": wantsColumn = last.isWord("by")
        case "summarise":
            if inStage == 1 || last.isSymbol(",") { return Aggregate.allCases.map { $0 == .count ? "count()" : $0.rawValue + "(" } }
            wantsColumn = last.isSymbol("(")
        default: wantsColumn = false
        }
        guard wantsColumn else { return stage == "sort" && inStage == 2 ? ["asc", "desc"] : [] }
        // The table before the pipe: what follows `let NAME =`, `export`, `plot` or `chart`.
        var start = 0
        if toks[0].isWord("let"), toks.count > 3, toks[2].isSymbol("=") { start = 3 }
        else if ["export", "plot", "chart"].contains(toks[0].text.lowercased()) { start = 1 }
        guard start < pipe else { return [] }
        let bytes = Array(stmt.utf8)
        let source = String(decoding: bytes[toks[start].span.lowerBound..<toks[pipe].span.lowerBound], as: UTF8.self)
        let parsed = Parser.parse(source)
        guard parsed.diagnostics.isEmpty, parsed.statements.count == 1 else { return [] }
        let st = parsed.statements[0]
        switch st.kind {
        case .pipeline: break
        case .command(let c) where c.node.spec.yieldsTable && c.node.spec.contained: break
        default: return []
        }
        guard let t = try? session.execute(st).table else { return [] }
        return t.columns.map(\.machineName)
    }

    func industryCodes(_ c: Cube?) -> [String] {
        let cubes = c.map { [$0] } ?? session.datasetOrder.compactMap { session.datasets[$0] }
        return cubes.flatMap { $0.industry?.labels ?? [] }
    }

    func regionNames(_ c: Cube?) -> [String] {
        let cubes = c.map { [$0] } ?? session.datasetOrder.compactMap { session.datasets[$0] }
        var out: [String] = []
        for cube in cubes {
            for i in 0..<cube.region.count {
                out.append(cube.region.labels[i])
                if let n = cube.region.names[i] { out.append(n) }
            }
        }
        return out
    }

    /// Files and folders for the path typed inside quotes; `~/` lists the home folder.
    func paths(_ typed: String) -> Completion {
        if typed == "~", let home = FileIO.environment("HOME"), FileIO.isDirectory(home) {
            return Completion(replaceCount: 1, candidates: ["~/"])
        }
        let dir: String, prefix: String
        if let slash = typed.lastIndex(of: "/") {
            dir = String(typed[...slash]); prefix = String(typed[typed.index(after: slash)...])
        } else { dir = ""; prefix = typed }
        let entries = FileIO.list(dir.isEmpty ? "." : FileIO.expandHome(dir)).filter { $0.name.hasPrefix(prefix) && (!$0.name.hasPrefix(".") || prefix.hasPrefix(".")) }
        return Completion(replaceCount: prefix.count, candidates: entries.map { $0.name + ($0.isDir ? "/" : "") }, closesQuote: true)
    }
}
