// Package config reads .svcaudit.yaml, the file in a repository that sets the
// defaults of `svcaudit check` (checklists, document paths and globs, the
// threshold, the output format, limits and waivers), so that CI can run
// `svcaudit check` with no arguments. Command-line flags override it.
package config
