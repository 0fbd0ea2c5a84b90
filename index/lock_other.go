//go:build !unix

package index

import (
	"context"
	"time"
)

// dirLock is a no-op where flock is unavailable; Bleve's own file lock still
// keeps two writers apart, with a less helpful error.
type dirLock struct{}

func lockDir(ctx context.Context, path string, wait time.Duration) (*dirLock, error) {
	return &dirLock{}, nil
}

func (l *dirLock) release() error { return nil }

// isReadOnlyFS reports whether err says the file system is mounted
// read-only; where that cannot be told, permission errors stand for it.
func isReadOnlyFS(error) bool { return false }
