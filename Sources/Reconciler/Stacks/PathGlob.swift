/// A glob over repository paths: `*` and `?` within one path segment, `**` for any number of
/// segments (including none), `[abc]` for one character of a set.
///
/// Hand-written because it is small and must behave the same on every platform (`fnmatch`'s
/// handling of `**` differs between libcs).
public struct PathGlob: Sendable, Equatable, CustomStringConvertible {
    public let pattern: String
    private let segments: [Substring]

    public init(_ pattern: String) {
        self.pattern = pattern
        segments = pattern.split(separator: "/", omittingEmptySubsequences: true)
    }

    public var description: String { pattern }

    /// Whether the whole `path` (segments separated by `/`) matches.
    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        return Self.match(segments[...], parts[...])
    }

    private static func match(_ pattern: ArraySlice<Substring>, _ path: ArraySlice<Substring>) -> Bool {
        guard let head = pattern.first else { return path.isEmpty }
        if head == "**" {
            let rest = pattern.dropFirst()
            // `**` takes zero segments, or one more and tries again.
            var remaining = path
            while true {
                if match(rest, remaining) { return true }
                guard !remaining.isEmpty else { return false }
                remaining = remaining.dropFirst()
            }
        }
        guard let first = path.first, matchSegment(Array(head), Array(first)) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    /// `*`, `?` and `[set]` within one segment.
    private static func matchSegment(_ pattern: [Character], _ text: [Character]) -> Bool {
        var p = 0, t = 0
        var starP = -1, starT = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == "*" {
                starP = p
                starT = t
                p += 1
            } else if p < pattern.count, let next = singleMatch(pattern, p, text[t]) {
                p = next
                t += 1
            } else if starP >= 0 {
                p = starP + 1
                starT += 1
                t = starT
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }

    /// When `pattern[p]` matches `c`, the index after that pattern element.
    private static func singleMatch(_ pattern: [Character], _ p: Int, _ c: Character) -> Int? {
        switch pattern[p] {
        case "?":
            return p + 1
        case "[":
            guard let close = pattern[(p + 1)...].firstIndex(of: "]"), close > p + 1 else {
                return c == "[" ? p + 1 : nil
            }
            var set = pattern[(p + 1)..<close]
            let negated = set.first == "!" || set.first == "^"
            if negated { set = set.dropFirst() }
            var found = false
            var index = set.startIndex
            while index < set.endIndex {
                let low = set[index]
                if index + 2 < set.endIndex, set[index + 1] == "-" {
                    if low <= c && c <= set[index + 2] { found = true }
                    index += 3
                } else {
                    if low == c { found = true }
                    index += 1
                }
            }
            return found != negated ? close + 1 : nil
        default:
            return pattern[p] == c ? p + 1 : nil
        }
    }
}
