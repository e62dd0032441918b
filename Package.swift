// swift-tools-version:6.0
// spets — an interactive analysis shell for smart specialisation (S3) work.
import PackageDescription

let package = Package(
    name: "spets",
    products: [
        .executable(name: "spets", targets: ["spets"]),
        .executable(name: "spets-notebook", targets: ["spets-notebook"]),
        .executable(name: "spets-fuzz", targets: ["spets-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
    ],
    targets: [
        // C at the edge: system libraries and one small shim for libedit's variadic calls,
        // the SIGINT flag and sqlite3_interrupt (things a signal handler may touch).
        // libedit: its header here; the REPL loads the library itself (terminal.c).
        .systemLibrary(name: "CEditLine", providers: [.apt(["libedit-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // zlib: inflate for reading .xlsx (a ZIP of deflated XML) and CRC-32 for writing one.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "CSpetsSupport", dependencies: ["CSQLite"]),
        .target(name: "CTerminal", dependencies: ["CEditLine"]),
        // Data model, importers, analyses, workspace store, renderers: no terminal I/O.
        .target(name: "SpetsCore", dependencies: ["CSQLite", "CSpetsSupport", "CZlib"]),
        // Lexer, parser, evaluator, diagnostics, the session and the statement loop.
        .target(name: "SpetsLang", dependencies: ["SpetsCore"]),
        // The interactive shell over libedit (editor, history, completion glue).
        .target(name: "SpetsShell", dependencies: ["SpetsLang", "CEditLine", "CTerminal"]),
        // Notebooks: Markdown with spets blocks, run, rendered (Markdown, HTML) and checked.
        .target(name: "SpetsNotebook", dependencies: ["SpetsLang", .product(name: "Ink", package: "Ink")]),
        // What both executables share of the command line (exit codes).
        .target(name: "SpetsCommandLine", dependencies: ["SpetsLang", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // Thin executable: command-line parsing only.
        .executableTarget(name: "spets", dependencies: [
            "SpetsShell", "SpetsLang", "SpetsCommandLine",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // `spets render` and `spets check`: a sibling binary, so Ink's Foundation stays out of
        // the shell's start-up.
        .executableTarget(name: "spets-notebook", dependencies: [
            "SpetsNotebook", "SpetsShell", "SpetsCommandLine",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Fuzzing: what each fuzzer feeds and checks, and the harness (libFuzzer under
        // scripts/libfuzz, a replayer of kept inputs otherwise).
        .target(name: "SpetsFuzzTargets", dependencies: ["SpetsLang", "SpetsNotebook", "SpetsShell"]),
        .executableTarget(name: "spets-fuzz", dependencies: ["SpetsFuzzTargets"]),
        .testTarget(name: "SpetsCoreTests", dependencies: ["SpetsCore"]),
        .testTarget(name: "SpetsLangTests", dependencies: ["SpetsLang", "SpetsNotebook", "SpetsFuzzTargets"]),
        // Test-only C: a pseudo-terminal for driving the REPL with real keys.
        .target(name: "CTestSupport", path: "Tests/CTestSupport"),
        .testTarget(name: "SpetsEndToEndTests", dependencies: ["spets", "spets-notebook", "spets-fuzz", "CTestSupport"]),
    ]
)
