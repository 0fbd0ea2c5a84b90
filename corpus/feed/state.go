package feed

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// stateVersion is the state file's format; a file of another version is
// treated like a corrupt one.
const stateVersion = 1

// Caps on what the state file keeps per feed. maxSeen is far above the
// 10–100 items a news feed carries, and the keys still in the feed are never
// dropped, so an item cannot come back as new while its feed lists it.
const (
	maxSeen   = 1000
	maxRecent = 20
)

// stateFile is the JSON written to Options.StatePath.
type stateFile struct {
	Version int                   `json:"version"`
	Saved   time.Time             `json:"saved"`
	Feeds   map[string]*feedState `json:"feeds"` // by stateKey
}

// feedState is what the poller remembers about one feed between polls and
// across restarts.
type feedState struct {
	URL           string         `json:"url"` // redacted
	Title         string         `json:"title,omitempty"`
	ETag          string         `json:"etag,omitempty"`
	LastModified  string         `json:"last_modified,omitempty"`
	LastRead      time.Time      `json:"last_read,omitzero"`
	LastSuccess   time.Time      `json:"last_success,omitzero"`
	LastError     string         `json:"last_error,omitempty"`
	LastItemError string         `json:"last_item_error,omitempty"`
	Failures      int            `json:"failures,omitempty"`
	NextPoll      time.Time      `json:"next_poll,omitzero"`
	Added         int            `json:"added,omitempty"`
	Recent        []AddedArticle `json:"recent,omitempty"`
	Seen          []string       `json:"seen,omitempty"`     // item keys, oldest first
	Attempts      map[string]int `json:"attempts,omitempty"` // item key → failed Add calls
}

// AddedArticle is an article that a feed item became.
type AddedArticle struct {
	ID    string    `json:"id"`
	Title string    `json:"title,omitempty"`
	Link  string    `json:"link"`
	At    time.Time `json:"at"`
}

// FeedStatus is a snapshot of one feed's polling, for /sources and
// `racebot sources`.
type FeedStatus struct {
	// URL is the feed's URL with credentials redacted.
	URL   string `json:"url"`
	Title string `json:"title,omitempty"`
	// Interval is the feed's poll interval; zero in LoadStatus's answer,
	// which does not know the feeds file.
	Interval    time.Duration `json:"interval,omitempty"`
	LastRead    time.Time     `json:"last_read,omitzero"`    // last attempt, successful or not
	LastSuccess time.Time     `json:"last_success,omitzero"` // last 200 or 304
	// LastError is why the last read failed; empty once a read succeeds.
	LastError string `json:"last_error,omitempty"`
	// LastItemError is why an item of the last successful read could not
	// be added, if one could not.
	LastItemError string    `json:"last_item_error,omitempty"`
	Failures      int       `json:"failures"` // consecutive failed reads
	NextPoll      time.Time `json:"next_poll,omitzero"`
	Added         int       `json:"added"` // articles added from this feed, ever
	// Recent are the articles added last, newest first (up to 20).
	Recent []AddedArticle `json:"recent,omitempty"`
}

func (s *feedState) status() FeedStatus {
	st := FeedStatus{
		URL:           s.URL,
		Title:         s.Title,
		LastRead:      s.LastRead,
		LastSuccess:   s.LastSuccess,
		LastError:     s.LastError,
		LastItemError: s.LastItemError,
		Failures:      s.Failures,
		NextPoll:      s.NextPoll,
		Added:         s.Added,
	}
	for i := len(s.Recent) - 1; i >= 0; i-- {
		st.Recent = append(st.Recent, s.Recent[i])
	}
	return st
}

// LoadStatus reads the state file of a poller, which may be running in
// another process, and returns every feed it holds, by URL. A missing file
// gives an error matching fs.ErrNotExist: no feed has been read yet.
func LoadStatus(path string) ([]FeedStatus, error) {
	sf, err := readState(path)
	if err != nil {
		return nil, err
	}
	out := make([]FeedStatus, 0, len(sf.Feeds))
	for _, fs := range sf.Feeds {
		out = append(out, fs.status())
	}
	sort.Slice(out, func(i, j int) bool { return out[i].URL < out[j].URL })
	return out, nil
}

func readState(path string) (*stateFile, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read feed state: %w", err)
	}
	var sf stateFile
	if err := json.Unmarshal(b, &sf); err != nil {
		return nil, fmt.Errorf("read feed state %s: %w", path, err)
	}
	if sf.Version != stateVersion {
		return nil, fmt.Errorf("read feed state %s: format version %d, want %d", path, sf.Version, stateVersion)
	}
	for k, fs := range sf.Feeds {
		if fs == nil {
			delete(sf.Feeds, k)
		}
	}
	if sf.Feeds == nil {
		sf.Feeds = map[string]*feedState{}
	}
	return &sf, nil
}

func marshalState(sf *stateFile) ([]byte, error) {
	b, err := json.MarshalIndent(sf, "", " ")
	if err != nil {
		return nil, fmt.Errorf("encode feed state: %w", err)
	}
	return append(b, '\n'), nil
}

// writeStateBytes writes the state file whole or not at all: a temporary
// file in the same folder, synced, then renamed over the old one.
func writeStateBytes(path string, b []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write feed state: %w", err)
	}
	_, err = tmp.Write(b)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write feed state %s: %w", path, err)
	}
	return nil
}

// loadOrFresh reads the state file; a missing one starts empty, and so does
// a corrupt one, which is kept beside as path.corrupt for inspection: feed
// state is a cache of what was read, and losing it costs at most a re-offer
// of current items, which the corpus refuses as duplicates.
func loadOrFresh(path string, warn func(msg string, args ...any)) *stateFile {
	fresh := &stateFile{Version: stateVersion, Feeds: map[string]*feedState{}}
	if path == "" {
		return fresh
	}
	sf, err := readState(path)
	switch {
	case err == nil:
		return sf
	case errors.Is(err, os.ErrNotExist):
		return fresh
	}
	aside := path + ".corrupt"
	if rerr := os.Rename(path, aside); rerr != nil {
		aside = "(not kept: " + rerr.Error() + ")"
	}
	warn("feed state file unreadable; starting afresh", "path", path, "err", err.Error(), "kept_as", aside)
	return fresh
}

// markSeen records item keys as seen, dropping the oldest beyond maxSeen
// except those in keep (the keys the feed still lists).
func (s *feedState) markSeen(keys []string, keep map[string]bool) {
	if len(keys) == 0 {
		return
	}
	have := make(map[string]bool, len(s.Seen))
	for _, k := range s.Seen {
		have[k] = true
	}
	for _, k := range keys {
		if !have[k] {
			have[k] = true
			s.Seen = append(s.Seen, k)
		}
		delete(s.Attempts, k)
	}
	if over := len(s.Seen) - maxSeen; over > 0 {
		kept := s.Seen[:0]
		for _, k := range s.Seen {
			if over > 0 && !keep[k] {
				over--
				continue
			}
			kept = append(kept, k)
		}
		s.Seen = kept
	}
}
