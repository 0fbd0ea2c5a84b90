// Package index keeps racebot's passages in a Bleve full-text index on disk
// and searches it.
//
// An index directory holds generations: complete Bleve indexes, each built
// from a corpus, and a CURRENT file naming the one in use. A full rebuild
// writes a new generation and switches CURRENT only once it is complete, so a
// crash or kill during a rebuild leaves the previous index serving. Small
// corpus changes are applied to the current generation in one Bleve batch,
// together with the manifest that records which file versions it holds, so
// the manifest never disagrees with the index.
package index

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/registry"
)

// Options configure an index. The zero value is ready to use.
type Options struct {
	// Scoring is BM25 or TFIDF. Empty keeps what an existing index was
	// built with, and builds a new one with DefaultScoring.
	Scoring string
	// Logger receives progress and repair messages; nil discards them.
	Logger *slog.Logger
	// Progress, if set, is called during a build with the number of
	// article files read and indexed so far, and their total.
	Progress func(done, total int)
	// LockWait is how long to wait for another racebot process to release
	// the index directory; zero means two seconds, and a negative wait
	// tries once.
	LockWait time.Duration
	// Strict makes Sync fail on the first corpus file that cannot be
	// parsed, instead of skipping it.
	Strict bool
	// PassageCache is how many analysed passages searches keep for the
	// next question; zero means 2,048 and a negative number none.
	PassageCache int
	// StableTies makes which passages tie for the last candidate places
	// the same in every build of a corpus: Bleve orders hits by score,
	// then passage ID. Without it, ties go by Bleve's segment order,
	// which parallel writers and background merges vary from build to
	// build. It turns off Bleve's quickest collection and loads the ID of
	// every matching passage, so it is for measurements (racefit) that
	// must come out the same twice, not for answering.
	StableTies bool
}

// Index is an open racebot index. It is safe for concurrent use: searches
// run while Sync updates the index or swaps in a rebuilt one.
type Index struct {
	dir   string // "" for an in-memory index
	opts  Options
	log   *slog.Logger
	an    analysis.Analyzer
	th    *thesaurus
	rel   *thesaurus      // related words, counting for less than synonyms
	light map[string]bool // analysed light words
	stop  analysis.TokenMap
	lock  *dirLock
	cache *passageCache

	mu  sync.RWMutex // guards the fields below
	b   bleve.Index  // nil until the first Sync builds one
	gen string       // name of the open generation
	man *manifest
	// stats totals man, for Stats.
	stats Stats
	// readOnly says why the folder cannot be written: the index then
	// answers as it was built, and Sync reports any change it cannot
	// make.
	readOnly error
	// fault says why b cannot be searched, once a search of it panicked
	// or failed as only a damaged index does; the next Sync rebuilds it.
	fault error
}

// ErrDamaged is wrapped by the errors of searching an index found
// damaged. The index answers nothing until a Sync rebuilds it.
var ErrDamaged = errors.New("index is damaged")

// ErrLocked is returned by Open when another process holds the index
// directory.
var ErrLocked = errors.New("index is in use by another racebot process")

const (
	currentFile  = "CURRENT"
	lockFile     = "racebot.lock"
	genPrefix    = "gen-"
	tmpSuffix    = ".tmp"
	manifestKey  = "racebot.manifest"
	lockWaitDflt = 2 * time.Second
)

// DefaultDir returns the index directory used when none is given: racebot
// under the user's cache directory.
func DefaultDir() (string, error) {
	c, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("find user cache directory: %w", err)
	}
	return filepath.Join(c, "racebot", "index"), nil
}

// Open opens the index in dir, creating the directory if needed, or an
// in-memory index when dir is empty. It takes the directory's lock, so only
// one racebot process uses an index directory at a time. An index that is
// missing, was built by an older schema or cannot be read is not an error:
// Open logs why and the next Sync rebuilds it from the corpus.
func Open(ctx context.Context, dir string, opts Options) (*Index, error) {
	if opts.Scoring != "" && opts.Scoring != BM25 && opts.Scoring != TFIDF {
		return nil, fmt.Errorf("open index: unknown scoring model %q (want %q or %q)", opts.Scoring, BM25, TFIDF)
	}
	if opts.LockWait == 0 {
		opts.LockWait = lockWaitDflt
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	m, err := newMapping(DefaultScoring)
	if err != nil {
		return nil, err
	}
	an, err := analyzer(m)
	if err != nil {
		return nil, err
	}
	th, err := parseSynonyms(synonymsFile, an)
	if err != nil {
		return nil, err
	}
	rel, err := parseSynonyms(relatedFile, an)
	if err != nil {
		return nil, fmt.Errorf("related words: %w", err)
	}
	stop, err := registry.NewCache().TokenMapNamed(en.StopName)
	if err != nil {
		return nil, fmt.Errorf("open index: stop words: %w", err)
	}
	x := &Index{
		dir: dir, opts: opts, log: log, an: an, th: th, rel: rel, stop: stop,
		light: parseLightWords(lightWordsFile, an), cache: newPassageCache(cmp.Or(opts.PassageCache, cachedPassages)),
	}
	if dir == "" {
		return x, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		if !errors.Is(err, fs.ErrPermission) && !errors.Is(err, errReadOnly) && !isReadOnlyFS(err) {
			return nil, fmt.Errorf("create index directory: %w", err)
		}
		x.inMemory(fmt.Errorf("create index directory: %w", err))
		return x, nil
	}
	x.lock, err = lockDir(ctx, filepath.Join(dir, lockFile), opts.LockWait)
	switch {
	case errors.Is(err, errReadOnly):
		// A read-only folder (a container started --read-only, an
		// index owned by another user) is read without the lock: no
		// racebot can write it, so none can change it underneath.
		x.readOnly = fmt.Errorf("%w: %s (%w)", ErrReadOnly, dir, err)
		x.openCurrent()
		if x.b == nil {
			x.inMemory(x.readOnly)
			return x, nil
		}
		x.log.Info("index folder is read-only: answering from it, without updating it", "dir", dir)
		return x, nil
	case err != nil:
		return nil, err
	}
	x.openCurrent()
	if x.b != nil {
		// What a killed or failed build left behind (a half-written
		// gen-….tmp, an old generation not yet removed) would otherwise
		// take disk space until the next rebuild.
		x.removeStale(x.gen)
	}
	return x, nil
}

// ErrReadOnly is wrapped by the errors of updating an index in a folder
// racebot cannot write; the index answers as it was built.
var ErrReadOnly = errors.New("index folder is read-only")

// errReadOnly marks a lock that could not be taken because the folder
// cannot be written.
var errReadOnly = errors.New("cannot write the index folder")

// inMemory makes x an in-memory index, for a folder that can be neither
// written nor read, and says why.
func (x *Index) inMemory(why error) {
	x.log.Warn("index folder cannot be used; building the index in memory for this run", "dir", x.dir, "err", why)
	x.dir, x.readOnly = "", nil
}

// openCurrent opens the generation CURRENT names, if it is usable.
func (x *Index) openCurrent() {
	data, err := os.ReadFile(filepath.Join(x.dir, currentFile))
	if errors.Is(err, fs.ErrNotExist) {
		x.log.Info("no index yet; it will be built from the corpus", "dir", x.dir)
		return
	}
	if err != nil {
		x.log.Warn("index unreadable; it will be rebuilt from the corpus", "dir", x.dir, "err", err)
		return
	}
	gen := strings.TrimSpace(string(data))
	if !strings.HasPrefix(gen, genPrefix) || strings.ContainsAny(gen, `/\`) {
		x.log.Warn("index CURRENT file is corrupt; the index will be rebuilt from the corpus", "dir", x.dir, "current", gen)
		return
	}
	b, man, err := x.openGen(gen)
	if err != nil {
		x.log.Warn("index cannot be opened; it will be rebuilt from the corpus", "dir", x.dir, "generation", gen, "err", err)
		return
	}
	if why := man.staleBecause(x.opts.Scoring); why != "" {
		x.log.Info("index was built by another version of racebot; it will be rebuilt", "dir", x.dir, "reason", why)
		b.Close()
		return
	}
	x.b, x.gen = b, gen
	x.setManifest(man)
}

// openGen opens one generation and reads its manifest.
func (x *Index) openGen(gen string) (bleve.Index, *manifest, error) {
	path := filepath.Join(x.dir, gen)
	if _, err := os.Stat(filepath.Join(path, "index_meta.json")); err != nil {
		return nil, nil, fmt.Errorf("open index %s: %w", path, err)
	}
	// Bleve stores the config an index was created with, the build's (see
	// newBleve), and applies it again on open under what is passed here.
	// Updates must not inherit its unsafe batches, which return before
	// they are on disk: Sync would report an update that closing the
	// index, or a full disk, then loses.
	b, err := openBleve(path, x.readOnly != nil)
	if err != nil {
		return nil, nil, fmt.Errorf("open index %s: %w", path, err)
	}
	raw, err := b.GetInternal([]byte(manifestKey))
	if err != nil {
		b.Close()
		return nil, nil, fmt.Errorf("read manifest of %s: %w", path, err)
	}
	if len(raw) == 0 {
		b.Close()
		return nil, nil, fmt.Errorf("read manifest of %s: missing", path)
	}
	man := &manifest{}
	if err := json.Unmarshal(raw, man); err != nil {
		b.Close()
		return nil, nil, fmt.Errorf("read manifest of %s: %w", path, err)
	}
	return b, man, nil
}

// openBleve opens a Bleve index. Bleve panics, rather than failing, on
// some damaged files (a segment whose footer was overwritten, a truncated
// root.bolt): the panic is returned as an error, so that the generation
// is rebuilt instead of racebot failing for good.
func openBleve(path string, readOnly bool) (b bleve.Index, err error) {
	// A truncated file is read through a memory map past its end: a
	// fault, which only panics (rather than killing the process) when
	// asked to.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			b, err = nil, fmt.Errorf("%w: bleve panicked opening it: %v", ErrDamaged, r)
		}
	}()
	return bleve.OpenUsing(path, map[string]any{
		"bolt_timeout":           "1s",
		"unsafe_batch":           false,
		"asyncErrorCallbackName": "",
		"read_only":              readOnly,
	})
}

// Fault returns why the index in use cannot be searched, or nil. A
// damaged index is rebuilt by the next Sync.
func (x *Index) Fault() error {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.fault
}

// Check searches the index for the title of one of its articles, a cheap
// test that its files can still be read; a search that fails or panics
// marks the index damaged (see Fault). The article is another each time
// (Go's map order), so that checks run while serving come round to every
// segment in time.
func (x *Index) Check(ctx context.Context) error {
	x.mu.RLock()
	var title string
	if x.man != nil {
		for _, a := range x.man.Articles {
			title = a.Title
			break
		}
	}
	x.mu.RUnlock()
	if title == "" {
		return nil // nothing built yet
	}
	_, err := x.Search(ctx, Query{Text: title, Limit: 1})
	if errors.Is(err, ErrNotReady) || ctx.Err() != nil {
		return nil
	}
	return err
}

// damaged records that the generation gen was found damaged, unless it
// has been replaced since, and returns the error to report.
func (x *Index) damaged(gen string, cause any) error {
	where := filepath.Join(x.dir, gen)
	var err error
	if e, ok := cause.(error); ok {
		// Wrapped, so that a caller can still see an errno beneath.
		err = fmt.Errorf("%w: search of %s: %w", ErrDamaged, where, e)
	} else {
		err = fmt.Errorf("%w: search of %s: %v", ErrDamaged, where, cause) // a recovered panic's value
	}
	x.mu.Lock()
	if x.gen == gen && x.fault == nil {
		x.fault = err
		x.log.Error("index is damaged; it answers nothing until it is rebuilt from the corpus", "dir", x.dir, "generation", gen, "err", cause)
	}
	x.mu.Unlock()
	return err
}

// Close closes the index and releases the directory lock.
func (x *Index) Close() error {
	x.mu.Lock()
	defer x.mu.Unlock()
	var err error
	if x.b != nil {
		err = x.b.Close()
		x.b = nil
	}
	if x.lock != nil {
		err = errors.Join(err, x.lock.release())
		x.lock = nil
	}
	return err
}

// scoring returns the scoring model a build uses: the one asked for, else
// the current index's, else the default.
func (x *Index) scoring() string {
	switch {
	case x.opts.Scoring != "":
		return x.opts.Scoring
	case x.man != nil:
		return x.man.Scoring
	}
	return DefaultScoring
}

// Dir returns the index directory, or "" for an in-memory index.
func (x *Index) Dir() string { return x.dir }

// Stats describes what an index holds.
type Stats struct {
	Articles int
	Passages int
	Figures  int
	Updated  time.Time // when the corpus was last synced into the index
	Scoring  string
}

// Stats returns the size of the index and when it was last updated.
func (x *Index) Stats() Stats {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.man == nil {
		return Stats{Scoring: x.scoring()}
	}
	return x.stats
}

// setManifest makes man the manifest of the index in use. Its totals are
// counted here, once, since every answer reports when the index was
// updated and a corpus may have tens of thousands of articles. x.mu must
// be held for writing.
func (x *Index) setManifest(man *manifest) {
	x.man = man
	x.stats = Stats{Updated: man.Updated, Scoring: man.Scoring, Articles: len(man.Articles)}
	for _, a := range man.Articles {
		x.stats.Passages += a.Passages
		x.stats.Figures += a.Figures
	}
}

// ArticleInfo describes one indexed article.
type ArticleInfo struct {
	ID        string
	Path      string
	Title     string
	Published time.Time
	Kind      string
	Publisher string
	URL       string
	Tags      []string
	Passages  int
	Figures   int
}

// Articles lists the indexed articles, newest first.
func (x *Index) Articles() []ArticleInfo {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.man == nil {
		return nil
	}
	return x.man.list()
}

// newBleve creates an empty Bleve index at path ("" for memory) for a bulk
// build: batches return as soon as they are searchable and are written to
// disk in the background, so that analysis, segment building and writing
// overlap. The generation is not used until the build has waited for its
// last batch to be persisted (see rebuild); incremental updates go through
// openGen, whose batches return only once on disk.
//
// The persister writes each batch's segment as it is, rather than first
// merging segments that are waiting to be written: a build's batches are
// large enough to be segments of their own (see batchPlan), and merging
// costs about a quarter of the CPU time building the merged segments took.
// This applies to the build only. An index opened later merges with
// Bleve's defaults, which leave the ten or so segments of a
// 100,000-passage build as they are and merge a larger one down as usual.
func (x *Index) newBleve(path string) (bleve.Index, error) {
	m, err := newMapping(x.scoring())
	if err != nil {
		return nil, err
	}
	var cfg map[string]any
	if path != "" {
		cfg = map[string]any{
			"bolt_timeout":           "1s",
			"unsafe_batch":           true,
			"asyncErrorCallbackName": buildErrorCallback,
			"scorchPersisterOptions": map[string]any{
				"MemoryPressurePauseThreshold": 0,
			},
		}
	}
	b, err := bleve.NewUsing(path, m, scorch.Name, scorch.Name, cfg)
	if err != nil {
		return nil, fmt.Errorf("create index %s: %w", path, err)
	}
	return b, nil
}

// buildErrorCallback names the Bleve callback that reports a build's
// background write errors (see failBuildOn).
const buildErrorCallback = "racebot.build"

// buildFailers maps the store folder of each build in progress to the
// function that fails it.
var buildFailers sync.Map // string -> context.CancelCauseFunc

func init() {
	// Bleve reads its callback registry when an index is opened, so the
	// callback is registered once, before any index is.
	scorch.RegistryAsyncErrorCallbacks[buildErrorCallback] = func(err error, storePath string) {
		if errors.Is(err, scorch.ErrCleanup) {
			return // an old file not yet removed; the build is unaffected
		}
		if fail, ok := buildFailers.Load(storePath); ok {
			fail.(context.CancelCauseFunc)(err)
		}
	}
}

// failBuildOn calls fail with Bleve's error when writing the build at path
// fails in the background, and returns the function that stops watching.
//
// A build's batches return before they are on disk (see newBleve), and
// Bleve retries a failed write for as long as the index is open without
// ever calling the batch's persisted callback: on a full disk the build
// would wait for it forever.
func failBuildOn(path string, fail context.CancelCauseFunc) (stop func()) {
	// The folder Bleve keeps its segments in, and names in its reports,
	// spelled as Bleve spells it.
	store := path + string(os.PathSeparator) + "store"
	buildFailers.Store(store, fail)
	return func() { buildFailers.Delete(store) }
}
