// DataFormats.swift — the file formats `load` reads, in the order they are tried: each knows
// how to recognise its files (by name or first bytes) and how to load one. `help load` lists them.

public enum DataFormat: CaseIterable, Sendable {
    case xlsx, pcAxis, jsonStat, eurostatTSV, csv

    public var name: String {
        switch self {
        case .xlsx: return "Excel (.xlsx; `as NAME sheet NAME|N`)"
        case .pcAxis: return "PC-Axis (.px)"
        case .jsonStat: return "JSON-stat 2.0 (PxWebApi, Eurostat API)"
        case .eurostatTSV: return "Eurostat bulk TSV (freq,unit,…,geo\\TIME_PERIOD)"
        case .csv: return "CSV / TSV (long or wide; SCB exports, Eurostat SDMX-CSV)"
        }
    }

    func recognises(path: String, head: [UInt8]) -> Bool {
        switch self {
        case .xlsx: return path.lowercased().hasSuffix(".xlsx") || head.starts(with: [0x50, 0x4B, 0x03, 0x04])
        case .pcAxis: return PXLoader.recognises(path: path, head: head)
        case .jsonStat: return JSONStatLoader.recognises(path: path, head: head)
        case .eurostatTSV: return EurostatTSVLoader.recognises(head: head)
        case .csv: return true   // the fallback: any text table
        }
    }

    /// Only PC-Axis files carry several languages.
    var hasLanguages: Bool { self == .pcAxis }

    func load(path: String, name: String, options: LoadOptions, registry: Registry?) throws(Diagnostic) -> Cube {
        if !hasLanguages && options.mapping["language"] != nil {
            throw Diagnostic(.choosesAmongLanguagesPcAxis, path,
                             help: "drop `language`")
        }
        if self != .xlsx && options.mapping["sheet"] != nil {
            throw Diagnostic(.choosesWorksheetExcelXlsxFile, path, help: "drop `sheet`")
        }
        switch self {
        case .xlsx: return try XLSXLoader.load(path: path, name: name, options: options, registry: registry)
        case .pcAxis: return try PXLoader.load(path: path, name: name, options: options, registry: registry)
        case .jsonStat: return try JSONStatLoader.load(path: path, name: name, options: options, registry: registry)
        case .eurostatTSV: return try EurostatTSVLoader.load(path: path, name: name, options: options, registry: registry)
        case .csv: return try CSVLoader.load(path: path, name: name, options: options, registry: registry)
        }
    }

    /// Loads a file in whichever format it is.
    public static func load(path: String, name: String, options: LoadOptions = LoadOptions(),
                            registry: Registry? = nil) throws(Diagnostic) -> Cube {
        let file = try ChunkedFile(path)
        var head: [UInt8] = []
        _ = try file.read(into: &head, count: 256)
        file.close()
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { head.removeFirst(3) }
        let format = allCases.first { $0.recognises(path: path, head: head) }!
        return try format.load(path: path, name: name, options: options, registry: registry)
    }
}
