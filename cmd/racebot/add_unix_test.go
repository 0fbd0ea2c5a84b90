//go:build unix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestAddSpecialFiles: add reads regular files only. A symlink to a
// device once ran racebot out of memory, and a FIFO hung it past Ctrl-C.
func TestAddSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	files := t.TempDir()
	zero := filepath.Join(files, "zero.html")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Skip(err)
	}
	fifo := filepath.Join(files, "pipe.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	huge := filepath.Join(files, "huge.html")
	if err := os.WriteFile(huge, bytes.Repeat([]byte("<p>GPU export rules.</p>\n"), 300_000), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := racebot(t, "", "add", "--corpus", dir, "--no-index", zero, fifo, huge)
	if code != 1 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	for _, w := range []string{
		"failed " + zero + ": read file " + zero + ": not a regular file but a device",
		"failed " + fifo + ": read file " + fifo + ": not a regular file but a named pipe",
		"failed " + huge + ": the file is 7500000 bytes, over the 5242880-byte limit",
	} {
		if !strings.Contains(errOut, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errOut)
		}
	}
}
