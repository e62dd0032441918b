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

/// An indicator expression with the text it was written as.
public struct WrittenIndicator: Equatable, Sendable {
    public var expr: IndicatorExpr
    public var text: String
}

public struct VerbCall: Equatable, Sendable {
    public var verb: String
    public var subject: MeasureRef?
    public var indicator: IndicatorExpr? = nil
    /// The indicator as written (what a result's footer names it by).
    public var indicatorText = ""
    public var clauses: [Clause]
    public var span: Range<Int>
    public func clause(_ k: String) -> Clause? { clauses.first { $0.keyword == k } }
}

/// A comparison in `where` (and a goal's direction).
public enum CompareOp: String, CaseIterable, Sendable {
    case eq = "=", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="
    /// The same test with its operands swapped.
    var flipped: CompareOp {
        switch self { case .lt: return .gt; case .le: return .ge; case .gt: return .lt; case .ge: return .le; default: return self }
    }
}

public indirect enum Condition: Equatable, Sendable {
    case compare(Operand, CompareOp, Operand, span: Range<Int>)
    case and(Condition, Condition)
    case or(Condition, Condition)
    case not(Condition)
}

public enum Operand: Equatable, Sendable {
    case column(NameRef)
    /// A number with the text it was written as (`08` is a county's code on a region column).
    case number(Double, text: String, span: Range<Int>)
    case string(String, span: Range<Int>)

    /// As written (for messages and footers that quote a condition).
    public var written: String {
        switch self {
        case .column(let n): return n.text
        case .number(_, let t, _): return t
        case .string(let s, _): return "\"" + s + "\""
        }
    }
}

public enum Stage: Equatable, Sendable {
    case filter(Condition, span: Range<Int>)
    case sort(NameRef, descending: Bool, span: Range<Int>)
    case top(Int, by: NameRef?, span: Range<Int>)
    case select([NameRef], span: Range<Int>)
    case summarise([(AggregateSpec)], span: Range<Int>)
}

public struct AggregateSpec: Equatable, Sendable {
    public var function: Aggregate
    public var column: NameRef?
    public var span: Range<Int>
}

public enum Source: Equatable, Sendable {
    case verb(VerbCall)
    case name(NameRef)
    /// A command that gives a table (`let c = rank …`, `export compare … to "c.csv"`).
    case command(CommandCall)
}

public struct Pipeline: Equatable, Sendable {
    public var source: Source
    public var stages: [Stage]
    public var span: Range<Int>
}

/// A statement: a pipeline, a binding or a command (each command's parsed form is its own
/// type, under Commands/). Its text is the source it was parsed from, as the journal and a
/// definition keep it.
public enum StatementKind: Equatable, Sendable {
    case pipeline(Pipeline)
    case bind(NameRef, Pipeline)        // let NAME = …
    case command(CommandCall)
}

public struct Statement: Equatable, Sendable {
    public var kind: StatementKind
    public var span: Range<Int>
    public var text: String
}
