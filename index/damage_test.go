package index

import (
	"context"
	"errors"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/racebot/racebot/corpus/corpustest"
)

// panicky is a Bleve index whose searches panic, as Bleve's do on some
// damaged segments.
type panicky struct{ bleveIndex }

// bleveIndex names bleve.Index for embedding: a field named Index would
// hide the interface's Index method.
type bleveIndex = bleve.Index

func (panicky) SearchInContext(context.Context, *bleve.SearchRequest) (*bleve.SearchResult, error) {
	panic("assignment to entry in nil map")
}

func TestSearchPanicMarksDamaged(t *testing.T) {
	ctx := context.Background()
	x, err := Open(ctx, "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	fsys := corpustest.Starter("")
	if _, err := x.Sync(ctx, fsys); err != nil {
		t.Fatal(err)
	}
	q := Query{Text: "How many GPUs does DeepSeek have?"}

	x.mu.Lock()
	good := x.b
	x.b = panicky{good}
	x.mu.Unlock()
	if _, err := x.Search(ctx, q); !errors.Is(err, ErrDamaged) {
		t.Fatalf("search of a panicking index: err %v, want ErrDamaged", err)
	}
	if x.Fault() == nil {
		t.Fatal("no fault recorded after a search panicked")
	}
	// Once damaged, the index answers nothing, without touching Bleve,
	// until a Sync rebuilds it.
	if _, err := x.Search(ctx, q); !errors.Is(err, ErrDamaged) {
		t.Fatalf("second search: err %v, want ErrDamaged", err)
	}
	rep, err := x.Sync(ctx, fsys)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Rebuilt {
		t.Errorf("Sync of a damaged index did not rebuild it: %+v", rep)
	}
	if x.Fault() != nil {
		t.Errorf("fault %v after the rebuild", x.Fault())
	}
	res, err := x.Search(ctx, q)
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("search after the rebuild: %v, %d hits", err, len(res.Hits))
	}
}

// TestNewExtractorRebuilds: an index built by another figure extractor
// or passage splitter is rebuilt when next synced, as one built by
// another schema is.
func TestNewExtractorRebuilds(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	fsys := corpustest.Starter("")
	x, err := Open(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := x.Sync(ctx, fsys); err != nil {
		t.Fatal(err)
	}
	x.Close()

	saved := extractorFingerprint
	t.Cleanup(func() { extractorFingerprint = saved })
	extractorFingerprint = func() string { return saved() + ", with a new unit" }
	x, err = Open(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rep, err := x.Sync(ctx, fsys)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Rebuilt {
		t.Errorf("sync after the extractor changed: %+v, want a rebuild", rep)
	}
	// And only once.
	if rep, err := x.Sync(ctx, fsys); err != nil || rep.Rebuilt || rep.Changes() {
		t.Errorf("second sync: %+v, %v; want nothing to do", rep, err)
	}
}
