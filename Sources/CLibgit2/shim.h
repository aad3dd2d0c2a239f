#ifndef EZBUILT_CLIBGIT2_SHIM_H
#define EZBUILT_CLIBGIT2_SHIM_H

#include <git2.h>

/*
 * Swift cannot call C variadic functions, and git_libgit2_opts is one.
 * Each option EZBuilt uses gets a typed, non-variadic wrapper here.
 */

/** Sets the search path for one configuration level (GIT_CONFIG_LEVEL_*); "" means none. */
static inline int ezb_git_opts_set_search_path(git_config_level_t level, const char *path) {
    return git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, (int)level, path);
}

/** Turns checks that objects referenced by new objects exist on (1) or off (0). */
static inline int ezb_git_opts_enable_strict_object_creation(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, enabled);
}

/** Turns verification of object hashes when reading them on (1) or off (0). */
static inline int ezb_git_opts_enable_strict_hash_verification(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, enabled);
}

/** Turns the check that a repository is owned by the current user on (1) or off (0). */
static inline int ezb_git_opts_set_owner_validation(int enabled) {
    return git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, enabled);
}

/** Sets the User-Agent libgit2 sends over HTTP(S). */
static inline int ezb_git_opts_set_user_agent(const char *user_agent) {
    return git_libgit2_opts(GIT_OPT_SET_USER_AGENT, user_agent);
}

/** Sets the most memory (bytes) all repositories' object caches may hold together. */
static inline int ezb_git_opts_set_cache_max_size(ssize_t bytes) {
    return git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, bytes);
}

/** Sets the largest object (bytes) of one type the object cache keeps; 0 keeps none. */
static inline int ezb_git_opts_set_cache_object_limit(git_object_t type, size_t bytes) {
    return git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, type, bytes);
}

/** Reads how many bytes the object caches hold now, and their limit. */
static inline int ezb_git_opts_get_cached_memory(ssize_t *current, ssize_t *allowed) {
    return git_libgit2_opts(GIT_OPT_GET_CACHED_MEMORY, current, allowed);
}

/** Sets the size (bytes) of one mapped window into a pack file. */
static inline int ezb_git_opts_set_mwindow_size(size_t bytes) {
    return git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, bytes);
}

/** Sets the most pack data (bytes) mapped at once, over all repositories. */
static inline int ezb_git_opts_set_mwindow_mapped_limit(size_t bytes) {
    return git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, bytes);
}

/** Sets the most pack files kept open at once, over all repositories (0: no limit). */
static inline int ezb_git_opts_set_mwindow_file_limit(size_t files) {
    return git_libgit2_opts(GIT_OPT_SET_MWINDOW_FILE_LIMIT, files);
}

#endif
