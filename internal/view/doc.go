// Package view renders a loaded checklist for people and tools: a terminal
// table, a Markdown paper audit form, and JSON. It computes nothing; it
// only lays out what the checklist says.
package view
