package svcaudit

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// flagWords are the words of a command line: a flag ("--docs") or a
// command ("'svcaudit list'").
var flagWords = regexp.MustCompile(`(^|[\s('"` + "`" + `])--[a-z][a-z-]+|svcaudit (list|run|check|show|report|explain|validate|init|schema|actions)\b`)

// TestNoFlagWordsInPublicPackages checks that the public packages say
// nothing of flags or commands in their strings: they type their errors
// and notices, and internal/cli words the advice.
func TestNoFlagWordsInPublicPackages(t *testing.T) {
	for _, dir := range []string{".", "checklist", "result", "report", "report/stream"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range files {
			if strings.HasSuffix(file, "_test.go") {
				continue
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, file, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING && flagWords.MatchString(lit.Value) {
					t.Errorf("%s: %s", fset.Position(lit.Pos()), lit.Value)
				}
				return true
			})
		}
	}
}
