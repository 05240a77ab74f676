package lint

import (
	"bufio"
	"fmt"
	"io"
)

// renderText writes a linter's view: for each document, its score per
// checklist and one line per problem, `file:line:col  item  message`; then
// what could not be checked, and a summary line.
func renderText(w io.Writer, rep *Report, opt Options) error {
	bw := bufio.NewWriter(w)
	paint := func(code, s string) string {
		if !opt.Color {
			return s
		}
		return "\x1b[" + code + "m" + s + "\x1b[0m"
	}
	subject := ""
	for _, r := range rep.Results {
		if opt.Quiet && r.Passed {
			continue
		}
		if r.Subject != subject {
			if subject != "" {
				fmt.Fprintln(bw)
			}
			subject = r.Subject
			fmt.Fprintln(bw, paint("1", clean(subject)))
		}
		status := paint("32", "ok")
		if !r.Passed {
			status = paint("31", "FAIL") + " (" + clean(reason(r)) + ")"
		}
		grade := ""
		if r.Grade.Label != "" {
			grade = "  " + clean(r.Grade.Label)
		}
		fmt.Fprintf(bw, "  %s  %s%s  %s\n", clean(r.Checklist.ID), score(r.Score), grade, status)
		for i := range r.Items {
			it := &r.Items[i]
			switch {
			case failing(it):
				for _, f := range problems(r, it) {
					loc := where(f)
					if loc == "" {
						loc = clean(r.Subject)
					}
					fmt.Fprintf(bw, "    %s  %s  %s\n", loc, clean(it.ID), brief(message(f)))
				}
			case it.Waiver != nil:
				fmt.Fprintf(bw, "    waived  %s  %s, until %s: %s\n", clean(it.ID), clean(it.Waiver.Owner), clean(it.Waiver.Expires), clean(it.Waiver.Reason))
			}
		}
		for _, n := range r.Notices {
			fmt.Fprintf(bw, "    notice: %s\n", clean(n))
		}
	}
	if len(rep.Errors) > 0 {
		if subject != "" {
			fmt.Fprintln(bw)
		}
		fmt.Fprintln(bw, paint("1", "could not be checked"))
		for _, e := range rep.Errors {
			fmt.Fprintf(bw, "  %s: %s\n", where(errFinding(e)), clean(e.Message))
		}
	}
	if len(rep.NotChecked) > 0 {
		fmt.Fprintln(bw)
		fmt.Fprintln(bw, paint("1", "not checked (the run was interrupted)"))
		for _, f := range rep.NotChecked {
			fmt.Fprintf(bw, "  %s\n", clean(f))
		}
	}
	if len(rep.Results)+len(rep.Errors)+len(rep.NotChecked) > 0 {
		fmt.Fprintln(bw)
	}
	fmt.Fprintln(bw, Summary(rep))
	return bw.Flush()
}
