import CLibgit2

/// Process-wide bounds on what libgit2 keeps in memory, so memory grows with the work being
/// done rather than with the number of repositories watched or the size of the last burst.
///
/// libgit2's defaults suit one short-lived command: a 256 MiB object cache that is emptied
/// only by later inserts (so it stays full after a burst), pack files mapped in windows of
/// 1 GiB up to 8 GiB, and no limit on open pack files. A daemon watching hundreds of
/// repositories for months needs small, shared limits instead.
public struct GitMemoryLimits: Sendable, Equatable {
    /// The most all object caches may hold together (commits and trees; blobs are never kept).
    public var objectCacheBytes: Int
    /// The largest commit or tree kept in the cache.
    public var largestCachedObject: Int
    /// The size of one mapped window into a pack file.
    public var packWindowBytes: Int
    /// The most pack data mapped at once, over all repositories.
    public var mappedPackBytes: Int
    /// The most pack files open at once, over all repositories.
    public var openPackFiles: Int

    /// The limits the daemon uses: a few MiB of cache, windows of 1 MiB, 32 MiB mapped.
    public static let standard = GitMemoryLimits(
        objectCacheBytes: 8 << 20, largestCachedObject: 16 << 10,
        packWindowBytes: 1 << 20, mappedPackBytes: 32 << 20, openPackFiles: 64)

    public init(objectCacheBytes: Int, largestCachedObject: Int, packWindowBytes: Int, mappedPackBytes: Int, openPackFiles: Int) {
        self.objectCacheBytes = objectCacheBytes
        self.largestCachedObject = largestCachedObject
        self.packWindowBytes = packWindowBytes
        self.mappedPackBytes = mappedPackBytes
        self.openPackFiles = openPackFiles
    }

    /// Sets these limits for the whole process (libgit2's settings are global).
    func apply() {
        _ = ezb_git_opts_set_cache_max_size(objectCacheBytes)
        _ = ezb_git_opts_set_cache_object_limit(GIT_OBJECT_COMMIT, largestCachedObject)
        _ = ezb_git_opts_set_cache_object_limit(GIT_OBJECT_TREE, largestCachedObject)
        _ = ezb_git_opts_set_cache_object_limit(GIT_OBJECT_TAG, largestCachedObject)
        _ = ezb_git_opts_set_cache_object_limit(GIT_OBJECT_BLOB, 0)
        _ = ezb_git_opts_set_mwindow_size(packWindowBytes)
        _ = ezb_git_opts_set_mwindow_mapped_limit(mappedPackBytes)
        _ = ezb_git_opts_set_mwindow_file_limit(openPackFiles)
    }

    /// What the object caches of all open repositories hold now, and the limit.
    public static func cachedMemory() throws(GitError) -> (current: Int, allowed: Int) {
        try Libgit2.ensureInitialized()
        var current = 0
        var allowed = 0
        let code = ezb_git_opts_get_cached_memory(&current, &allowed)
        if code < 0 { throw GitError.last(code, "read the object cache size") }
        return (current, allowed)
    }
}
