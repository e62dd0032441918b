// Dispatch.swift — running a parsed command with spets' exit codes, shared by the `spets`
// and `spets-notebook` executables.
import ArgumentParser
import Glibc
import SpetsLang

extension ParsableCommand {
    /// Parses `args`, runs the command and exits: 0, 1 when it failed, 2 for usage errors
    /// (ArgumentParser's default is 64).
    public static func dispatch(_ args: [String]) -> Never {
        do {
            var cmd = try parseAsRoot(args)
            try cmd.run()
            Glibc.exit(0)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                StandardOutput.write(1, fullMessage(for: error) + "\n")
                Glibc.exit(0)
            }
            StandardOutput.write(2, fullMessage(for: error) + "\n")
            Glibc.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

