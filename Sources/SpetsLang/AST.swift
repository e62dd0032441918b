// AST.swift — statements and expressions; every node keeps its byte span in the source.
import SpetsCore

/// A name as written: identifier, number text (`08`) or string (`"Kalmar län"`).
public struct NameRef: Equatable, Sendable {
    public var text: String
    public var span: Range<Int>
    /// For a file written to: `replace` followed it (an existing file may be overwritten).
    public var replace = false
    public init(text: String, span: Range<Int>, replace: Bool = false) { self.text = text; self.span = span; self.replace = replace }
}

/// `dataset.measure`
public struct MeasureRef: Equatable, Sendable {
    public var dataset: NameRef
    public var measure: NameRef
    public var span: Range<Int> { dataset.span.lowerBound..<measure.span.upperBound }
}

public enum ClauseValue: Equatable, Sendable {
    case year(Int)
    case yearRange(Int, Int)
    case names([NameRef])
    case rest                    // `vs rest`
    case mean                    // `vs mean`
    case name(NameRef)           // `vs SE`, `method cagr`
    case words([NameRef])        // `with slq, binary`
    case pair(NameRef, NameRef)  // `between NB and VB`
    case string(NameRef)         // `groups "file.csv"`
    case items([AreaItemRef])    // `industries A, B-E, 01..03`
    case measure(MeasureRef)     // `per se.employment`
    case number(Double)
    case flag
}

/// An industry item as written, with its span.
public struct AreaItemRef: Equatable, Sendable {
    public var item: AreaItem
    public var span: Range<Int>
}

/// `area NAME = industries … [except …]` or `area NAME = preset NAME`.
public enum AreaSpec: Equatable, Sendable {
    case items(include: [AreaItemRef], exclude: [AreaItemRef])
    case preset(NameRef)
}

public struct Clause: Equatable, Sendable {
    public var keyword: String
    public var value: ClauseValue
    public var span: Range<Int>
}

/// An indicator as written: a measure, `a per b`, `share m of AREA`, `m of AREA`, or a name.
public indirect enum IndicatorExpr: Equatable, Sendable {
    case measure(MeasureRef)
    case ratio(MeasureRef, MeasureRef)
    case share(MeasureRef, NameRef)
    case areaSum(MeasureRef, NameRef)
    case named(NameRef)
}

/// What `rank` ranks: a per-region verb result, or an indicator in a year.
public enum RankSubject: Equatable, Sendable {
    case verb(VerbCall)
    case indicator(IndicatorExpr, year: Int)
}

/// One `growth ITEMS RATE/yr [from YEAR]` of a scenario.
public struct ScenarioClause: Equatable, Sendable {
    public var items: [AreaItemRef]
    public var rate: Double
    public var from: Int?
    public var span: Range<Int>
}

public struct VerbCall: Equatable, Sendable {
    public var verb: String
    public var subject: MeasureRef?
    public var indicator: IndicatorExpr? = nil
    public var clauses: [Clause]
    public var span: Range<Int>
    public func clause(_ k: String) -> Clause? { clauses.first { $0.keyword == k } }
}

public indirect enum Condition: Equatable, Sendable {
    case compare(Operand, String, Operand, span: Range<Int>)
    case and(Condition, Condition)
    case or(Condition, Condition)
    case not(Condition)
}

public enum Operand: Equatable, Sendable {
    case column(NameRef)
    case number(Double, span: Range<Int>)
    case string(String, span: Range<Int>)
}

public enum Stage: Equatable, Sendable {
    case filter(Condition, span: Range<Int>)
    case sort(NameRef, descending: Bool, span: Range<Int>)
    case top(Int, by: NameRef?, span: Range<Int>)
    case select([NameRef], span: Range<Int>)
    case summarise([(AggregateSpec)], span: Range<Int>)
}

public struct AggregateSpec: Equatable, Sendable {
    public var function: String
    public var column: NameRef?
    public var span: Range<Int>
}

public enum Source: Equatable, Sendable {
    case verb(VerbCall)
    case name(NameRef)
}

public struct Pipeline: Equatable, Sendable {
    public var source: Source
    public var stages: [Stage]
    public var span: Range<Int>
}

/// `fetch eurostat nama_10r_3empers where geo = SE213, SE321 and nace_r2 = C as emp`
public struct FetchSpec: Equatable, Sendable {
    public struct Filter: Equatable, Sendable { public var key: NameRef; public var values: [NameRef] }
    public var source: NameRef
    public var table: NameRef
    public var filters: [Filter]
    public var refresh: Bool
    public var name: NameRef
}

public indirect enum StatementKind: Equatable, Sendable {
    case fetch(FetchSpec)
    case pipeline(Pipeline)
    case bind(NameRef, Pipeline)                                        // let NAME = …
    case load(path: NameRef, name: NameRef?, mapping: [(String, NameRef)], registry: String?, prices: [(NameRef, String)] = [])
    case describe(NameRef)
    case datasets
    case help(NameRef?)
    case explain(NameRef?)
    /// `history` lists, `history N` runs entry N again; `edit [N]` opens it in $EDITOR.
    case history(Int?)
    case edit(Int?)
    /// `tutorial [N]` (move 0), `next` (+1), `back` (−1)
    case tutorial(step: Int?, move: Int)
    case set(NameRef, NameRef)
    case export(Pipeline, path: NameRef)
    case run(NameRef)
    case save(NameRef)
    case open(NameRef)
    case sql(NameRef)
    case area(NameRef, AreaSpec)
    case areas
    case indicator(NameRef, IndicatorExpr)
    case scenario(NameRef, [ScenarioClause])
    case goal(NameRef, IndicatorExpr, region: NameRef, op: String, target: Double, year: Int)
    case goals
    case report(NameRef, region: NameRef?, dated: Bool)
    case group(NameRef, [NameRef])
    case groups
    /// `published`: a group that the data also hold as a row of its own uses that row.
    case compare([NameRef], VerbCall, published: Bool)
    case rank(RankSubject, region: NameRef, by: NameRef?)
    case similar(region: NameRef, MeasureRef, year: Int, top: Int?, by: NameRef?, outside: NameRef?)
    /// `all`: σ each year over the regions observed that year (default: balanced, the same
    /// regions every year).
    case convergence(IndicatorExpr, from: Int, to: Int, group: NameRef?, beta: Bool, all: Bool)
    case opportunities(region: NameRef, MeasureRef, year: Int, convention: NameRef?, threshold: Double?)
    case plot(PlotSpec)
    /// `link fields to areas "FILE.csv"` or `… preset NAME`
    case link(file: NameRef?, preset: NameRef?)
    case strengths(StrengthsSpec)
    /// `chart EXPR`: a character chart of a result.
    case chart(Statement)
    /// A table-producing command followed by pipe stages (`compare … | where …`).
    case piped(StatementKind, [Stage])

    public static func == (a: StatementKind, b: StatementKind) -> Bool {
        switch (a, b) {
        case (.pipeline(let x), .pipeline(let y)): return x == y
        case (.fetch(let x), .fetch(let y)): return x == y
        case (.bind(let n, let p), .bind(let m, let q)): return n == m && p == q
        case (.load(let p, let n, let mp, let r, let pa), .load(let q, let m, let mq, let s, let pb)):
            return p == q && n == m && r == s && mp.map { $0.0 } == mq.map { $0.0 } && mp.map { $0.1 } == mq.map { $0.1 }
                && pa.map { $0.0 } == pb.map { $0.0 } && pa.map { $0.1 } == pb.map { $0.1 }
        case (.describe(let x), .describe(let y)), (.run(let x), .run(let y)), (.save(let x), .save(let y)),
             (.open(let x), .open(let y)), (.sql(let x), .sql(let y)): return x == y
        case (.datasets, .datasets), (.areas, .areas), (.goals, .goals), (.groups, .groups): return true
        case (.piped(let a, let b), .piped(let c, let d)): return a == c && b == d
        case (.opportunities(let a, let b, let c, let d, let e), .opportunities(let f, let g, let h, let i, let j)):
            return a == f && b == g && c == h && d == i && e == j
        case (.group(let a, let b), .group(let c, let d)): return a == c && b == d
        case (.compare(let a, let b, let p), .compare(let c, let d, let q)): return a == c && b == d && p == q
        case (.rank(let a, let b, let c), .rank(let d, let e, let f)): return a == d && b == e && c == f
        case (.similar(let a, let b, let c, let d, let e, let f), .similar(let g, let h, let i, let j, let k, let l)):
            return a == g && b == h && c == i && d == j && e == k && f == l
        case (.convergence(let a, let b, let c, let d, let e, let k), .convergence(let f, let g, let h, let i, let j, let l)):
            return a == f && b == g && c == h && d == i && e == j && k == l
        case (.indicator(let a, let b), .indicator(let c, let d)): return a == c && b == d
        case (.scenario(let a, let b), .scenario(let c, let d)): return a == c && b == d
        case (.goal(let a, let b, let c, let d, let e, let f), .goal(let g, let h, let i, let j, let k, let l)):
            return a == g && b == h && c == i && d == j && e == k && f == l
        case (.report(let a, let b, let c), .report(let d, let e, let f)): return a == d && b == e && c == f
        case (.area(let n, let a), .area(let m, let b)): return n == m && a == b
        case (.help(let x), .help(let y)), (.explain(let x), .explain(let y)): return x == y
        case (.set(let a1, let a2), .set(let b1, let b2)): return a1 == b1 && a2 == b2
        case (.export(let p, let x), .export(let q, let y)): return p == q && x == y
        case (.plot(let a), .plot(let b)): return a == b
        case (.link(let a, let b), .link(let c, let d)): return a == c && b == d
        case (.tutorial(let a, let b), .tutorial(let c, let d)): return a == c && b == d
        case (.history(let a), .history(let b)), (.edit(let a), .edit(let b)): return a == b
        case (.strengths(let a), .strengths(let b)): return a == b
        case (.chart(let a), .chart(let b)): return a == b
        default: return false
        }
    }
}

public struct Statement: Equatable, Sendable {
    public var kind: StatementKind
    public var span: Range<Int>
}
