//go:build unix

package input

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestFIFONeverBlocks: a named pipe with no writer is refused at once.
func TestFIFONeverBlocks(t *testing.T) {
	p := filepath.Join(t.TempDir(), "answers.yaml")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { _, err := Read(p); done <- err }()
	select {
	case err := <-done:
		var nr *NotRegularError
		if !errors.As(err, &nr) || nr.Kind != "a named pipe" || err.Error() != p+": not a regular file (a named pipe): refusing to read it" {
			t.Fatalf("err = %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Read blocked on a named pipe")
	}
	// opened directly (as after a swap between stat and open), it does
	// not block either
	f, err := os.OpenFile(p, os.O_RDONLY|openFlags, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// TestDeviceRefused: a device node made here (as root) is refused.
func TestDeviceRefused(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mknod needs root")
	}
	p := filepath.Join(t.TempDir(), "zero")
	if err := syscall.Mknod(p, syscall.S_IFCHR|0o666, 1<<8|5); err != nil {
		t.Skip(err)
	}
	_, err := Read(p)
	var nr *NotRegularError
	if !errors.As(err, &nr) || nr.Kind != "a device" {
		t.Fatalf("err = %v", err)
	}
}
