import Foundation

/// Writes a line to standard error (diagnostics go there; results go to standard output).
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
