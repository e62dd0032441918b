// Bridge.swift — the only globals: state that libedit's C callbacks (which cannot capture
// context) read and write. Touched only on the main thread.
import SpetsLang

enum Bridge {
    nonisolated(unsafe) static var prompt: UnsafeMutablePointer<CChar>? = nil
    nonisolated(unsafe) static var lineInterrupted = false
    nonisolated(unsafe) static var completer: Completer? = nil
}
