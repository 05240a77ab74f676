package view

import (
	"encoding/json"
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
	_, err = w.Write(append(b, '\n'))
	return err
}
