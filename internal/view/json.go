package view

import (
	"encoding/json"
	"github.com/svcaudit/svcaudit/internal/safe"
	"io"

	"github.com/svcaudit/svcaudit/checklist"
)

// JSON writes the checklist as indented JSON in the key names of the YAML
// format (see checklist.Checklist.MarshalJSON).
func JSON(w io.Writer, cl *checklist.Checklist) error {
	b, err := json.MarshalIndent(cl, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(safe.EscapeJSON(b), '\n'))
	return err
}
