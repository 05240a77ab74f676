package report

import (
	"encoding/json"
	"github.com/svcaudit/svcaudit/internal/safe"
	"io"
)

// renderJSON writes the comparison as data: subjects, rows of cells, the
// overall row, each audit's failures, waivers, changes and open actions, and
// the trends.
func renderJSON(w io.Writer, v *view) error {
	enc := json.NewEncoder(safe.JSONWriter(w))
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
