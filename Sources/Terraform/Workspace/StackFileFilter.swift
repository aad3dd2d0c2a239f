import Foundation

/// Decides which files of a stack's `terraform/` directory may enter a workspace.
///
/// Only regular `.tf`/`.tf.json` files directly in that directory are taken. Everything else
/// is refused with a reason: subdirectories and paths that climb out, hidden files,
/// `.terraform*`, state files, CLI configuration files, Terraform override files (the daemon
/// owns the only override), and names reserved for the files the daemon writes.
public enum StackFileFilter {
    /// Why a file was left out of a workspace.
    public enum Rejection: String, Sendable, Hashable {
        case notDirectlyInTerraformDirectory = "not directly in the stack's terraform directory"
        case hidden = "hidden file"
        case terraformInternal = ".terraform* file"
        case stateFile = "state file"
        case cliConfiguration = "CLI configuration file"
        case overrideFile = "override file (the daemon owns overrides)"
        case reservedName = "name reserved for files the daemon writes"
        case notTerraform = "not a .tf or .tf.json file"
        case symlink = "symbolic link"
        case notRegularFile = "not a regular file"
        case tooLarge = "larger than the per-file limit"
    }

    /// Prefix of the files the daemon writes into a workspace.
    public static let reservedPrefix = "ezbuilt_"

    /// Largest accepted file (generated Terraform is small; a huge file is hostile).
    public static let maximumFileSize = 4 * 1024 * 1024

    /// Returns nil when `relativePath` (relative to the stack's `terraform/` directory) may
    /// enter a workspace by name, else why not. File type and size are checked by the reader.
    public static func rejection(forRelativePath relativePath: String) -> Rejection? {
        if relativePath.isEmpty || relativePath.contains("/") || relativePath.contains("\\")
            || relativePath == "." || relativePath == ".." || relativePath.contains("\0") {
            return .notDirectlyInTerraformDirectory
        }
        let name = relativePath
        let lower = name.lowercased()
        if lower.hasPrefix(".terraform") { return .terraformInternal }
        if lower.hasPrefix(".") { return .hidden }
        if lower.contains(".tfstate") { return .stateFile }
        if lower.hasSuffix(".tfrc") || lower == "terraform.rc" || lower == ".terraformrc" || lower.hasSuffix(".tfrc.json") {
            return .cliConfiguration
        }
        guard lower.hasSuffix(".tf") || lower.hasSuffix(".tf.json") else { return .notTerraform }
        let stem = lower.hasSuffix(".tf.json") ? String(lower.dropLast(8)) : String(lower.dropLast(3))
        if stem == "override" || stem.hasSuffix("_override") { return .overrideFile }
        if lower.hasPrefix(reservedPrefix) { return .reservedName }
        return nil
    }
}
