// Package checklists embeds svcaudit's built-in checklists, so that a
// checklist is found by its id without any file on disk.
package checklists

import "embed"

// FS holds the built-in checklists, one ID.yaml file each.
//
//go:embed *.yaml
var FS embed.FS
