// FetchCommand.swift — `fetch eurostat|scb TABLE … as NAME`: a JSON-stat table downloaded
// once and kept in the workspace, so a script replays offline and identically.
import SpetsCore

/// `fetch eurostat nama_10r_3empers where geo = SE213, SE321 and nace_r2 = C as emp`
public struct FetchCommand: CommandNode, Equatable {
    public static let spec = CommandSpec(name: "fetch", usage: "fetch eurostat|scb TABLE [where KEY = V, … and KEY = V, …] [refresh] as NAME",
                summary: "download a table from Eurostat or SCB (JSON-stat), cached in the workspace so scripts replay offline", summarySV: "hämta en tabell från Eurostat eller SCB (JSON-stat), sparad i arbetsytan så att skript går att köra utan nät", journaled: true, contained: false, node: FetchCommand.self)
    public struct Filter: Equatable, Sendable { public var key: NameRef; public var values: [NameRef] }
    public var source: NameRef
    public var table: NameRef
    public var filters: [Filter]
    public var refresh: Bool
    public var name: NameRef

    public static func parse(_ p: inout Parser) throws(Diagnostic) -> FetchCommand { try p.parseFetch() }
    public func run(_ e: Evaluation) throws(Diagnostic) -> Outcome { try e.session.fetch(self) }
}

extension Parser {
    /// fetch = "fetch" SOURCE TABLE [ "where" KEY "=" VALUE { "," VALUE } { "and" KEY "=" VALUE { "," VALUE } } ]
    ///         [ "refresh" ] "as" NAME ;
    mutating func parseFetch() throws(Diagnostic) -> FetchCommand {
        advance()
        let source = try parseIdentifier("a data source (" + DataSource.all.map(\.name).joined(separator: ", ") + ")")
        guard DataSource.named(source.text) != nil else {
            throw Diagnostic(.unknownDataSource, source.text, span: source.span,
                             help: "sources: " + DataSource.all.map(\.name).joined(separator: ", "),
                             candidates: Text.suggestions(for: source.text, among: DataSource.all.map(\.name)))
        }
        let table = try parseName("a table id, e.g. nama_10r_3empers or TAB6471")
        var filters: [FetchCommand.Filter] = []
        if match(word: "where") {
            repeat {
                let key = try parseName("a dimension code such as geo or Region")
                _ = try expect(symbol: "=", "after `\(key.text)`")
                var values = [try parseName("a value code")]
                while match(symbol: ",") { values.append(try parseName("a value code")) }
                filters.append(FetchCommand.Filter(key: key, values: values))
            } while match(word: "and")
        }
        let refresh = match(word: "refresh")
        guard match(word: "as") else { throw error(.expectedNameFetchedDatasetFound, describe(peek)) }
        let name = try parseIdentifier("a dataset name")
        return FetchCommand(source: source, table: table, filters: filters, refresh: refresh, name: name)
    }

}

extension Session {
    /// `fetch`: the workspace's cached response when there is one (so a script replays
    /// offline and identically), else a download; `refresh` downloads again, falling back to
    /// the cached copy, with a warning, when the network cannot be reached.
    func fetch(_ spec: FetchCommand) throws(Diagnostic) -> Outcome {
        try checkBindable(spec.name)
        let source = DataSource.named(spec.source.text)!
        let url = source.url(table: spec.table.text, filters: spec.filters.map { ($0.key.text, $0.values.map(\.text)) })
        var messages: [String] = []
        let cached = try workspace.cachedResponse(url)
        let body: [UInt8]
        var downloaded = false
        if let cached, !spec.refresh {
            body = cached
            messages.append("\(spec.name.text): from the workspace's copy of \(url)")
        } else {
            switch HTTP.get(url) {
            case .success(let b):
                body = b
                downloaded = true
                messages.append("\(spec.name.text): downloaded \(b.count) bytes from \(DataSource.host(url)), kept in the workspace")
            case .failure(let f):
                let why = f.explanation(host: DataSource.host(url))
                guard let cached else {
                    throw Diagnostic(.fetchWorkspaceHasNoCopy, source.name, spec.table.text, why,
                                     span: spec.table.span, help: "check the table id and the connection; request: \(url)")
                }
                body = cached
                messages.append("warning: \(why); used the workspace's copy of \(url)")
            }
        }
        let cube: Cube
        do {
            cube = try JSONStatLoader.load(bytes: body, source: url, name: spec.name.text, registry: registry)
        } catch { throw error.at(spec.table.span) }
        // Only a response that loaded is kept: a broken download must not shadow a later one.
        if downloaded { try workspace.storeResponse(url, body) }
        return Outcome(messages: messages + (try adopt(cube)))
    }
}
