package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/racebot/racebot/corpus"
	"github.com/racebot/racebot/index"
)

// corpusFS returns the corpus to answer from and a short name for it.
func (c *cli) corpusFS() (fs.FS, string, error) {
	if c.Corpus == "" {
		return corpus.Embedded(), "embedded", nil
	}
	fi, err := os.Stat(c.Corpus)
	if err != nil {
		return nil, "", usageError{fmt.Errorf("corpus folder: %w", err)}
	}
	if !fi.IsDir() {
		return nil, "", usageError{fmt.Errorf("corpus %s is not a folder", c.Corpus)}
	}
	return os.DirFS(c.Corpus), c.Corpus, nil
}

// indexDir returns the index folder: --index, or one per corpus under the
// user's cache directory, so that switching between corpora does not
// rebuild the index each time.
func (c *cli) indexDir() (string, error) {
	if c.Index != "" {
		return c.Index, nil
	}
	base, err := index.DefaultDir()
	if err != nil {
		return "", err
	}
	if c.Corpus == "" {
		return filepath.Join(base, "embedded"), nil
	}
	abs, err := filepath.Abs(c.Corpus)
	if err != nil {
		return "", fmt.Errorf("corpus folder: %w", err)
	}
	h := sha256.Sum256([]byte(abs))
	return filepath.Join(base, filepath.Base(abs)+"-"+hex.EncodeToString(h[:4])), nil
}

// openIndex opens the index and brings it up to date with the corpus, so
// that no command needs a separate set-up step. When another racebot
// process holds the index folder (a running server, say), commands that
// only answer use a private in-memory index instead of failing; racebot
// index, whose job is the folder, says who holds it (exclusive).
func (c *cli) openIndex(e *env, opts index.Options, exclusive bool) (*index.Index, index.Report, error) {
	fsys, _, err := c.corpusFS()
	if err != nil {
		return nil, index.Report{}, err
	}
	dir, err := c.indexDir()
	if err != nil {
		return nil, index.Report{}, err
	}
	opts.Logger = e.log
	if !exclusive {
		// A command that only answers does not wait for a running
		// server to let go of the folder: it answers at once from its
		// own copy (below).
		opts.LockWait = -1
	}
	idx, err := index.Open(e.ctx, dir, opts)
	if errors.Is(err, index.ErrLocked) && exclusive {
		return nil, index.Report{}, fmt.Errorf("index folder %s is in use by another racebot process (racebot serve, or another racebot index); "+
			"stop it or let it finish, then run racebot index again: %w", dir, err)
	}
	if errors.Is(err, index.ErrLocked) {
		// Not a warning: the answer is the same, as the README says.
		e.log.Info("index folder is in use by another racebot process; answering from a temporary in-memory index", "dir", dir, "err", err)
		idx, err = index.Open(e.ctx, "", opts)
	}
	if err != nil {
		return nil, index.Report{}, err
	}
	rep, err := idx.Sync(e.ctx, fsys)
	if err != nil && !exclusive && e.ctx.Err() == nil && idx.Fault() == nil && idx.Stats().Articles > 0 {
		// A full disk, a read-only folder: the index as last built still
		// answers, which is what a command that only answers needs.
		e.log.Warn("index not updated; answering from the index as it was last built", "dir", dir, "err", err)
		return idx, rep, nil
	}
	if err != nil {
		idx.Close()
		return nil, rep, fmt.Errorf("update index: %w", err)
	}
	if !exclusive {
		// Each once, when found: a file that stays broken is not
		// reported again by every later question. racebot index, whose
		// job is the folder, lists them all.
		reportProblems(e, rep.Found)
	}
	return idx, rep, nil
}

func reportProblems(e *env, problems []error) {
	for _, p := range problems {
		fmt.Fprintf(e.stderr, "racebot: skipped %v\n", p)
	}
}
