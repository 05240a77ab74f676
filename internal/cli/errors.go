package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/svcaudit/svcaudit/checklist"
	"github.com/svcaudit/svcaudit/internal/diag"
	"github.com/svcaudit/svcaudit/internal/document"
	"github.com/svcaudit/svcaudit/internal/input"
	"github.com/svcaudit/svcaudit/internal/safe"
	"github.com/svcaudit/svcaudit/result"
)

// Exit codes, the contract of DESIGN.md.
const (
	ExitOK     = 0
	ExitFailed = 1 // below the bar, or a critical item failed
	ExitBad    = 2 // bad usage or bad input
	// ExitInterrupted is Ctrl-C's exit code (128 + SIGINT), as a shell
	// reports a program Ctrl-C ended.
	ExitInterrupted = 130
)

// InterruptedError reports that the person at the terminal pressed Ctrl-C
// in a prompt (the terminal is in raw mode then, so no SIGINT arrives).
// Reason says what was kept.
type InterruptedError struct{ Reason string }

func (e *InterruptedError) Error() string { return "interrupted: " + e.Reason }

// FailedError reports that an audit or check ran and fell below the bar. Its
// report has already been printed; the message is a one-line reason.
type FailedError struct{ Reason string }

func (e *FailedError) Error() string { return e.Reason }

// UsageError is bad usage of the command line.
type UsageError struct {
	Msg  string
	Hint string
}

func (e *UsageError) Error() string { return e.Msg }

func usageErrorf(format string, args ...any) *UsageError {
	return &UsageError{Msg: fmt.Sprintf(format, args...)}
}

// hintFor is e's hint in the command line's words: the packages below
// name no command or flag, so a typed cause (a limit, an unknown
// checklist) gets its advice here.
func hintFor(e *diag.Error) string {
	var unknown *checklist.UnknownChecklistError
	if errors.As(e.Err, &unknown) && !strings.HasPrefix(e.Hint, "did you mean") {
		if unknown.Include {
			return "'svcaudit list' shows the built-in checklists; a path must end in .yaml"
		}
		return "'svcaudit list' shows the built-in checklists"
	}
	if e.Hint == "" {
		return limitAdvice(e.Err)
	}
	return e.Hint
}

// limitAdvice says which flag raises the limit a document was refused at
// (a typed error of internal/document), or "".
func limitAdvice(err error) string {
	var tl *document.TooLargeError
	var ul *document.UnzipLimitError
	var to *document.TimeoutError
	var pm *document.MemoryError
	switch {
	case errors.As(err, &tl):
		return "raise it with --max-file-size"
	case errors.As(err, &ul) && ul.Limit > 0:
		return "raise it with --max-unzipped if the document is genuine"
	case errors.As(err, &to):
		return "raise it with --pdf-timeout, or convert the PDF to text first (e.g. pdftotext)"
	case errors.As(err, &pm):
		return "raise it with --pdf-memory if the document is genuine, or convert the PDF to text first (e.g. pdftotext)"
	}
	return ""
}

// adviseLimits adds to the message of each document refused at a limit
// the flag that raises it, as check's every format shows.
func adviseLimits(errs []result.FileError) {
	for i := range errs {
		if a := limitAdvice(errs[i].Err); a != "" {
			errs[i].Message += " (" + a + ")"
		}
	}
}

// exitCode maps an error to the process exit code.
func exitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var failed *FailedError
	if errors.As(err, &failed) {
		return ExitFailed
	}
	var interrupted *InterruptedError
	if errors.As(err, &interrupted) {
		return ExitInterrupted
	}
	return ExitBad
}

// printWarning prints a problem that does not stop the command, as
// "svcaudit: warning: FILE:LINE: ..." with its hint.
func printWarning(w io.Writer, err error) {
	for _, e := range diag.Flatten(err) {
		fmt.Fprintf(w, "svcaudit: warning: %s\n", safe.Line(e.Error()))
		if hint := hintFor(e); hint != "" {
			fmt.Fprintf(w, "svcaudit: hint: %s\n", safe.Line(hint))
		}
	}
}

// printError prints err in svcaudit's one voice: every problem as
// "svcaudit: error: ..." and any hints as "svcaudit: hint: ...".
func printError(w io.Writer, err error) {
	var failed *FailedError
	if errors.As(err, &failed) {
		if failed.Reason != "" {
			fmt.Fprintf(w, "svcaudit: %s\n", safe.Text(failed.Reason))
		}
		return
	}
	var interrupted *InterruptedError
	if errors.As(err, &interrupted) {
		fmt.Fprintf(w, "svcaudit: %s\n", safe.Text(interrupted.Error()))
		return
	}
	var usage *UsageError
	if errors.As(err, &usage) {
		fmt.Fprintf(w, "svcaudit: error: %s\n", safe.Text(usage.Msg))
		if usage.Hint != "" {
			fmt.Fprintf(w, "svcaudit: hint: %s\n", safe.Text(usage.Hint))
		}
		return
	}
	for _, e := range diag.Flatten(err) {
		fmt.Fprintf(w, "svcaudit: error: %s\n", safe.Text(e.Error()))
		if hint := hintFor(e); hint != "" {
			fmt.Fprintf(w, "svcaudit: hint: %s\n", safe.Text(hint))
		}
	}
	var tl *input.TooLargeError
	if errors.As(err, &tl) {
		n := int64(64)
		for n<<20 < tl.Size {
			n *= 2
		}
		fmt.Fprintf(w, "svcaudit: hint: raise the limit with --max-input-size (or SVCAUDIT_MAX_INPUT_SIZE), e.g. --max-input-size %dMiB\n", n)
	}
}
