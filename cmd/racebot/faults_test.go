package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/racebot/racebot/corpus/corpustest"
)

// These tests run racebot as a process and break things under it: kill it
// while it rebuilds, corrupt its index, run two builds at once. After each,
// racebot must still answer from the corpus, and say what happened.

const gpuQuestion = "How many GPUs does DeepSeek have?"

// faultCorpus writes the starter articles and a generated corpus of about
// passages passages into a folder, so that a rebuild takes long enough to
// be interrupted.
func faultCorpus(t *testing.T, passages int) string {
	t.Helper()
	dir := t.TempDir()
	if err := corpustest.WriteLarge(dir, passages, 1); err != nil {
		t.Fatal(err)
	}
	for name, f := range corpustest.Starter("starter") {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// procTimeout bounds one racebot run, so that a racebot that hangs (as it
// once did on a full disk) fails its test, saying where, instead of the
// whole test binary timing out.
const procTimeout = 3 * time.Minute

// racebotProc runs the racebot binary to completion and returns its exit
// status, standard output and standard error.
func racebotProc(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), procTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(t), args...)
	cmd.Env = []string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH")}
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case ctx.Err() != nil:
		t.Fatalf("racebot %s: still running after %v; killed\n%s%s", strings.Join(args, " "), procTimeout, out.String(), errOut.String())
	case errors.As(err, &exit):
		return exit.ExitCode(), out.String(), errOut.String()
	case err != nil:
		t.Fatal(err)
	}
	return 0, out.String(), errOut.String()
}

// answersFrom checks that racebot answers the GPU question from the index
// in dir, and returns its log.
func answersFrom(t *testing.T, corpusDir, indexDir string) string {
	t.Helper()
	code, out, errOut := racebotProc(t, "--corpus", corpusDir, "--index", indexDir, "--log-level", "info", "ask", "--json", gpuQuestion)
	if code != 0 {
		t.Fatalf("ask: exit %d\n%s", code, errOut)
	}
	var a struct {
		Answered bool `json:"answered"`
	}
	if err := json.Unmarshal([]byte(out), &a); err != nil || !a.Answered || !strings.Contains(out, "50,000") {
		t.Fatalf("ask did not answer with the GPU figure (%v):\n%s\n%s", err, out, errOut)
	}
	return errOut
}

func TestKillDuringRebuild(t *testing.T) {
	corpusDir := faultCorpus(t, 10_000)
	indexDir := filepath.Join(t.TempDir(), "index")
	if code, _, errOut := racebotProc(t, "--corpus", corpusDir, "--index", indexDir, "index"); code != 0 {
		t.Fatalf("first build: exit %d\n%s", code, errOut)
	}
	start := time.Now()
	if code, _, errOut := racebotProc(t, "--corpus", corpusDir, "--index", indexDir, "index", "--rebuild"); code != 0 {
		t.Fatalf("first rebuild: exit %d\n%s", code, errOut)
	}
	build := time.Since(start)

	rng := rand.New(rand.NewPCG(1, 2))
	const kills = 20
	interrupted := 0
	for i := range kills {
		cmd := exec.Command(binary(t), "--corpus", corpusDir, "--index", indexDir, "index", "--rebuild")
		cmd.Env = []string{"HOME=" + t.TempDir()}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Anywhere from start-up to near the end of the rebuild.
		time.Sleep(time.Duration(rng.Int64N(int64(build * 9 / 10))))
		_ = cmd.Process.Kill()
		if err := cmd.Wait(); err != nil {
			interrupted++ // killed before it finished
		}

		log := answersFrom(t, corpusDir, indexDir)
		if strings.Contains(log, "rebuilt") || strings.Contains(log, "no index yet") {
			t.Fatalf("kill %d: the previous index was not kept:\n%s", i+1, log)
		}
	}

	if interrupted < kills/2 {
		t.Errorf("only %d of %d rebuilds were killed before they finished", interrupted, kills)
	}
	t.Logf("%d of %d rebuilds killed mid-way (a rebuild takes %v)", interrupted, kills, build.Round(time.Millisecond))

	code, out, errOut := racebotProc(t, "--corpus", corpusDir, "--index", indexDir, "index", "--rebuild")
	if code != 0 || !strings.Contains(out, "Built the index") {
		t.Fatalf("rebuild after %d kills: exit %d\n%s%s", kills, code, out, errOut)
	}
	gens, _ := filepath.Glob(filepath.Join(indexDir, "gen-*"))
	if len(gens) != 1 {
		t.Errorf("%d index generations left after a clean rebuild, want 1: %v", len(gens), gens)
	}
	answersFrom(t, corpusDir, indexDir)
}

func TestCorruptIndexIsRebuilt(t *testing.T) {
	corpusDir := faultCorpus(t, 500)
	for _, tc := range []struct {
		name    string
		corrupt func(t *testing.T, indexDir string)
		// unnoticed: the damage may miss whatever the question reads,
		// and the index keep answering without a rebuild.
		unnoticed bool
	}{
		{"truncated segment", func(t *testing.T, dir string) {
			segs, _ := filepath.Glob(filepath.Join(dir, "gen-*", "store", "*.zap"))
			if len(segs) == 0 {
				t.Fatal("no segment files to truncate")
			}
			for _, s := range segs {
				if err := os.Truncate(s, 100); err != nil {
					t.Fatal(err)
				}
			}
		}, false},
		// Corruption Bleve does not report but panics on, in
		// bleve.OpenUsing or in the first search.
		{"bytes overwritten near a segment's end", func(t *testing.T, dir string) {
			seg := largest(t, filepath.Join(dir, "gen-*", "store", "*.zap"))
			overwrite(t, seg, -20, []byte{0xff, 0xff, 0xff, 0xff})
		}, false},
		{"random bytes flipped in a segment", func(t *testing.T, dir string) {
			seg := largest(t, filepath.Join(dir, "gen-*", "store", "*.zap"))
			fi, err := os.Stat(seg)
			if err != nil {
				t.Fatal(err)
			}
			r := rand.New(rand.NewPCG(1, 2))
			for range 50 {
				overwrite(t, seg, r.Int64N(fi.Size()), []byte{byte(r.IntN(256))})
			}
		}, true},
		{"truncated root.bolt", func(t *testing.T, dir string) {
			bolts, _ := filepath.Glob(filepath.Join(dir, "gen-*", "store", "root.bolt"))
			if len(bolts) == 0 {
				t.Fatal("no root.bolt")
			}
			if err := os.Truncate(bolts[0], 8192); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"deleted CURRENT", func(t *testing.T, dir string) {
			if err := os.Remove(filepath.Join(dir, "CURRENT")); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"garbage CURRENT", func(t *testing.T, dir string) {
			if err := os.WriteFile(filepath.Join(dir, "CURRENT"), []byte("../../etc\x00"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"deleted index metadata", func(t *testing.T, dir string) {
			metas, _ := filepath.Glob(filepath.Join(dir, "gen-*", "index_meta.json"))
			for _, m := range metas {
				if err := os.Remove(m); err != nil {
					t.Fatal(err)
				}
			}
		}, false},
		{"deleted generation", func(t *testing.T, dir string) {
			gens, _ := filepath.Glob(filepath.Join(dir, "gen-*"))
			for _, g := range gens {
				if err := os.RemoveAll(g); err != nil {
					t.Fatal(err)
				}
			}
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			indexDir := filepath.Join(t.TempDir(), "index")
			if code, _, errOut := racebotProc(t, "--corpus", corpusDir, "--index", indexDir, "index"); code != 0 {
				t.Fatalf("build: exit %d\n%s", code, errOut)
			}
			tc.corrupt(t, indexDir)
			log := answersFrom(t, corpusDir, indexDir)
			if !tc.unnoticed && !strings.Contains(log, "rebuilt") && !strings.Contains(log, "no index yet") {
				t.Errorf("no log line says the index is rebuilt:\n%s", log)
			}
			// And the rebuilt index is kept: the next run does not rebuild.
			if log := answersFrom(t, corpusDir, indexDir); strings.Contains(log, "rebuilt") {
				t.Errorf("rebuilt again on the next run:\n%s", log)
			}
		})
	}
}

// largest returns the largest file matching pattern.
func largest(t *testing.T, pattern string) string {
	t.Helper()
	files, _ := filepath.Glob(pattern)
	var best string
	var size int64 = -1
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil && fi.Size() > size {
			best, size = f, fi.Size()
		}
	}
	if best == "" {
		t.Fatalf("no file matches %s", pattern)
	}
	return best
}

// overwrite writes b into the file at off, counted from its end when
// negative.
func overwrite(t *testing.T, path string, off int64, b []byte) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if off < 0 {
		fi, err := f.Stat()
		if err != nil {
			t.Fatal(err)
		}
		off += fi.Size()
	}
	if _, err := f.WriteAt(b, off); err != nil {
		t.Fatal(err)
	}
}

func TestTwoBuildsAtOnce(t *testing.T) {
	corpusDir := faultCorpus(t, 10_000)
	indexDir := filepath.Join(t.TempDir(), "index")
	first := exec.Command(binary(t), "--corpus", corpusDir, "--index", indexDir, "index")
	first.Env = []string{"HOME=" + t.TempDir()}
	var firstOut bytes.Buffer
	first.Stdout, first.Stderr = &firstOut, &firstOut
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until the first holds the folder.
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := os.Stat(filepath.Join(indexDir, "racebot.lock")); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the first build never took the index folder")
		}
		time.Sleep(10 * time.Millisecond)
	}
	code, out, errOut := racebotProc(t, "--corpus", corpusDir, "--index", indexDir, "index")
	firstErr := first.Wait()
	switch {
	case code == 0 && strings.Contains(out, "up to date"):
		// The second waited for the first and found its work done.
	case code != 0 && strings.Contains(errOut, "in use by another racebot process"):
		// The second refused, saying why.
	default:
		t.Errorf("second build at once: exit %d, neither waited nor refused clearly:\n%s%s", code, out, errOut)
	}
	if firstErr != nil {
		t.Fatalf("first build: %v\n%s", firstErr, firstOut.String())
	}
	answersFrom(t, corpusDir, indexDir)
}

func TestDiskFull(t *testing.T) {
	binary(t) // skips in -short mode before anything is mounted
	// The first index, of about 4 MB.
	small := faultCorpus(t, 2_000)
	for _, tc := range []struct {
		name   string
		corpus string   // the corpus of the run that fills the disk
		args   []string // its command
		// free is how many bytes are left free for it on the 8 MB file
		// system; 0 leaves all there are, about 4 MB.
		free    int64
		doing   string // what its error says racebot was doing
		inPlace bool   // it writes into the current generation, not a new one
	}{
		// Most of the corpus is new, so racebot builds a new generation
		// beside the old one, about five times its size.
		{"corpus grown", faultCorpus(t, 12_000), []string{"index"}, 0, "update index: write new index", false},
		// A rebuild needs room for a second copy of the index. It fails
		// creating the new generation or writing it, depending on how
		// far a merge of the old one got first.
		{"rebuild", small, []string{"index", "--rebuild"}, 1 << 20, "rebuild index: ", false},
		// A few new articles are written into the current generation.
		{"articles added", faultCorpus(t, 2_400), []string{"index"}, 256 << 10, "update index: write index batch", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mnt := smallFS(t, "8m")
			indexDir := filepath.Join(mnt, "index")
			index := func(corpus string, args ...string) (int, string, string) {
				t.Helper()
				return racebotProc(t, append([]string{"--corpus", corpus, "--index", indexDir}, args...)...)
			}
			if code, _, errOut := index(small, "index"); code != 0 {
				t.Fatalf("first build: exit %d\n%s", code, errOut)
			}
			var ballast string
			if tc.free > 0 {
				ballast = fill(t, mnt, tc.free)
			}
			current := readCurrent(t, indexDir)
			before := usage(t, indexDir)

			code, out, errOut := index(tc.corpus, tc.args...)
			msg, hint, _ := strings.Cut(strings.TrimSuffix(errOut, "\n"), "\n")
			t.Logf("racebot %s on a full disk: exit %d: %s", strings.Join(tc.args, " "), code, msg)
			if code == 0 || strings.Contains(out, "Built") || strings.Contains(out, "Updated") {
				t.Errorf("exit %d on a full disk:\n%s%s", code, out, errOut)
			}
			// One error, then one line saying what it means for the user.
			if strings.Contains(hint, "\n") || !strings.Contains(hint, "disk is full") || !strings.Contains(hint, "intact and still answers") ||
				strings.Contains(errOut, "panic") || strings.Contains(errOut, "goroutine ") {
				t.Errorf("standard error is not one message and the disk-full hint:\n%s", errOut)
			}
			if what, ok := strings.CutPrefix(msg, "racebot: "); !ok || what == "" || what[0] < 'a' || what[0] > 'z' {
				t.Errorf("standard error is not a lower-case racebot error:\n%s", errOut)
			}
			want := []string{tc.doing, "no space left on device", filepath.Join(indexDir, current) + string(filepath.Separator)}
			if !tc.inPlace {
				want[2] = filepath.Join(indexDir, "gen-") // the new generation, gen-….tmp
				want = append(want, ".tmp")
			}
			for _, w := range want {
				if !strings.Contains(msg, w) {
					t.Errorf("error does not say %q:\n%s", w, errOut)
				}
			}

			// The old index is kept, as it was, and serves; what the run
			// wrote is gone.
			if got := readCurrent(t, indexDir); got != current {
				t.Errorf("CURRENT is %s after the failed run, want %s", got, current)
			}
			if gens, _ := filepath.Glob(filepath.Join(indexDir, "gen-*")); len(gens) != 1 {
				t.Errorf("index generations after the failed run: %v, want only %s", gens, current)
			}
			// A new generation's files are in its own folder, checked
			// above. A partial segment of an update would be among the
			// current generation's and take all the room there was: no
			// segment may be new or larger. With that little room, Bleve
			// cannot have merged the old segments either (it starts to
			// when an index is opened, and a merge leaves the merged-away
			// files until the next open). Bleve's root.bolt takes a few
			// pages more when the generation is reopened (up to 96 KB
			// seen): the folder as a whole may take at most half the room
			// that was free, so that the disk is not left full.
			if tc.inPlace {
				after := usage(t, indexDir)
				segs := func(m map[string]int64) map[string]int64 {
					out := make(map[string]int64)
					for path, n := range m {
						if strings.HasSuffix(path, ".zap") {
							out[path] = n
						}
					}
					return out
				}
				if files, _ := grown(segs(before), segs(after)); files != "" {
					t.Errorf("segments written by the failed run are left:\n%s", files)
				}
				if files, more := grown(before, after); more > tc.free/2 {
					t.Errorf("the index folder takes %d bytes more after the failed run, of %d that were free:\n%s", more, tc.free, files)
				}
			}
			if log := answersFrom(t, small, indexDir); strings.Contains(log, "rebuilt") || strings.Contains(log, "no index yet") {
				t.Errorf("the old index was not kept:\n%s", log)
			}
			// Asked with the disk still full and the corpus changed,
			// racebot answers from the old index and says it is not
			// updated.
			if tc.corpus != small {
				code, out, errOut := racebotProc(t, "--corpus", tc.corpus, "--index", indexDir, "ask", "--json", gpuQuestion)
				if code != 0 || !strings.Contains(out, "50,000") || !strings.Contains(errOut, "not updated") {
					t.Errorf("ask on a full disk with the corpus changed: exit %d\n%s%s", code, out, errOut)
				}
				if got := readCurrent(t, indexDir); got != current {
					t.Errorf("CURRENT is %s after ask on a full disk, want %s", got, current)
				}
			}

			// With room, the same command completes, and its work is kept.
			if ballast != "" {
				if err := os.Remove(ballast); err != nil {
					t.Fatal(err)
				}
			}
			command(t, "mount", "-o", "remount,size=64m", mnt)
			if code, out, errOut := index(tc.corpus, tc.args...); code != 0 {
				t.Fatalf("with room again: exit %d\n%s%s", code, out, errOut)
			}
			if code, out, errOut := index(tc.corpus, "index"); code != 0 || !strings.Contains(out, "up to date") {
				t.Errorf("the run after: exit %d, want the index up to date\n%s%s", code, out, errOut)
			}
			if gens, _ := filepath.Glob(filepath.Join(indexDir, "gen-*")); len(gens) != 1 {
				t.Errorf("index generations: %v, want one", gens)
			}
			answersFrom(t, tc.corpus, indexDir)
		})
	}
}

// smallFS mounts a tmpfs of the given size (as mount's size option takes
// it) for the test, and skips the test where it cannot. Only a real file
// system fills up as a disk does, failing the writes Bleve makes from its
// own goroutines; and the racebot under test is a process of its own, out
// of reach of an error injected into the index package.
func smallFS(t *testing.T, size string) string {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("needs a tmpfs, which this test mounts on Linux only")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "racebot-test", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small file system (needs root or CAP_SYS_ADMIN): %v: %s", err, bytes.TrimSpace(out))
	}
	// Registered after TempDir's clean-up, so it runs before it.
	t.Cleanup(func() { command(t, "umount", dir) })
	return dir
}

// command runs a command that must succeed.
func command(t *testing.T, name string, args ...string) {
	t.Helper()
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v: %s", name, strings.Join(args, " "), err, bytes.TrimSpace(out))
	}
}

// fill writes a file into dir until its file system is full, then
// shrinks it to leave about free bytes, and returns its path.
func fill(t *testing.T, dir string, free int64) string {
	t.Helper()
	path := filepath.Join(dir, "ballast")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 64<<10)
	var size int64
	for {
		n, err := f.Write(buf)
		size += int64(n)
		if errors.Is(err, syscall.ENOSPC) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Truncate(max(0, size-free)); err != nil {
		t.Fatal(err)
	}
	return path
}

// readCurrent returns the generation CURRENT in an index folder names.
func readCurrent(t *testing.T, indexDir string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(indexDir, "CURRENT"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(data))
}

// usage returns the size of the files under dir.
// usage returns the room the files under dir take on disk, by file:
// blocks allocated, not the sizes files claim. Bolt extends its file
// beyond what it has written (a sparse extension, twice its size at a
// time), which takes no room; a partial segment does.
func usage(t *testing.T, dir string) map[string]int64 {
	t.Helper()
	files := make(map[string]int64)
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		n := fi.Size()
		if st, ok := fi.Sys().(*syscall.Stat_t); ok {
			n = st.Blocks * 512
		}
		files[path] = n
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// grown lists the files that take more room in after than in before, and
// returns how much more all of them take.
func grown(before, after map[string]int64) (string, int64) {
	var total, b int64
	var list []string
	for path, n := range after {
		total += n
		if n > before[path] {
			list = append(list, fmt.Sprintf("%s %d → %d bytes", path, before[path], n))
		}
	}
	for _, n := range before {
		b += n
	}
	slices.Sort(list)
	return strings.Join(list, "\n"), total - b
}

// TestReadOnlyIndex: an index folder racebot cannot write (a container
// started --read-only) still answers, says it cannot be updated when the
// corpus has changed, and one holding no index is built in memory.
func TestReadOnlyIndex(t *testing.T) {
	binary(t)
	small := faultCorpus(t, 200)
	grown := faultCorpus(t, 220)
	mnt := smallFS(t, "16m")
	indexDir := filepath.Join(mnt, "index")
	empty := filepath.Join(mnt, "empty")
	if code, _, errOut := racebotProc(t, "--corpus", small, "--index", indexDir, "index"); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, errOut)
	}
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	command(t, "mount", "-o", "remount,ro", mnt)
	t.Cleanup(func() { command(t, "mount", "-o", "remount,rw", mnt) })

	tests := []struct {
		name, corpus, index string
		stderr              string // what standard error must say
	}{
		{"unchanged corpus", small, indexDir, ""},
		{"changed corpus", grown, indexDir, "read-only"},
		{"no index in the folder", small, empty, "in memory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := racebotProc(t, "--corpus", tt.corpus, "--index", tt.index, "--log-level", "info", "ask", "--json", gpuQuestion)
			if code != 0 || !strings.Contains(out, "50,000") {
				t.Fatalf("ask: exit %d\n%s%s", code, out, errOut)
			}
			if !strings.Contains(errOut, tt.stderr) || strings.Contains(errOut, "panic") {
				t.Errorf("standard error does not say %q:\n%s", tt.stderr, errOut)
			}
		})
	}
	// racebot index, whose job is the folder, fails and says why.
	code, _, errOut := racebotProc(t, "--corpus", grown, "--index", indexDir, "index")
	if code == 0 || !strings.Contains(errOut, "read-only") {
		t.Errorf("index on a read-only folder with the corpus changed: exit %d\n%s", code, errOut)
	}
}

// TestServeDiskFull: racebot serve, watching its corpus folder, keeps
// answering when an update fails on a full disk, retries without
// crashing, says so in its metrics, and updates once there is room.
func TestServeDiskFull(t *testing.T) {
	binary(t)
	corpusDir := faultCorpus(t, 2_000)
	mnt := smallFS(t, "8m")
	indexDir := filepath.Join(mnt, "index")
	if code, _, errOut := racebotProc(t, "--corpus", corpusDir, "--index", indexDir, "index"); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, errOut)
	}
	ballast := fill(t, mnt, 0)
	// serve starts on the full disk: the index is intact.
	s := startServeWith(t, []string{"--corpus", corpusDir, "--index", indexDir})
	addArticles(t, corpusDir, "full", 10)

	waitLog(t, s, "no space left on device", time.Minute)
	time.Sleep(8 * time.Second) // two or three retries, each of which once panicked
	select {
	case err := <-s.done:
		t.Fatalf("racebot serve exited on a full disk: %v\n%s", err, s.log.String())
	default:
	}
	if code, body := get(t, s.base+"/readyz"); code != 200 {
		t.Errorf("/readyz on a full disk: %d %s", code, body)
	}
	if code, body := get(t, s.base+"/api/ask?q="+url.QueryEscape(gpuQuestion)); code != 200 || !strings.Contains(body, "50,000") {
		t.Errorf("/api/ask on a full disk: %d %s", code, body)
	}
	if _, body := get(t, s.base+"/metrics"); !strings.Contains(body, "racebot_corpus_update_failing 1") {
		t.Errorf("metrics do not say updates are failing:\n%s", grepLines(body, "racebot_corpus"))
	}

	// With room again, the next retry (or the next change) updates it.
	if err := os.Remove(ballast); err != nil {
		t.Fatal(err)
	}
	command(t, "mount", "-o", "remount,size=64m", mnt)
	addArticles(t, corpusDir, "room", 1)
	waitLog(t, s, `msg="corpus updated"`, 2*time.Minute)
	if _, body := get(t, s.base+"/metrics"); !strings.Contains(body, "racebot_corpus_update_failing 0") {
		t.Errorf("metrics still say updates are failing:\n%s", grepLines(body, "racebot_corpus"))
	}
	if code := s.stop(t); code != 0 {
		t.Errorf("exit %d after SIGTERM", code)
	}
}

// addArticles writes n new articles into the corpus folder dir, copies of
// a starter article under new ids.
func addArticles(t *testing.T, dir, prefix string, n int) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "starter", "stargate-announcement.md"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		id := fmt.Sprintf("%s-%d", prefix, i)
		text := strings.Replace(string(data), "id: stargate-announcement", "id: "+id, 1)
		if err := os.WriteFile(filepath.Join(dir, id+".md"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// waitLog waits until racebot serve's log holds want.
func waitLog(t *testing.T, s *served, want string, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !strings.Contains(s.log.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("racebot serve did not log %q within %v:\n%s", want, within, s.log.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// grepLines returns the lines of text that hold s.
func grepLines(text, s string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, s) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
