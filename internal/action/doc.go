// Package action keeps the corrective-action register: one open action for
// each item an audit failed, closed when a later audit finds the item
// passing, reopened as a new action when it fails again. The register is a
// YAML file written in a stable order, one action per block, so that it
// reads well in review and merges cleanly in git.
package action
