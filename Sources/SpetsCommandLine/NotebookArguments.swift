// NotebookArguments.swift — the arguments of `spets render` and `spets check`, shared by the
// `spets-notebook` executable that runs them and by `spets`' shell completions, which must
// offer them without linking the notebook code.
import ArgumentParser

public struct RenderArguments: ParsableArguments {
    @Argument(help: "The notebook (.md).", completion: .file(extensions: ["md"]))
    public var file: String

    @Option(name: [.customShort("o"), .long], help: "Where to write (.html or .md; default: the notebook's name with .html).",
            completion: .file(extensions: ["html", "md"]))
    public var output: String?

    @Flag(name: .long, help: "Let the blocks write files (export, save, plot … to) into the notebook's own folder; without it they go to a scratch directory that is removed afterwards.")
    public var writeHere = false

    public init() {}
}

public struct CheckArguments: ParsableArguments {
    @Argument(help: "A notebook rendered to Markdown (`spets render NB.md -o NB.md`).", completion: .file(extensions: ["md"]))
    public var file: String

    public init() {}
}

public enum NotebookCommandText {
    public static let render = (abstract: "Run a notebook (Markdown with ```spets blocks) and write it with each block's output.",
                                discussion: "The output's extension picks the page: .html (one self-contained file, charts inline) or .md (the notebook with outputs between markers, charts as SVG files in NAME.files/; `spets check` compares against it). Blocks run in a fresh session from the current directory; files they write go to a scratch directory (removed afterwards), or with --write-here into the notebook's folder, never elsewhere.")
    public static let check = "Re-run a rendered notebook and compare each block's output with the one stored in it; exit 1 with a diff when anything changed."
}
