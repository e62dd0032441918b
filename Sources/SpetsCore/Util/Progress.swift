// Progress.swift — what long work reports so that a person at a terminal sees it move: the
// loaders set bytes done of bytes in all, `compare` regions, exports rows. The core only
// counts; drawing is the host's (the shell installs a display that draws one line on
// stderr at a terminal, after half a second, erased at the end).
public protocol ProgressDisplay: Sendable {
    func begin(_ label: String)
    func report(done: Int, total: Int, unit: Progress.Unit)
    func end()
}

public enum Progress {
    /// What is counted.
    public enum Unit: Int32, Sendable { case bytes = 0, regions = 1, rows = 2 }
    /// Installed once by the host before statements run; nil: nothing is drawn.
    nonisolated(unsafe) public static var display: (any ProgressDisplay)? = nil
    public static func begin(_ label: String) { display?.begin(label) }
    @inline(__always)
    public static func report(done: Int, total: Int, unit: Unit = .bytes) { display?.report(done: done, total: total, unit: unit) }
    public static func end() { display?.end() }
}
