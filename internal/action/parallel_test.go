package action

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
)

// TestUpdateFileParallel: eight runs updating one register at once (as
// parallel CI jobs with --actions do) keep all eight actions; without the
// lock they kept 4-6. Each goroutine works as a process would: its own
// read, its own lock file descriptor, its own atomic write.
func TestUpdateFileParallel(t *testing.T) {
	path := filepath.Join(t.TempDir(), "actions.yaml")
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := UpdateFile(path, res(fmt.Sprintf("Subject %d", i), "kp/a", "fail"), date("2026-08-01")); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	reg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(reg.Actions) != 8 {
		t.Fatalf("register keeps %d actions, want 8", len(reg.Actions))
	}
	if _, err := os.Stat(path + ".lock"); err == nil {
		t.Error("lock file left behind")
	}
}

// TestUpdateFileParallelProcesses: the same with eight processes (this
// test binary, re-run as a helper), so that the lock is the system's.
func TestUpdateFileParallelProcesses(t *testing.T) {
	if s := os.Getenv("ACTION_HELPER_SUBJECT"); s != "" {
		if _, err := UpdateFile(os.Getenv("ACTION_HELPER_FILE"), res(s, "kp/a", "fail"), date("2026-08-01")); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	if testing.Short() {
		t.Skip("starts processes")
	}
	path := filepath.Join(t.TempDir(), "actions.yaml")
	var cmds []*exec.Cmd
	for i := 0; i < 8; i++ {
		c := exec.Command(os.Args[0], "-test.run=^TestUpdateFileParallelProcesses$")
		c.Env = append(os.Environ(), "ACTION_HELPER_SUBJECT=Subject "+strconv.Itoa(i), "ACTION_HELPER_FILE="+path)
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, c)
	}
	for _, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Errorf("helper: %v", err)
		}
	}
	reg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(reg.Actions) != 8 {
		t.Fatalf("register keeps %d actions, want 8", len(reg.Actions))
	}
}
