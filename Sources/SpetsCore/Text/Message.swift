// Message.swift — messages as data: a message is an id and the parts that fill it. Each
// language's templates are a table keyed by the id (MessagesEN.swift, MessagesSV.swift), and
// one function fills a template in; a test fails when a template is missing in either
// language or the two use different placeholders. (Messages not yet given an id are still
// translated by the older template matcher in Catalogue.)
public struct Message: Equatable, Sendable {
    public let id: MessageID
    public let args: [String]
    public init(_ id: MessageID, _ args: [String]) { self.id = id; self.args = args }

    /// The message in a language; in Swedish the filled-in parts are translated in turn
    /// (a level's name, a unit, a phrase the catalogue knows).
    public func text(_ lang: Language) -> String {
        switch lang {
        case .en: return Messages.fill(Messages.en[id] ?? id.rawValue, args)
        case .sv: return Messages.fill(Messages.sv[id] ?? Messages.en[id] ?? id.rawValue, args.map { Catalogue.text($0, .sv) })
        }
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
