// XMLScan.swift — a scanner for the machine-written XML inside xlsx files (elements, blocks,
// texts, entities). Hand-written: Foundation's XMLParser would pull Foundation into every
// start-up, and the parts are flat and generated, not arbitrary XML.
/// A scanner for machine-written XML: elements by local name (a `x:` prefix is ignored),
/// their attributes, the text of simple elements, entities decoded.
enum XMLScan {
    /// Attributes of every start (or empty) tag with this local name.
    static func elements(_ xml: String, named name: String) -> [[String: String]] { elements(xml[...], named: name) }
    static func blocks(_ xml: String, named name: String) -> [Substring] { blocks(xml[...], named: name) }

    static func elements(_ xml: Substring, named name: String) -> [[String: String]] {
        var out: [[String: String]] = []
        var rest = xml
        while let lt = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: lt)...]
            guard let gt = rest.firstIndex(of: ">") else { break }
            let tag = rest[..<gt]
            rest = rest[rest.index(after: gt)...]
            guard let first = tag.first, first != "/", first != "?", first != "!" else { continue }
            let tname = tag.prefix { !$0.isWhitespace && $0 != "/" }
            guard localName(tname) == name else { continue }
            out.append(attributes(tag.dropFirst(tname.count)))
        }
        return out
    }

    /// The inner XML of every `<name …>…</name>` (empty elements give "").
    static func blocks(_ xml: Substring, named name: String) -> [Substring] {
        var out: [Substring] = []
        var rest = xml
        while let lt = rest.firstIndex(of: "<") {
            let afterLt = rest.index(after: lt)
            guard let gt = rest[afterLt...].firstIndex(of: ">") else { break }
            let tag = rest[afterLt..<gt]
            let tname = tag.prefix { !$0.isWhitespace && $0 != "/" && $0 != ">" }
            guard localName(tname) == name, tag.first != "/" else { rest = rest[rest.index(after: gt)...]; continue }
            if tag.hasSuffix("/") { out.append(rest[lt...gt]); rest = rest[rest.index(after: gt)...]; continue }
            // The matching close tag (these elements do not nest in themselves).
            let close = "</" + tname + ">"
            guard let end = rest[gt...].firstRange(of: close) else { break }
            out.append(rest[lt..<end.upperBound])
            rest = rest[end.upperBound...]
        }
        return out
    }

    /// The decoded text of every `<name>text</name>` inside `xml`.
    static func texts(_ xml: Substring, named name: String) -> [String] {
        blocks(xml, named: name).map { b in
            guard let gt = b.firstIndex(of: ">"), !b[..<gt].hasSuffix("/"), let close = b.lastIndex(of: "<"), close > gt else { return "" }
            return decode(b[b.index(after: gt)..<close])
        }
    }

    static func localName(_ s: Substring) -> Substring {
        if let c = s.lastIndex(of: ":") { return s[s.index(after: c)...] }
        return s
    }

    static func attributes(_ s: Substring) -> [String: String] {
        var out: [String: String] = [:]
        var rest = s
        while let eq = rest.firstIndex(of: "=") {
            let key = rest[..<eq].trimmingSpaces()
            rest = rest[rest.index(after: eq)...].drop { $0.isWhitespace }
            guard let q = rest.first, q == "\"" || q == "'" else { break }
            rest = rest.dropFirst()
            guard let endQ = rest.firstIndex(of: q) else { break }
            out[String(key)] = decode(rest[..<endQ])
            rest = rest[rest.index(after: endQ)...]
        }
        return out
    }

    static func decode(_ s: Substring) -> String {
        guard s.contains("&") else { return String(s) }
        var out = ""
        var rest = s
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";") else { out += rest[amp...]; return out }
            let ent = rest[rest.index(after: amp)..<semi]
            switch ent {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                if ent.hasPrefix("#x"), let v = UInt32(ent.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) { out.unicodeScalars.append(u) }
                else if ent.hasPrefix("#"), let v = UInt32(ent.dropFirst()), let u = Unicode.Scalar(v) { out.unicodeScalars.append(u) }
                else { out += rest[amp...semi] }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var s = self
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return s
    }
}
