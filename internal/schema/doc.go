// Package schema holds the JSON Schemas (draft 2020-12) svcaudit publishes
// for its files — checklist, answers, result — and validates documents
// against them.
package schema
