// ParserCompare.swift — the grammar of groups and of comparing regions.
import SpetsCore

extension Parser {
    /// A spec whose keywords end multi-word names (`Jämtlands län on …`).
    static func nameStops(_ words: [String]) -> VerbSpec {
        var s = VerbTable.named("project")!
        s.clauses = words.map { ClauseSpec(keyword: $0, shape: .flag, required: false, help: "") }
        return s
    }

    /// group = "group" NAME "=" "regions" name { "," name } ;
    mutating func parseGroup() throws(Diagnostic) -> StatementKind {
        advance()
        let name = try parseIdentifier("a group name")
        _ = try expect(symbol: "=", "after `group \(name.text)`")
        try expect(word: "regions", "after `group \(name.text) =`")
        return .group(name, try parseNameList(Self.nameStops([])))
    }

    /// compare = "compare" name { "," name } "on" verb_call [ "published" ] ;
    mutating func parseCompare() throws(Diagnostic) -> StatementKind {
        advance()
        let names = try parseNameList(Self.nameStops(["on"]))
        try expect(word: "on", "before the analysis (`compare A, B on lq …`)")
        guard peek.kind == .identifier, let spec = VerbTable.named(peek.text) else {
            throw error("expected an analysis verb after `on`, found \(describe(peek))",
                        help: "verbs: " + VerbTable.all.map(\.name).joined(separator: ", "),
                        candidates: peek.kind == .identifier ? Text.suggestions(for: peek.text, among: VerbTable.all.map(\.name)) : [])
        }
        let call = try parseVerbCall(spec, stopWords: ["published"])
        if let f = call.clause("for") {
            throw Diagnostic(message: "`compare` gives the regions; drop `for` from the analysis", span: f.span)
        }
        var published = false
        if peek.kind == .identifier && peek.text.lowercased() == "published" { advance(); published = true }
        return .compare(names, call, published: published)
    }

    /// rank = "rank" verb_call [ "by" NAME ]        (the call's `for` names the region)
    ///      | "rank" indicator "in" YEAR "for" name ;
    mutating func parseRank() throws(Diagnostic) -> StatementKind {
        advance()
        if peek.kind == .identifier, let spec = VerbTable.named(peek.text) {
            var call = try parseVerbCall(spec, stopWords: ["by"])
            guard let f = call.clause("for"), case .names(let names) = f.value, names.count == 1 else {
                throw error("`rank` needs one region: `for R`", help: "usage: rank VERB … for R [by COLUMN]")
            }
            call.clauses.removeAll { $0.keyword == "for" }
            var by: NameRef? = nil
            if match(word: "by") { by = try parseName("a column to rank by") }
            return .rank(.verb(call), region: names[0], by: by)
        }
        let ind = try parseIndicator()
        try expect(word: "in", "before the year (`rank D.M in 2023 for R`)")
        let y = try parseYear()
        try expect(word: "for", "before the region")
        return .rank(.indicator(ind, year: y), region: try parseMultiwordName(Self.nameStops([])), by: nil)
    }

    /// similar = "similar" name "on" measure_ref "in" YEAR [ "top" INT ] [ "by" WORD ] [ "outside" name ] ;
    mutating func parseSimilar() throws(Diagnostic) -> StatementKind {
        advance()
        let stops = Self.nameStops(["on", "in", "top", "by", "outside"])
        let region = try parseMultiwordName(stops)
        try expect(word: "on", "after the region (`similar R on D.M in YEAR`)")
        let m = try parseMeasureRef(stops)
        try expect(word: "in", "before the year")
        let y = try parseYear()
        var top: Int? = nil, by: NameRef? = nil, outside: NameRef? = nil
        while !atClauseEnd {
            if match(word: "top") {
                top = try parseCount("regions", min: 1)
            } else if match(word: "by") {
                by = try parseIdentifier(SimilarityMethod.allCases.map(\.rawValue).joined(separator: ", "))
                guard SimilarityMethod(rawValue: by!.text.lowercased()) != nil else {
                    throw Diagnostic(message: "`\(by!.text)` is not one of \(SimilarityMethod.allCases.map(\.rawValue).joined(separator: ", "))", span: by!.span,
                                     candidates: Text.suggestions(for: by!.text, among: SimilarityMethod.allCases.map(\.rawValue)))
                }
            } else if match(word: "outside") {
                outside = try parseName("a region code (e.g. SE)")
            } else {
                throw error("unexpected \(describe(peek)) in `similar`", help: "usage: similar R on D.M in YEAR [top N] [by krugman|cosine|correlation] [outside CODE]")
            }
        }
        return .similar(region: region, m, year: y, top: top, by: by, outside: outside)
    }

    /// opportunities = "opportunities" name "on" measure_ref "in" YEAR [ "convention" WORD ] [ "threshold" NUMBER ] ;
    mutating func parseOpportunities() throws(Diagnostic) -> StatementKind {
        advance()
        let stops = Self.nameStops(["on", "in", "convention", "threshold"])
        let region = try parseMultiwordName(stops)
        try expect(word: "on", "after the region (`opportunities R on D.M in YEAR`)")
        let m = try parseMeasureRef(stops)
        try expect(word: "in", "before the year")
        let y = try parseYear()
        var convention: NameRef? = nil, threshold: Double? = nil
        while !atClauseEnd {
            if match(word: "convention") {
                let c = try parseIdentifierOrHyphenated()
                let options = Complexity.OpportunityConvention.allCases.map(\.rawValue)
                guard options.contains(c.text.lowercased()) else {
                    throw Diagnostic(message: "`\(c.text)` is not one of \(options.joined(separator: ", "))", span: c.span,
                                     candidates: Text.suggestions(for: c.text, among: options))
                }
                convention = c
            } else if match(word: "threshold") {
                guard peek.kind == .number else { throw error("expected a number after `threshold`") }
                threshold = advance().number
            } else {
                throw error("unexpected \(describe(peek)) in `opportunities`", help: "usage: opportunities R on D.M in YEAR [convention atlas|ecomplexity|economic-complexity] [threshold T]")
            }
        }
        return .opportunities(region: region, m, year: y, convention: convention, threshold: threshold)
    }

    /// A word that may contain hyphens (`economic-complexity`, `three-term`).
    mutating func parseIdentifierOrHyphenated() throws(Diagnostic) -> NameRef {
        let (text, span) = try parseIndustryCode()
        return NameRef(text: text, span: span)
    }

    /// convergence = "convergence" indicator "from" YEAR "to" YEAR [ "for" NAME ] [ "beta" ] [ "balanced" | "all" ] ;
    mutating func parseConvergence() throws(Diagnostic) -> StatementKind {
        advance()
        let ind = try parseIndicator()
        try expect(word: "from", "before the first year")
        let a = try parseYear()
        try expect(word: "to", "before the last year")
        let b = try parseYear()
        var group: NameRef? = nil, beta = false, all = false
        while !atClauseEnd {
            if match(word: "for") { group = try parseIdentifier("a group name") }
            else if match(word: "beta") { beta = true }
            else if match(word: "balanced") { all = false }
            else if match(word: "all") { all = true }
            else { throw error("unexpected \(describe(peek)) in `convergence`", help: "usage: convergence INDICATOR from Y0 to Y1 [for GROUP] [beta] [balanced | all]") }
        }
        return .convergence(ind, from: a, to: b, group: group, beta: beta, all: all)
    }
}
