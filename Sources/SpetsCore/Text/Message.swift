// Message.swift — messages as data: a message is an id and the parts that fill it. Each
// language's templates are a table keyed by the id (MessagesEN.swift, MessagesSV.swift), and
// one function fills a template in; a test fails when a template is missing in either
// language or the two use different placeholders. (Messages not yet given an id are still
// translated by the older template matcher in Catalogue.)
public struct Message: Equatable, Sendable {
    /// What fills a placeholder: text (a name, a number, a phrase) or a message of its own
    /// (`group g: …` around the error that made it fail), rendered in the same language.
    public indirect enum Part: Equatable, Sendable {
        case text(String)
        case message(Message)
    }
    public let id: MessageID
    public let parts: [Part]
    public init(_ id: MessageID, _ args: [String]) { self.id = id; self.parts = args.map { .text($0) } }
    public init(_ id: MessageID, parts: [Part]) { self.id = id; self.parts = parts }
    /// The parts from anything string interpolation would write; a Message or a Diagnostic
    /// with one is kept as a message.
    public init(_ id: MessageID, any args: [Any]) {
        self.id = id
        parts = args.map { a in
            if let m = a as? Message { return .message(m) }
            if let d = a as? Diagnostic { return d.content.map { .message($0) } ?? .text(d.message) }
            return .text(String(describing: a))
        }
    }

    /// The message in a language. In Swedish a text part is translated in turn (a level's
    /// name, a unit, a phrase the catalogue knows) unless its placeholder sits inside
    /// backticks or quotes: that is code or a name as typed.
    public func text(_ lang: Language) -> String {
        let template = (lang == .sv ? Messages.sv[id] : nil) ?? Messages.en[id] ?? id.rawValue
        let verbatim = lang == .en ? [] : Messages.quotedPlaceholders(template)
        let filled = parts.enumerated().map { k, p -> String in
            switch p {
            case .message(let m): return m.text(lang)
            case .text(let t): return lang == .en || verbatim.contains(k) ? t : Catalogue.text(t, lang)
            }
        }
        return Messages.fill(template, filled)
    }
}

public enum Messages {
    /// `{0}`, `{1}`, … replaced by the parts, in one pass (a part that itself reads `{1}` is
    /// not filled in again).
    public static func fill(_ template: String, _ parts: [String]) -> String {
        var out = "", i = template.startIndex
        while i < template.endIndex {
            let c = template[i]
            if c == "{", let close = template[i...].firstIndex(of: "}"), let n = Int(template[template.index(after: i)..<close]), n < parts.count {
                out += parts[n]
                i = template.index(after: close)
            } else {
                out.append(c)
                i = template.index(after: i)
            }
        }
        return out
    }

    /// The placeholders that sit inside `…` or "…" in a template.
    public static func quotedPlaceholders(_ template: String) -> Set<Int> {
        var out = Set<Int>(), inCode = false, inQuote = false, i = template.startIndex
        while i < template.endIndex {
            let c = template[i]
            if c == "`" { inCode.toggle() } else if c == "\"" { inQuote.toggle() }
            else if c == "{", inCode || inQuote, let close = template[i...].firstIndex(of: "}"), let n = Int(template[template.index(after: i)..<close]) {
                out.insert(n)
                i = template.index(after: close)
                continue
            }
            i = template.index(after: i)
        }
        return out
    }

    /// The placeholder numbers a template uses, sorted (each as often as it occurs).
    public static func placeholders(_ template: String) -> [Int] {
        var out: [Int] = [], i = template.startIndex
        while let open = template[i...].firstIndex(of: "{") {
            guard let close = template[open...].firstIndex(of: "}") else { break }
            if let n = Int(template[template.index(after: open)..<close]) { out.append(n) }
            i = template.index(after: open)
        }
        return out.sorted()
    }
}
