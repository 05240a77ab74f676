package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/svcaudit/svcaudit/internal/race"
)

// fixtureDir holds the document fixtures the scripts may copy with the
// fixture command (binary files a txtar archive cannot carry).
var fixtureDir, _ = filepath.Abs("../../internal/document/testdata")

// scriptCmds are the commands the bad-input scripts add to testscript's own:
//
//	gen KIND FILE [N]   write a generated bad input (see genKinds)
//	fixture NAME [DST]  copy internal/document/testdata/NAME into the work dir
//	mkloop DIR          make DIR holding symbolic links that loop
//	mkfifo FILE         make a named pipe (unix only: gen_unix_test.go)
//	unzip ZIP MEMBER    extract one member of a zip (a DOCX or XLSX part)
//	                    to the same path under the work dir
var scriptCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	"gen":     cmdGen,
	"fixture": cmdFixture,
	"mkloop":  cmdMkloop,
	"unzip":   cmdUnzip,
}

func cmdUnzip(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: unzip ZIP MEMBER")
	}
	zr, err := zip.OpenReader(ts.MkAbs(args[0]))
	if err != nil {
		ts.Fatalf("unzip: %v", err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name != args[1] {
			continue
		}
		rc, err := f.Open()
		ts.Check(err)
		var b bytes.Buffer
		_, err = b.ReadFrom(rc)
		rc.Close()
		ts.Check(err)
		dst := ts.MkAbs(args[1])
		ts.Check(os.MkdirAll(filepath.Dir(dst), 0o755))
		ts.Check(os.WriteFile(dst, b.Bytes(), 0o644))
		if neg {
			ts.Fatalf("unzip: %s holds %s", args[0], args[1])
		}
		return
	}
	if !neg {
		ts.Fatalf("unzip: %s holds no %s", args[0], args[1])
	}
}

// scriptCondition adds [root] (running as root, where chmod 000 does not
// stop a read).
func scriptCondition(cond string) (bool, error) {
	switch cond {
	case "root":
		return os.Geteuid() == 0, nil
	case "race":
		// The binary the scripts run is this test binary: under -race,
		// a scale check that is not about concurrency may step aside.
		return race.Enabled, nil
	}
	return false, fmt.Errorf("unknown condition %q", cond)
}

// genKinds make the generated inputs, from the optional count n.
var genKinds = map[string]func(n int) []byte{
	// binary: bytes no text file holds (NUL, control bytes, invalid UTF-8).
	"binary": func(int) []byte {
		b := make([]byte, 4096)
		for i := range b {
			b[i] = byte(i * 7)
		}
		return b
	},
	// latin1: a checklist in ISO-8859-1 (é as the single byte 0xE9) on line 2.
	"latin1": func(int) []byte {
		return []byte("id: x\ntitle: Caf\xe9\nitems:\n  - id: a\n    question: A?\n")
	},
	// utf16: a valid checklist saved as UTF-16LE with a byte-order mark.
	"utf16": func(int) []byte {
		u := utf16.Encode([]rune("id: x\ntitle: X\nitems:\n  - id: a\n    question: A?\n"))
		b := []byte{0xff, 0xfe}
		for _, c := range u {
			b = append(b, byte(c), byte(c>>8))
		}
		return b
	},
	// deep: a checklist whose items are n nested flow sequences.
	"deep": func(n int) []byte {
		return []byte("id: x\ntitle: X\nitems: " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n")
	},
	// deepblock: n nested block mappings, one more indented per line.
	"deepblock": func(n int) []byte {
		var b bytes.Buffer
		b.WriteString("id: x\ntitle: X\nitems:\n")
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&b, "%sa%d:\n", strings.Repeat(" ", i), i)
		}
		return b.Bytes()
	},
	// aliases: a checklist of n sections, each the same aliased list of
	// items, so that a small file holds n times more items than it shows.
	"aliases": func(n int) []byte {
		var b bytes.Buffer
		b.WriteString("id: lol\ntitle: Laughs\na: &i [")
		for i := 0; i < 30; i++ {
			fmt.Fprintf(&b, "{id: q%d, question: Q%d}, ", i, i)
		}
		b.WriteString("]\nsections:\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "  - {id: s%d, items: *i}\n", i)
		}
		return b.Bytes()
	},
	// hostile: a Markdown policy whose heading and text carry ANSI colour,
	// an OSC title, an OSC 8 link, a bidi override, BEL and CR (a NUL would make it binary).
	"hostile": func(int) []byte {
		return []byte("# Policy \x1b[31mred\x1b]0;pwned\x07\n\nWe will reply \u202e as soon as possible \x1b]8;;http://x\x07link\x1b]8;;\x07 \x1b[31mred.\r\nThe end.\n")
	},
	// items: a valid checklist of n items.
	"items": func(n int) []byte {
		var b bytes.Buffer
		b.WriteString("id: big\ntitle: Big\nitems:\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "  - id: item-%d\n    question: Question %d?\n", i, i)
		}
		return b.Bytes()
	},
	// prose: a Markdown policy of about n bytes, a sentence repeated: a
	// document that takes a while to judge.
	"prose": func(n int) []byte {
		const s = "We will reply to your complaint within 10 working days and tell you who is dealing with it. "
		return []byte("# Complaints\n\n" + strings.Repeat(s, max(1, n/len(s))) + "\n")
	},
	// bigline: an HTML page of n bytes on one line.
	"bigline": func(n int) []byte {
		const head, tail = "<html><body><p>", "</p></body></html>"
		return []byte(head + strings.Repeat("word ", max(0, n-len(head)-len(tail))/5) + tail)
	},
	// zipbomb: a DOCX whose document.xml inflates to n MiB of spaces. One
	// MiB is deflated once and its blocks repeated n times (each copy
	// refers only to itself, so the stream is valid), rather than 200 MiB
	// deflated under the race detector.
	"zipbomb": func(n int) []byte {
		chunk := bytes.Repeat([]byte(" "), 1<<20)
		var one bytes.Buffer
		fw, _ := flate.NewWriter(&one, flate.BestCompression)
		fw.Write(chunk)
		fw.Flush() // ends on a byte boundary, the stream left open
		var end bytes.Buffer
		fe, _ := flate.NewWriter(&end, flate.BestCompression)
		fe.Close() // an empty final block
		raw := append(bytes.Repeat(one.Bytes(), n), end.Bytes()...)
		crc := crc32.NewIEEE()
		for i := 0; i < n; i++ {
			crc.Write(chunk)
		}
		var b bytes.Buffer
		z := zip.NewWriter(&b)
		w, _ := z.Create("[Content_Types].xml")
		w.Write([]byte(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`))
		w, _ = z.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate, CRC32: crc.Sum32(),
			CompressedSize64: uint64(len(raw)), UncompressedSize64: uint64(n) << 20})
		w.Write(raw)
		z.Close()
		return b.Bytes()
	},
}

func cmdGen(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 || len(args) > 3 {
		ts.Fatalf("usage: gen KIND FILE [N]")
	}
	kind, ok := genKinds[args[0]]
	if !ok {
		ts.Fatalf("gen: unknown kind %q", args[0])
	}
	n := 0
	if len(args) == 3 {
		var err error
		n, err = strconv.Atoi(args[2])
		ts.Check(err)
	}
	path := ts.MkAbs(args[1])
	ts.Check(os.MkdirAll(filepath.Dir(path), 0o755))
	ts.Check(os.WriteFile(path, kind(n), 0o644))
}

func cmdFixture(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 || len(args) > 2 {
		ts.Fatalf("usage: fixture NAME [DST]")
	}
	data, err := os.ReadFile(filepath.Join(fixtureDir, args[0]))
	ts.Check(err)
	dst := args[0]
	if len(args) == 2 {
		dst = args[1]
	}
	ts.Check(os.WriteFile(ts.MkAbs(dst), data, 0o644))
}

func cmdMkloop(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: mkloop DIR")
	}
	dir := ts.MkAbs(args[0])
	ts.Check(os.MkdirAll(filepath.Join(dir, "sub"), 0o755))
	ts.Check(os.Symlink("..", filepath.Join(dir, "sub", "up")))
	ts.Check(os.Symlink("self", filepath.Join(dir, "self")))
}
