package config

// Template returns a commented starter .svcaudit.yaml, written by
// `svcaudit init config`. Every setting is shown; the ones that change
// nothing from the defaults are commented out.
func Template() []byte {
	return []byte(`# svcaudit configuration: the defaults of ` + "`svcaudit check`" + `, so that CI can
# run it with no arguments. Flags on the command line override these.
# Relative paths are relative to this file's folder.

# Checklists to check documents against: built-in ids (see ` + "`svcaudit list`" + `)
# or paths of checklist files. Only their automated (evidence) items are
# checked. Leave out to use every built-in checklist.
# checklists:
#   - keeps-promises
#   - checklists/our-charter.yaml

# Different checklists for different documents: a document is judged against
# the checklists of every entry whose paths (globs relative to this file's
# folder; a folder matches everything under it) match it; documents no entry
# matches use the checklists above. fail-under here overrides the one below.
# checks:
#   - paths: ["letters/**"]
#     checklists: [real-humans, personal-correspondence]
#     fail-under: 70
#   - paths: ["policies/**/*.md", "charter.*"]
#     checklists: [service-charter]

# Documents to check: files, folders (searched recursively for Markdown,
# text, HTML, DOCX, ODT and PDF files) and globs such as "docs/**/*.md".
paths:
  - .

# Globs that filter what is found in folders. A glob without a "/" matches a
# file's name at any depth; one with a "/" matches its path.
# include:
#   - "policies/**"
# svcaudit's own outputs are not documents to judge: write reports and
# results under reports/ (or build/), or name them svcaudit-*, and they are
# left out.
exclude:
  - "node_modules"
  - ".git"
  - "vendor"
  - "reports"
  - "build"
  - "svcaudit-*"

# A document passes when its score reaches this percentage.
fail-under: 60

# Output: text, json, junit, sarif, github (annotations) or codequality (GitLab).
# format: text

# Judge all documents as one body of evidence (for one service), not one by one.
# together: false
# subject: Housing repairs service

# Limits that protect the run: a larger document is reported, not read.
# max-file-size: 32MiB
# max-unzipped: 64MiB
# pdf-timeout: 10s
# pdf-memory: 256MiB

# Waivers: a waivers file, or a list written here.
# waivers: .svcaudit-waivers.yaml
# Flag waivers this many days before they expire.
# warn-expiry: 30
# Fail the check (exit 1) when a waiver that covers an item has expired.
# fail-on-expired: false
`)
}
