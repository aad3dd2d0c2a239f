/// Comparisons whose time does not depend on where two secrets first differ.
enum ConstantTime {
    /// Whether `a` and `b` are equal, looking at every byte of both whatever they hold.
    /// Lengths are not secret here (callers compare fixed-size digests).
    static func equals(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }

    /// Whether `candidate` equals any of `digests`, comparing against all of them so the time
    /// does not tell which one (or whether one) matched.
    static func containsDigest(_ digests: [[UInt8]], _ candidate: [UInt8]) -> Bool {
        var found = false
        for digest in digests where equals(digest, candidate) { found = true }
        return found
    }
}
