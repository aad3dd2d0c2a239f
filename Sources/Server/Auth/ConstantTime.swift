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

    /// The index of the digest in `digests` that `candidate` equals, comparing against all of
    /// them so the time does not tell which one (or whether one) matched.
    static func firstMatch(_ digests: [[UInt8]], _ candidate: [UInt8]) -> Int? {
        var found: Int?
        for (index, digest) in digests.enumerated() where equals(digest, candidate) && found == nil { found = index }
        return found
    }
}
