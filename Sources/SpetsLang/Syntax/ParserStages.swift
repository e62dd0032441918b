// ParserStages.swift — the pipe stages and the condition grammar of `where`.
import SpetsCore

extension Parser {
    /// stage = "where" condition | "sort" NAME ["asc"|"desc"] | "top" INT ["by" NAME]
    ///       | "select" NAME {"," NAME} | "summarise" aggregate {"," aggregate} ;
    mutating func parseStage() throws(Diagnostic) -> Stage {
        let t = peek
        guard t.kind == .identifier, let spec = StageTable.named(t.text) else {
            let names = StageTable.all.map(\.name)
            throw error(.expectedPipeStageAfterFound, describe(t),
                        help: "stages: " + names.joined(separator: ", "),
                        candidates: t.kind == .identifier ? Text.suggestions(for: t.text, among: names) : [])
        }
        advance()
        let start = t.span.lowerBound
        switch spec.name {
        case "where":
            let c = try parseCondition()
            return .filter(c, span: start..<previous.span.upperBound)
        case "sort":
            let col = try parseName("a column to sort by")
            var desc = false
            if match(word: "desc") { desc = true } else if match(word: "asc") {
            } else if peek.kind == .identifier && !isStop(peek, peek(1), stopWords) {
                // `sort lq descending`: the word meant.
                let w = peek.text.lowercased()
                let meant = w.hasPrefix("desc") ? ["desc"] : w.hasPrefix("asc") ? ["asc"] : Text.suggestions(for: w, among: ["asc", "desc"])
                if !meant.isEmpty { throw error(.sortTakesAscDesc, peek.text, candidates: meant) }
            }
            return .sort(col, descending: desc, span: start..<previous.span.upperBound)
        case "top":
            let n = try parseCount("rows", min: 0)
            var by: NameRef? = nil
            if match(word: "by") { by = try parseName("a column") }
            return .top(n, by: by, span: start..<previous.span.upperBound)
        case "select":
            var cols = [try parseName("a column")]
            while match(symbol: ",") { cols.append(try parseName("a column")) }
            return .select(cols, span: start..<previous.span.upperBound)
        default:
            var aggs = [try parseAggregate()]
            while match(symbol: ",") { aggs.append(try parseAggregate()) }
            return .summarise(aggs, span: start..<previous.span.upperBound)
        }
    }

    /// aggregate = FUNCTION "(" [ NAME ] ")" ;
    mutating func parseAggregate() throws(Diagnostic) -> AggregateSpec {
        let f = peek
        let names = Aggregate.allCases.map(\.rawValue)
        guard f.kind == .identifier, let function = Aggregate(rawValue: f.text.lowercased()) else {
            throw error(.expectedAggregateFound, names.joined(separator: ", "), describe(f),
                        candidates: f.kind == .identifier ? Text.suggestions(for: f.text, among: names) : [])
        }
        advance()
        _ = try expect(symbol: "(", "after `\(f.text)`")
        var col: NameRef? = nil
        if !peek.isSymbol(")") { col = try parseName("a column") }
        _ = try expect(symbol: ")", "to close `\(f.text)(`")
        if col == nil && function != .count {
            throw Diagnostic(.needsColumnEGLq, f.text, f.text, span: f.span.lowerBound..<previous.span.upperBound)
        }
        return AggregateSpec(function: function, column: col, span: f.span.lowerBound..<previous.span.upperBound)
    }

    /// condition = and_cond { "or" and_cond } ;
    mutating func parseCondition() throws(Diagnostic) -> Condition {
        if nesting == 0 { terms = 0 }
        var c = try parseAnd()
        while match(word: "or") { c = .or(c, try parseAnd()) }
        return c
    }

    /// and_cond = unary { "and" unary } ;
    mutating func parseAnd() throws(Diagnostic) -> Condition {
        var c = try parseUnary()
        while match(word: "and") { c = .and(c, try parseUnary()) }
        return c
    }

    /// unary = "not" unary | "(" condition ")" | operand OP operand ;
    mutating func parseUnary() throws(Diagnostic) -> Condition {
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= Self.maxNesting else { throw error(.conditionsNestMoreThanDeep, Self.maxNesting) }
        terms += 1
        guard terms <= Self.maxTerms else { throw error(.conditionMayHaveMostComparisons, Self.maxTerms) }
        if match(word: "not") { return .not(try parseUnary()) }
        if match(symbol: "(") {
            let c = try parseCondition()
            _ = try expect(symbol: ")", "to close `(`")
            return c
        }
        let lhs = try parseOperand()
        let op = peek
        guard op.kind == .symbol, let cmp = CompareOp(rawValue: op.text) else {
            throw error(.expectedComparisonFound, describe(op))
        }
        advance()
        let rhs = try parseOperand()
        // `industry = Tillverkning av möbler`: a name of several words, unquoted.
        if case .column(let first) = rhs, peek.kind == .identifier, !["and", "or"].contains(peek.text.lowercased()), !isStop(peek, peek(1), stopWords) {
            var words = [first.text], end = first.span.upperBound
            var k = 0
            while peek(k).kind == .identifier || peek(k).kind == .number, !["and", "or"].contains(peek(k).text.lowercased()) {
                words.append(peek(k).text); end = peek(k).span.upperBound; k += 1
            }
            let quoted = Operand.string(words.joined(separator: " "), span: first.span.lowerBound..<end)
            throw Diagnostic(.severalWordsNeedQuotes, "\(lhs.written) \(cmp.rawValue) \(quoted.written)", span: first.span.lowerBound..<end)
        }
        return .compare(lhs, cmp, rhs, span: spanOf(lhs).lowerBound..<spanOf(rhs).upperBound)
    }

    /// operand = NAME | NUMBER | STRING ;
    mutating func parseOperand() throws(Diagnostic) -> Operand {
        let t = peek
        var negative = false
        if t.isSymbol("-") && peek(1).kind == .number { advance(); negative = true }
        let v = peek
        switch v.kind {
        case .identifier: advance(); return .column(NameRef(text: v.text, span: v.span))
        case .number:
            if let joined = commaNumber() {
                let span = t.span.lowerBound..<previous.span.upperBound
                return .number(negative ? -joined : joined, text: text(span), span: span)
            }
            advance()
            let span = t.span.lowerBound..<v.span.upperBound
            return .number(negative ? -v.number : v.number, text: text(span), span: span)
        case .string: advance(); return .string(v.text, span: v.span)
        default: throw error(.expectedColumnNumberTextFound, describe(v))
        }
    }

    func spanOf(_ o: Operand) -> Range<Int> {
        switch o {
        case .column(let n): return n.span
        case .number(_, _, let s), .string(_, let s): return s
        }
    }
}
