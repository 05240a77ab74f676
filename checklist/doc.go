// Package checklist defines svcaudit's checklists — sections of items, each
// answered by an assessor or by evidence rules run over documents — and loads
// and validates them from YAML, with every problem placed at file:line:col.
package checklist
