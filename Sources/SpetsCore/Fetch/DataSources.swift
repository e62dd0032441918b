// DataSources.swift — the statistical APIs `fetch` knows: how each builds its request from a
// table id and filters. Base URLs can be redirected with an environment variable (a mirror,
// or the recorded responses the tests serve on the loopback interface).
import Glibc

public struct DataSource: Sendable {
    public let name: String
    public let summary: String
    let defaultBase: String
    let baseVariable: String
    let build: @Sendable (_ base: String, _ table: String, _ filters: [(String, [String])]) -> String

    public var base: String {
        if let v = getenv(baseVariable) { return String(cString: v) }
        return defaultBase
    }

    public func url(table: String, filters: [(String, [String])]) -> String { build(base, table, filters) }

    public static let all: [DataSource] = [
        // Eurostat's dissemination API answers JSON-stat 2.0; each filter is a repeated key.
        DataSource(name: "eurostat", summary: "Eurostat dissemination API (JSON-stat 2.0)",
                   defaultBase: "https://ec.europa.eu/eurostat/api/dissemination/statistics/1.0/data",
                   baseVariable: "SPETS_EUROSTAT_URL") { base, table, filters in
            var q = ["format=JSON", "lang=en"]
            for (k, vs) in filters { for v in vs { q.append(escape(k) + "=" + escape(v)) } }
            return base + "/" + escape(table) + "?" + q.joined(separator: "&")
        },
        // SCB's PxWebApi v2: valueCodes[VARIABLE]=a,b and JSON-stat 2.0 output.
        DataSource(name: "scb", summary: "Statistics Sweden PxWebApi v2 (JSON-stat 2.0)",
                   defaultBase: "https://statistikdatabasen.scb.se/api/v2/tables",
                   baseVariable: "SPETS_SCB_URL") { base, table, filters in
            var q = ["lang=sv", "outputFormat=json-stat2"]
            for (k, vs) in filters { q.append("valueCodes[" + escape(k) + "]=" + vs.map(escape).joined(separator: ",")) }
            return base + "/" + escape(table) + "/data?" + q.joined(separator: "&")
        },
    ]

    public static func named(_ n: String) -> DataSource? { all.first { $0.name == n.lowercased() } }

    /// Percent-encoding for a query component (RFC 3986 unreserved characters stay).
    static func escape(_ s: String) -> String {
        let hex = Array("0123456789ABCDEF".unicodeScalars)
        var out = String.UnicodeScalarView()
        for b in s.utf8 {
            if (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x2E || b == 0x5F || b == 0x7E || b == 0x2A {
                out.append(Unicode.Scalar(b))
            } else {
                out.append("%"); out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 15)])
            }
        }
        return String(out)
    }

    /// The host of a URL, for messages.
    public static func host(_ url: String) -> String {
        let rest = url.split(separator: "/", omittingEmptySubsequences: true)
        return rest.count > 1 ? String(rest[1]) : url
    }
}
