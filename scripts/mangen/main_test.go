package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestManPages(t *testing.T) {
	dir := t.TempDir()
	if err := write(dir); err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"svcaudit.1", "svcaudit-check.1", "svcaudit-report.1", "svcaudit-run.1", "svcaudit-init-config.1"} {
		b, err := os.ReadFile(filepath.Join(dir, page))
		if err != nil {
			t.Errorf("no %s: %v", page, err)
			continue
		}
		if !strings.Contains(string(b), ".TH \"SVCAUDIT\"") || !strings.Contains(string(b), ".SH EXAMPLE") {
			t.Errorf("%s lacks the title or the examples:\n%.300s", page, b)
		}
	}
}
