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

#endif
