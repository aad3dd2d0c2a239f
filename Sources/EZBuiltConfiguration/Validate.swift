import Foundation

/// Checks of single values, shared by the config loader and whoever builds config in code.
public enum Validate {
    /// `us-east-1`, `eu-west-2`, `us-gov-west-1`, `ap-southeast-3`, …
    public static func region(_ text: String) -> Bool {
        text.wholeMatch(of: /[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}/) != nil
    }

    /// An IAM role ARN in any partition.
    public static func roleARN(_ text: String) -> Bool {
        text.wholeMatch(of: /arn:aws(-[a-z-]+)?:iam::[0-9]{12}:role\/[A-Za-z0-9+=,.@_\/-]{1,512}/) != nil
    }

    /// A repository id: it becomes part of stack ids, paths and URLs.
    public static func identifier(_ text: String) -> Bool {
        text.count <= 64 && text.wholeMatch(of: /[a-z0-9][a-z0-9._-]*/) != nil && !text.contains("..")
    }

    public static func environmentName(_ text: String) -> Bool {
        text.wholeMatch(of: /[A-Za-z_][A-Za-z0-9_]*/) != nil
    }

    /// The subset of git's ref-name rules that matters for a branch we read or write.
    public static func branchName(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= 200, !text.hasPrefix("/"), !text.hasSuffix("/"),
              !text.hasPrefix("-"), !text.hasSuffix(".lock"), !text.hasSuffix("."),
              !text.contains(".."), !text.contains("//"), !text.contains("@{"), text != "@"
        else { return false }
        let forbidden: Set<Character> = [" ", "~", "^", ":", "?", "*", "[", "\\", "\u{7f}"]
        return !text.contains { forbidden.contains($0) || ($0.asciiValue.map { $0 < 32 } ?? false) }
            && !text.split(separator: "/").contains { $0.hasPrefix(".") }
    }

    /// `host:port` or `[v6]:port`.
    public static func listenAddress(_ text: String) -> ListenAddress? {
        let host: Substring
        let port: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            port = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            host = text[..<colon]
            port = text[text.index(after: colon)...]
        }
        guard !host.isEmpty, let number = Int(port), (0...65535).contains(number) else { return nil }
        return ListenAddress(host: String(host), port: number)
    }

    /// An http(s) URL whose host is loopback: the sandbox emulator must never be remote.
    public static func loopbackURL(_ text: String) -> URL? {
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme),
              let host = url.host, ListenAddress(host: host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port: 0).isLoopback
        else { return nil }
        return url
    }

    /// A language model's endpoint: https anywhere, plain http only to a loopback address (a
    /// local model server), never with credentials, a query or a fragment in the URL.
    public static func modelEndpoint(_ text: String) -> URL? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty,
              url.user == nil, url.password == nil, url.query == nil, url.fragment == nil
        else { return nil }
        if scheme == "https" { return url }
        return scheme == "http" && loopbackURL(text) != nil ? url : nil
    }
}
