package dev.strata.backup;

/**
 * A database restored to a bookmark of its engine's own history (D1's Time Travel).
 *
 * @param database         the database, as named to people
 * @param bookmark         the bookmark restored to, as asked for
 * @param previousBookmark the state just before the restore: restoring to it undoes the restore
 * @param message          what the engine said
 */
public record BookmarkRestore(String database, String bookmark, String previousBookmark, String message) {}
