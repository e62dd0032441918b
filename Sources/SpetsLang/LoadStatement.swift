// LoadStatement.swift — `load` and `open`: the statements that bring data into the session,
// atomically (a failure changes nothing).
import SpetsCore

extension Session {
    func load(path: NameRef, name: NameRef?, mapping: [(String, NameRef)], registryKind: String?,
              prices: [(NameRef, String)] = []) throws(Diagnostic) -> Outcome {
        if let kind = registryKind {
            do {
                let bytes = try FileIO.read(path.text)
                if kind == "regions" { try registry.addRegions(csv: bytes, file: path.text) }
                else { try registry.addIndustries(csv: bytes, file: path.text) }
            } catch { throw error.at(path.span) }
            return Outcome(messages: ["added \(kind) from \(path.text)"])
        }
        let dsName = name?.text ?? Self.defaultName(path.text)
        if let name { try checkBindable(name) }
        var opts = LoadOptions()
        var pendingUnit: String? = nil
        for (k, v) in mapping {
            switch k {
            case "text": opts.textColumns.append(v.text)
            case "ignore": opts.ignoreColumns.append(v.text)
            case "measures": opts.measureColumns = (opts.measureColumns ?? []) + [v.text]
            case "skip": opts.skipRows = Int(v.text)
            case "level": opts.levelColumn = v.text
            case "missing": opts.missingMarkers.append(v.text)
            case "unit": pendingUnit = v.text
            case "unit=": if let c = pendingUnit { opts.units.append((c, v.text)); pendingUnit = nil }
            default: opts.mapping[k] = v.text
            }
        }
        for (m, basis) in prices { opts.prices[Text.snakeCase(m.text)] = basis }
        let cube: Cube
        do { cube = try DataFormat.load(path: path.text, name: dsName, options: opts, registry: registry) }
        catch {
            // An error about a column a clause named points at that clause's column.
            let named = mapping.first { k, v in ["text", "ignore", "measures", "level", "unit", "region", "industry", "year"].contains(k)
                && error.message.contains("`\(v.text)`") }
            throw error.at(named?.1.span ?? path.span)
        }
        return Outcome(messages: try adopt(cube))
    }

    /// Stores a freshly read dataset and adds it to the session; the `loaded …` line and the
    /// reader's warnings.
    func adopt(_ cube: Cube) throws(Diagnostic) -> [String] {
        try workspace.save(cube)
        add(cube)
        // Publication data say `organisations` and `fields`; everything else regions and industries.
        return ["loaded \(cube.name): \(cube.count) rows, " + plural(cube.region.count, cube.region.name == "organisation" ? "organisation" : "region")
            + (cube.industry.map { ", " + ($0.name == "field" ? plural($0.count, "field") : plural($0.count, "industry", "industries")) } ?? "")
            + ", measures " + cube.measures.map(\.name).joined(separator: ", ")]
            + cube.notes.filter(LoadNotes.showUnderLoaded)
    }

    /// `load "data/demo-counties.csv"` without `as` names the dataset after the file.
    static func defaultName(_ path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        let stem = file.split(separator: ".").first.map(String.init) ?? file
        let s = Text.snakeCase(stem)
        return s.first.map { $0.isNumber } == true ? "d_" + s : s
    }

    func open(_ given: NameRef) throws(Diagnostic) -> Outcome {
        // A workspace file is written to: inside a notebook's folder like any output (an
        // existing workspace is what `open` is for, so it is not an overwrite).
        var path = given
        if writeRoot != nil { path.replace = true; path.text = try outputPath(path) }
        let ws: Workspace
        do { ws = try Workspace(path: path.text) } catch { throw error.at(path.span) }
        let stored = try ws.loadAll()
        if let clash = stored.first(where: { datasets[$0.name] != nil }) {
            throw Diagnostic(message: "\(path.text) already holds a dataset named \(clash.name), as does this session", span: path.span,
                             help: "open the workspace in a fresh session, or rename one with  let other = \(clash.name)")
        }
        let storedDefinitions = try ws.definitions()
        // Carry this session's datasets, definitions and journal into the workspace, then
        // adopt it and bring in what it held.
        try ws.atomically { () throws(Diagnostic) in
            for name in datasetOrder { try ws.save(datasets[name]!) }
            try workspace.copyDefinitionsAndJournal(to: ws) { d in d.superseded ? nil : bindings[d.name] }
        }
        workspace = ws
        for c in stored { add(c) }
        replay(storedDefinitions)
        return Outcome(messages: ["workspace \(path.text): \(datasetOrder.count) datasets" + (stored.isEmpty ? "" : " (\(stored.count) restored)")])
    }
}

extension Session {
    /// `fetch`: the workspace's cached response when there is one (so a script replays
    /// offline and identically), else a download; `refresh` downloads again, falling back to
    /// the cached copy, with a warning, when the network cannot be reached.
    func fetch(_ spec: FetchSpec) throws(Diagnostic) -> Outcome {
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
                    throw Diagnostic(message: "fetch \(source.name) \(spec.table.text): \(why); this workspace has no copy of it",
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
