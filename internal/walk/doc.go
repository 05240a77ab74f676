// Package walk expands the paths given to `svcaudit check` — files, folders
// and globs — into the sorted list of documents to read. Problems met on the
// way (an unreadable folder, a broken link, a symbolic-link loop) are
// reported per path and do not stop the walk; a named path that does not
// exist is reported apart, as the caller's mistake.
package walk
