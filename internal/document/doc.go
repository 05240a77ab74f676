// Package document reads policy documents (Markdown, plain text, HTML, DOCX,
// ODT, PDF) into plain text with a map back to where each piece of text came
// from, so that rule findings can name file, page, line and column.
package document
