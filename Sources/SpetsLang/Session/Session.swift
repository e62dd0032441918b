// Session.swift — all state of one spets session in one place: registry, workspace,
// datasets, bound results, output settings.
import SpetsCore

public final class Session {
    public let registry: Registry
    public internal(set) var workspace: Workspace
    /// Loaded datasets by name, and the order they were loaded in.
    public internal(set) var datasets: [String: Cube] = [:]
    public internal(set) var datasetOrder: [String] = []
    /// Results bound with `let`.
    public internal(set) var bindings: [String: Table] = [:]
    public var settings = RenderSettings()
    /// Knowledge areas, by name, in the order they were defined.
    public internal(set) var areas: [String: Area] = [:]
    public internal(set) var areaOrder: [String] = []
    /// Named indicators, scenarios and goals (as parsed; resolved against the data when used).
    public internal(set) var indicators: [String: (IndicatorExpr, String)] = [:]
    public internal(set) var scenarios: [String: Scenario] = [:]
    public internal(set) var scenarioOrder: [String] = []
    public internal(set) var goals: [(name: String, goal: GoalCommand, text: String)] = []
    /// Region groups: name → (title, member names as written), defined or shipped.
    public internal(set) var groupDefs: [String: (title: String?, members: [String])] = [:]
    public internal(set) var groupOrder: [String] = []
    var shippedGroupsLoaded = false
    /// Datasets standing in for others while `compare` evaluates an aggregate.
    var datasetOverrides: [String: Cube] = [:]
    /// Where preset areas live (`datasets/areas/*.csv`); nil: no presets. Looked up on first
    /// use (finding the bundled data takes a dozen file checks: 8 % of start-up).
    public lazy var presetDirectory: String? = presetLookup()
    private let presetLookup: () -> String?
    /// The bundled data (`datasets/`, whose `areas/` holds the presets), its `research/`
    /// registries and the `docs/` beside it (read by `explain`): all found from one place.
    var datasetsDirectory: String? { presetDirectory.map { Self.parent($0) } }
    var researchDirectory: String? { datasetsDirectory.map { $0 + "/research" } }
    var docsDirectory: String? { datasetsDirectory.map { Self.parent($0) + "/docs" } }

    static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
    /// Scripts being run (a script that runs itself is refused, not looped).
    var runStack: [String] = []
    /// `plot` without `to FILE` is allowed: its chart goes into the page (notebooks).
    public var inlineFigures = false
    /// Research fields linked to knowledge areas (`link fields to areas`).
    public internal(set) var fieldLinks: [FieldLink] = []
    var researchFieldCache: ResearchFields? = nil
    /// The statements typed at the prompt, oldest first (set by the interactive shell).
    public var historyEntries: (() -> [String])? = nil
    /// Opens a text in the user's editor and returns what was saved (set by the shell).
    public var editText: ((String) -> String?)? = nil
    /// Adds a statement run from `history N` or `edit` to the history (set by the shell).
    public var historyAppend: ((String) -> Void)? = nil
    /// Asks the user whether to overwrite a file (set by the interactive shell; nil in
    /// scripts, where `replace` is needed).
    public var confirmOverwrite: ((String) -> Bool)? = nil
    /// Every statement may overwrite files (a notebook writing its own outputs again).
    public var allowOverwrite = false
    /// Where statements may write (a notebook's scratch or own folder); nil: anywhere.
    public var writeRoot: String? = nil
    /// How messages name `writeRoot` (stable words, not a random scratch path).
    public var writeRootName = "scratch directory"
    /// Files this session has written.
    var writtenFiles: Set<String> = []
    /// The guided tutorial's position (nil: none running).
    var tutorialState: TutorialState? = nil
    /// Problems met while restoring a workspace (a `let` that no longer evaluates).
    public internal(set) var restoreWarnings: [String] = []

    public init(registry: Registry, workspacePath: String? = nil, presetDirectory: @escaping @autoclosure () -> String? = nil) throws(Diagnostic) {
        self.registry = registry
        self.presetLookup = presetDirectory
        workspace = try Workspace(path: workspacePath)
        if workspacePath != nil { try restore() }
    }

    /// Brings back what a persistent workspace holds: datasets, then the definitions
    /// replayed in the order they were made, replaced versions included, so that what was
    /// defined between a version and its replacement means what it meant in the session.
    /// A replaced `let` is not restored: a result's table is kept with it, so no later
    /// definition needs an earlier one (and one replaced by a dataset stays replaced).
    func restore() throws(Diagnostic) {
        for c in try workspace.loadAll() { add(c) }
        replay(try workspace.definitions())
    }

    func replay(_ defs: [Workspace.Definition]) {
        for d in defs where !(d.superseded && d.kind == "let") {
            let parsed = Parser.parse(d.statement)
            guard parsed.diagnostics.isEmpty, let st = parsed.statements.first else {
                if !d.superseded { restoreWarnings.append("could not restore `\(d.name)`: \(d.statement)") }
                continue
            }
            do {
                switch st.kind {
                case .bind(let n, let p):
                    // The table as the session had it when kept; evaluated again only for a
                    // workspace written before results were kept.
                    if let kept = try workspace.result(seq: d.seq) { bindings[n.text] = kept } else { bindings[n.text] = try evaluate(p) }
                case .command(let c):
                    // A definition restores itself; any other command was not one.
                    if try !c.node.restore(Evaluation(session: self, statement: st, runner: nil)), !d.superseded {
                        restoreWarnings.append("could not restore `\(d.name)`: \(d.statement)")
                    }
                case .pipeline:
                    if !d.superseded { restoreWarnings.append("could not restore `\(d.name)`: \(d.statement)") }
                }
            } catch {
                if !d.superseded { restoreWarnings.append("could not restore `\(d.name)`: \(error.message)") }
            }
        }
    }

    func add(_ cube: Cube) {
        if datasets[cube.name] == nil { datasetOrder.append(cube.name) }
        datasets[cube.name] = cube
        bindings[cube.name] = nil
    }

    public var allNames: [String] { datasetOrder + bindings.keys.sorted() }

    public func cube(_ ref: NameRef) throws(Diagnostic) -> Cube {
        if let c = datasetOverrides[ref.text] { return c }
        if let c = datasets[ref.text] { return c }
        if let k = datasets.keys.first(where: { $0.lowercased() == ref.text.lowercased() }) { return datasets[k]! }
        if bindings[ref.text] != nil {
            throw Diagnostic(.resultDataset, ref.text, span: ref.span,
                             help: "verbs read datasets; load one with  load \"FILE.csv\" as NAME")
        }
        throw Diagnostic(.noDataset, ref.text, span: ref.span,
                         help: datasets.isEmpty ? "load one first:  load \"FILE.csv\" as \(ref.text)" : "datasets: " + datasetOrder.joined(separator: ", "),
                         candidates: Text.suggestions(for: ref.text, among: datasetOrder))
    }

    /// Resolves `dataset.measure`.
    public func measure(_ ref: MeasureRef) throws(Diagnostic) -> (Cube, Int) {
        let c = try cube(ref.dataset)
        if let m = c.measureIndex(ref.measure.text) { return (c, m) }
        throw Diagnostic(.datasetHasNoMeasure, c.name, ref.measure.text, span: ref.measure.span,
                         help: "measures of \(c.name): " + c.measures.map(\.name).joined(separator: ", "),
                         candidates: Text.suggestions(for: ref.measure.text, among: c.measures.map(\.name)))
    }

    public func resolveRegion(_ n: NameRef, in cube: Cube) throws(Diagnostic) -> Int32 {
        do { return try NameResolver(cube.region, registry: registry).resolve(n.text, dataset: cube.name) }
        catch { throw error.at(n.span) }
    }

    static let reserved: Set<String> = Set(CommandTable.statementWords + CommandTable.aliases + ["rest", "mean", "as", "with", "to", "in", "for", "vs", "and", "or", "not", "by", "from", "between", "industries", "preset", "except"])

    func checkBindable(_ n: NameRef) throws(Diagnostic) {
        if Self.reserved.contains(n.text.lowercased()) {
            throw Diagnostic(.wordLanguageCannotNameDataset, n.text, span: n.span,
                             help: "pick another name, e.g. \(n.text)_data")
        }
    }
}
