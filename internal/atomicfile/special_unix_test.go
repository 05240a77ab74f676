//go:build unix

package atomicfile

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestDeviceWrittenInPlace: a character device made here (a copy of
// /dev/null's numbers, 1:3, in a temporary folder; never the machine's own
// /dev files) stays a device after a Write; before, the rename turned it
// into a regular file. Needs root to mknod.
func TestDeviceWrittenInPlace(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mknod needs root")
	}
	dev := filepath.Join(t.TempDir(), "null")
	if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, int(mkdev(1, 3))); err != nil {
		t.Skipf("mknod: %v", err)
	}
	if err := Write(dev, []byte("report text\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Lstat(dev)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode()&os.ModeCharDevice == 0 || fi.Mode()&os.ModeDevice == 0 {
		t.Fatalf("the device became %v", fi.Mode())
	}
	onlyOne(t, filepath.Dir(dev))
}

func mkdev(major, minor uint32) uint64 {
	return uint64(major)<<8 | uint64(minor&0xff) | uint64(minor&^0xff)<<12
}

// TestFIFOWrittenInPlace: a named pipe is written into, not replaced.
func TestFIFOWrittenInPlace(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	got := make(chan []byte, 1)
	go func() {
		b, _ := os.ReadFile(fifo)
		got <- b
	}()
	if err := Write(fifo, []byte("through the pipe"), 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case b := <-got:
		if string(b) != "through the pipe" {
			t.Errorf("reader got %q", b)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the reader got nothing")
	}
	fi, _ := os.Lstat(fifo)
	if fi.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("the pipe became %v", fi.Mode())
	}
	onlyOne(t, filepath.Dir(fifo))
}

// TestSymlinkTargetReplaced: the link stays a link; its target gets the
// new content, atomically (no temporary file left beside either).
func TestSymlinkTargetReplaced(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real", "report.md")
	os.Mkdir(filepath.Dir(real), 0o755)
	if err := os.WriteFile(real, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.md")
	if err := os.Symlink("real/report.md", link); err != nil {
		t.Fatal(err)
	}
	chain := filepath.Join(dir, "chain.md")
	if err := os.Symlink("link.md", chain); err != nil {
		t.Fatal(err)
	}
	if err := Write(chain, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{link, chain} {
		if fi, err := os.Lstat(l); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("%s is no longer a link: %v %v", l, fi.Mode(), err)
		}
	}
	if b, _ := os.ReadFile(real); string(b) != "new" {
		t.Fatalf("target = %q, want new", b)
	}
	onlyOne(t, filepath.Dir(real))

	// a dangling link names the file to create
	dangling := filepath.Join(dir, "dangling.md")
	os.Symlink("real/new.md", dangling)
	if err := Write(dangling, []byte("made"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "real", "new.md")); string(b) != "made" {
		t.Fatalf("dangling link's target = %q", b)
	}
}

// TestStandardStreamWrittenInPlace: the file behind standard output (a
// shell's `> out.txt`, reached by its own name) keeps its inode, so the
// shell's stream is not cut off; /dev/fd/N names are streams.
func TestStandardStreamWrittenInPlace(t *testing.T) {
	p := filepath.Join(t.TempDir(), "out.txt")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	before, _ := f.Stat()
	saved := os.Stdout
	os.Stdout = f
	defer func() { os.Stdout = saved }()
	if err := Write(p, []byte("to stdout"), 0o644); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(p)
	if !os.SameFile(before, after) {
		t.Fatal("the file behind standard output was replaced")
	}
	for _, s := range []string{"/dev/stdout", "/dev/stderr", "/dev/fd/1", "/proc/self/fd/2", "/proc/123/fd/1"} {
		if !IsStream(s) {
			t.Errorf("IsStream(%q) = false", s)
		}
	}
	for _, s := range []string{"/dev/null2", "report.md", "/proc/self/status"} {
		if IsStream(s) {
			t.Errorf("IsStream(%q) = true", s)
		}
	}
}

// TestAbortRemovesTemp: an abandoned output leaves nothing behind.
func TestAbortRemovesTemp(t *testing.T) {
	dir := t.TempDir()
	f, err := Create(filepath.Join(dir, "o.txt"), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("half"))
	f.Abort()
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("left %v", entries)
	}
}

func onlyOne(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("%s holds %v, want one entry (no temporary file left)", dir, names)
	}
}
