package answers

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/atomicfile"
	"go.yaml.in/yaml/v3"
)

// Marshal encodes f as YAML: the header, then the answers in the order of
// f.Answers (the interview keeps them in checklist order), each in the short
// form unless it carries a note or evidence.
func Marshal(f *File) ([]byte, error) {
	root := &yaml.Node{Kind: yaml.MappingNode}
	add := func(m *yaml.Node, k string, v *yaml.Node) {
		m.Content = append(m.Content, str(k), v)
	}
	add(root, "checklist", str(f.Checklist))
	add(root, "subject", str(f.Subject))
	if f.Auditor != "" {
		add(root, "auditor", str(f.Auditor))
	}
	if f.Date != "" {
		add(root, "date", str(f.Date))
	}
	ans := &yaml.Node{Kind: yaml.MappingNode}
	for _, a := range f.Answers {
		var v *yaml.Node
		if a.Note == "" && len(a.Evidence) == 0 {
			v = str(a.Value)
			if a.Value == "" {
				v = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: ""}
			}
		} else {
			v = &yaml.Node{Kind: yaml.MappingNode}
			if a.Value != "" {
				add(v, "answer", str(a.Value))
			}
			if a.Note != "" {
				add(v, "note", str(a.Note))
			}
			if len(a.Evidence) > 0 {
				seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
				for _, e := range a.Evidence {
					seq.Content = append(seq.Content, str(e))
				}
				add(v, "evidence", seq)
			}
		}
		add(ans, a.Item, v)
	}
	if len(ans.Content) == 0 {
		ans = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"}
	}
	add(root, "answers", ans)

	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}); err != nil {
		return nil, fmt.Errorf("encode answers: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encode answers: %w", err)
	}
	return buf.Bytes(), nil
}

func str(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	return n
}

// Save writes f to path atomically (a temporary file renamed over path), so
// that a crash or kill -9 leaves the previous answers or the new ones, never
// a mix.
func Save(path string, f *File) error {
	b, err := Marshal(f)
	if err != nil {
		return err
	}
	if err := atomicfile.Write(path, b, 0o644); err != nil {
		return fmt.Errorf("save answers: %w", err)
	}
	return nil
}

// Template returns an answers file for cl with every manual item listed and
// unanswered, its question and the scale as comments above it, and the
// automated items commented out as optional overrides.
func Template(cl *checklist.Checklist) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# Answers for %s", oneLine(cl.Title))
	if cl.Version != "" {
		fmt.Fprintf(&b, " (version %s)", oneLine(cl.Version))
	}
	b.WriteString(".\n")
	fmt.Fprintf(&b, "# Answer each item with one of: %s.\n", scaleText(cl.Scale))
	b.WriteString("# Long form: ITEM: {answer: partial, note: why, evidence: [case-1042]}\n")
	b.WriteString("# Score it with: svcaudit run -c CHECKLIST --answers THIS-FILE\n")
	ref := cl.ID
	if ref == "" {
		ref = cl.File
	}
	fmt.Fprintf(&b, "checklist: %s\n", quoteIfNeeded(ref))
	b.WriteString("subject: \"\"\nauditor: \"\"\ndate: \"\"\nanswers:\n")
	for _, s := range cl.Sections {
		fmt.Fprintf(&b, "\n  # == %s ==\n", oneLine(s.Title))
		for _, it := range s.Items {
			id := ItemRef(cl, it)
			b.WriteString("\n")
			if it.Ref != "" {
				fmt.Fprintf(&b, "  # %s %s\n", oneLine(it.Ref), oneLine(it.Question))
			} else {
				fmt.Fprintf(&b, "  # %s\n", oneLine(it.Question))
			}
			if it.When != nil {
				fmt.Fprintf(&b, "  # Follow-up: %s; leave it out otherwise.\n", ConditionText(it.When))
			}
			if it.Critical {
				b.WriteString("  # Critical: a fail caps the grade and fails the audit.\n")
			}
			if it.Automated() {
				b.WriteString("  # Automated: answered by the documents given with --docs.\n")
				b.WriteString("  # Uncomment to override with your own answer.\n")
				fmt.Fprintf(&b, "  # %s:\n", id)
				continue
			}
			fmt.Fprintf(&b, "  %s:\n", id)
		}
	}
	return []byte(b.String())
}

// ConditionText describes a follow-up condition, e.g. "asked only when
// timescales is no or partial".
func ConditionText(c *checklist.Condition) string {
	return fmt.Sprintf("asked only when %s is %s", c.Item, orList(c.Answers))
}

func orList(vs []string) string {
	switch len(vs) {
	case 0:
		return "answered"
	case 1:
		return vs[0]
	}
	return strings.Join(vs[:len(vs)-1], ", ") + " or " + vs[len(vs)-1]
}

func scaleText(s checklist.Scale) string {
	parts := make([]string, len(s.Choices))
	for i, c := range s.Choices {
		parts[i] = c.Value
		if c.Label != "" && !strings.EqualFold(c.Label, c.Value) {
			parts[i] += " (" + oneLine(c.Label) + ")"
		}
	}
	return strings.Join(parts, ", ")
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func quoteIfNeeded(s string) string {
	b, err := yaml.Marshal(s)
	if err != nil {
		return fmt.Sprintf("%q", s)
	}
	return strings.TrimSuffix(string(b), "\n")
}
