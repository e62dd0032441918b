// JSONStatLoader.swift — `load` for JSON-stat 2.0 (PxWebApi v2, Eurostat's API): dimensions
// from `id`/`size`/`dimension`, roles from `role`, dense or sparse `value` and `status`.

public enum JSONStatLoader {
    public static func recognises(path: String, head: [UInt8]) -> Bool {
        let lower = path.lowercased()
        guard let first = head.first(where: { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 }), first == UInt8(ascii: "{") else { return false }
        if lower.hasSuffix(".json") || lower.hasSuffix(".jsonstat") { return true }
        let text = String(decoding: head, as: UTF8.self)
        return text.contains("\"version\"") || text.contains("\"class\"") || text.contains("\"dimension\"")
    }

    public static func load(path: String, name: String, options: LoadOptions = LoadOptions(),
                            registry: Registry? = nil) throws(Diagnostic) -> Cube {
        try FileIO.withBytes(path) { (b) throws(Diagnostic) -> Cube in
            try load(JSON.parse(b, path: path), path: path, name: name, options: options, registry: registry)
        }
    }

    /// A response held in memory (`fetch`); `source` names it in messages.
    public static func load(bytes: [UInt8], source: String, name: String, options: LoadOptions = LoadOptions(),
                            registry: Registry? = nil) throws(Diagnostic) -> Cube {
        try bytes.withUnsafeBufferPointer { (b) throws(Diagnostic) -> Cube in
            try load(JSON.parse(b, path: source), path: source, name: name, options: options, registry: registry)
        }
    }

    /// How many declared cells one given cell of a sparse `value` object may stand for.
    static let maxSparseExpansion = 1000

    /// An object's members by key (the first of a repeated key), for lookups by code.
    static func index(_ j: JSON?) -> [String: JSON] {
        guard let m = j?.members else { return [:] }
        return Dictionary(m, uniquingKeysWith: { a, _ in a })
    }

    static func fail(_ path: String, _ msg: String, help: String? = nil) -> Diagnostic {
        Diagnostic(message: "JSON-stat: " + msg, location: FileLocation(file: path, line: 1), help: help)
    }

    static func load(_ root: JSON, path: String, name: String, options: LoadOptions, registry: Registry?) throws(Diagnostic) -> Cube {
        // JSON-stat 1.x wraps datasets by name; 2.0 is the dataset itself.
        var ds = root
        if root["dimension"] == nil, let m = root.members, let inner = m.first(where: { $0.1["dimension"] != nil }) { ds = inner.1 }
        if ds["class"]?.string == "collection" {
            throw fail(path, "the file is a collection of links, not a dataset", help: "load one of the datasets it links to")
        }
        guard let ids = ds["id"]?.array?.compactMap(\.string), !ids.isEmpty else {
            throw fail(path, "`id` (the list of dimensions) is missing", help: "a JSON-stat 2.0 dataset has id, size, dimension and value")
        }
        guard let sizes = ds["size"]?.array?.compactMap({ $0.number.map { Int(exactly: $0) ?? -1 } }), sizes.count == ids.count,
              sizes.allSatisfy({ $0 >= 0 }) else {
            throw fail(path, "`size` must list one whole number per dimension in `id` (\(ids.count))")
        }
        guard let dimension = ds["dimension"] else { throw fail(path, "`dimension` is missing") }
        var t = DenseTable(path: path)
        t.notes.append("JSON-stat \(ds["version"]?.string ?? "1.x")")
        for (k, id) in ids.enumerated() {
            guard let d = dimension[id], let cat = d["category"] else {
                throw fail(path, "dimension `\(id)` has no `category`")
            }
            var codes: [String] = []
            if let arr = cat["index"]?.array {
                codes = arr.compactMap(\.string)
            } else if let obj = cat["index"]?.members {
                var byPos = [String?](repeating: nil, count: obj.count)
                for (code, pos) in obj {
                    guard let p = pos.number.flatMap({ Int(exactly: $0) }), p >= 0, p < obj.count, byPos[p] == nil else {
                        throw fail(path, "dimension `\(id)`: category index of `\(code)` is not a free position 0…\(obj.count - 1)")
                    }
                    byPos[p] = code
                }
                codes = byPos.map { $0! }
            } else if let labels = cat["label"]?.members {
                codes = labels.map(\.0)   // no index: the label order (one category, typically)
            }
            guard codes.count == sizes[k] else {
                throw fail(path, "dimension `\(id)` has \(codes.count) categories but `size` says \(sizes[k])")
            }
            if let dup = CSVLoader.firstDuplicate(codes) { throw fail(path, "dimension `\(id)` lists category `\(dup)` twice") }
            // Looked up through a dictionary: an object's members are a list, and 100,000
            // categories looked up one by one would be quadratic.
            let label = Self.index(cat["label"])
            let names = codes.map { c in label[c]?.string ?? c }
            // Axes are named by their id (`nace_r2`, `geo`, `Kon`): short, stable across
            // languages, and what `with industry = …` and `where` refer to.
            var axis = DenseTable.Axis(name: id, labels: codes, names: names, hasCodes: names != codes)
            // PxWeb: elimination with a value code names the total; without one, the values add up.
            if d["extension"]?["elimination"] == .bool(true) {
                if let code = d["extension"]?["eliminationValueCode"]?.string { axis.total = codes.firstIndex(of: code) }
                else { axis.summable = true }
            }
            t.axes.append(axis)
        }
        let total = try t.cellCount(what: { "dimension `\($0)`" })
        // Roles: time, geo, metric.
        func roleIndex(_ r: String) -> Int? { ds["role"]?[r]?.array?.first?.string.flatMap { ids.firstIndex(of: $0) } }
        t.timeHint = roleIndex("time")
        t.regionHint = roleIndex("geo")
        t.contents = roleIndex("metric")
        if let c = t.contents {
            let unit = Self.index(dimension[ids[c]]?["category"]?["unit"])
            t.units = t.axes[c].labels.map { code in unit[code]?["base"]?.string ?? unit[code]?["label"]?.string }
        }
        t.measureName = ds["label"]?.string.flatMap { $0.count <= 40 ? $0 : nil }

        // Values: an array (null = missing) or an object of position → value.
        var symbols: [String: Int] = [:]
        switch ds["value"] {
        case .array(let a)? where a.isEmpty:
            t.notes.append("warning: metadata only: `value` is empty (\(total) cells described, none with a number); fetch or download the data itself")
            t.data = []
        case .array(let a)?:
            guard a.count == total else {
                throw fail(path, "`value` has \(a.count) entries but the dimensions declare \(total) (" + sizes.map(String.init).joined(separator: " × ") + ")")
            }
            t.data = a.map { $0.number ?? .nan }
        case .object(let m)?:
            try t.checkAllocatable(total)
            // A sparse object may declare far more cells than it gives; expanding 100 values
            // into 134 million missing cells is refused with the ratio that was declared.
            guard total <= max(m.count * Self.maxSparseExpansion, 1 << 20) else {
                throw fail(path, "`value` gives \(m.count) cells of the \(total) the dimensions declare; spets expands a sparse table at most \(Self.maxSparseExpansion)-fold",
                           help: "download a narrower selection (fewer categories per dimension)")
            }
            t.data = [Double](repeating: .nan, count: total)
            for (k, v) in m {
                guard let i = Int(k), i >= 0, i < total else { throw fail(path, "`value` key `\(k)` is not a cell position 0…\(total - 1)") }
                t.data[i] = v.number ?? .nan
            }
            t.notes.append("sparse value: \(m.count) of \(total) cells given")
        default:
            throw fail(path, "`value` is missing", help: "an empty dataset has \"value\": []")
        }
        // Status: one for all, an array, or an object of position → symbol; kept per cell.
        switch ds["status"] {
        case .string(let s)? where !s.isEmpty && !t.data.isEmpty:
            symbols[s] = t.data.count
            for k in t.data.indices { t.flags.set(k, s) }
        case .array(let a)?:
            for (k, v) in a.enumerated() where k < t.data.count {
                if let s = v.string, !s.isEmpty { symbols[s, default: 0] += 1; t.flags.set(k, s) }
            }
        case .object(let m)?:
            for (key, v) in m {
                guard let s = v.string, !s.isEmpty, let k = Int(key), k >= 0, k < t.data.count else { continue }
                symbols[s, default: 0] += 1
                t.flags.set(k, s)
            }
        default: break
        }
        if !t.data.isEmpty {
            let missing = t.data.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
            t.notes.append("\(total) cells" + (missing > 0 ? ", \(missing) missing" : "")
                           + (symbols.isEmpty ? "" : " (status " + symbols.keys.sorted().map { "\"\($0)\"×\(symbols[$0]!)" }.joined(separator: ", ") + ")"))
        }
        if let u = ds["updated"]?.string, !validTimestamp(u) {
            t.warnings.append("`updated` is not an ISO 8601 time (`\(u)`); ignored")
        }
        for key in ["label", "source"] { if let s = ds[key]?.string { t.trailingNotes.append(key + ": " + s) } }
        for n in ds["note"]?.array?.compactMap(\.string) ?? [] { t.trailingNotes.append("note: " + n) }
        if let lang = ds["extension"]?["px"]?["language"]?.string { t.notes.append("language: " + lang) }
        return try t.cube(name: name, options: options, registry: registry)
    }

    /// `2026-06-08`, `2026-06-08T06:00:00Z`, with optional fraction and offset.
    static func validTimestamp(_ s: String) -> Bool {
        let u = Array(s.utf8)
        func digits(_ r: Range<Int>) -> Bool { r.upperBound <= u.count && u[r].allSatisfy { $0 &- 48 < 10 } }
        guard u.count >= 10, digits(0..<4), u[4] == 45, digits(5..<7), u[7] == 45, digits(8..<10) else { return false }
        if u.count == 10 { return true }
        guard u.count >= 16, u[10] == UInt8(ascii: "T") || u[10] == 32, digits(11..<13), u[13] == 58, digits(14..<16) else { return false }
        var i = 16
        if i < u.count, u[i] == 58 { guard digits((i + 1)..<(i + 3)) else { return false }; i += 3 }
        if i < u.count, u[i] == 46 { i += 1; while i < u.count, u[i] &- 48 < 10 { i += 1 } }
        if i == u.count { return true }
        if u[i] == UInt8(ascii: "Z") { return i + 1 == u.count }
        if u[i] == 43 || u[i] == 45 {   // +01:00 or +0100
            return (u.count - i == 6 && digits((i + 1)..<(i + 3)) && u[i + 3] == 58 && digits((i + 4)..<(i + 6)))
                || (u.count - i == 5 && digits((i + 1)..<(i + 5)))
        }
        return false
    }
}
