package main

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/racebot/racebot/corpus"
	_ "modernc.org/sqlite" // registers the "sqlite" driver, FTS5 included
)

// fts5Engine is the few lines of SQLite FTS5 a self-hoster might write
// instead of racebot: one row per passage (the same passages racebot
// indexes), the porter unicode61 tokenizer, bm25() ranking and snippet()
// highlighting, and the question's words OR-ed together.
//
// It is given every advantage the comparison allows: its build is timed
// from passages already parsed (reading and parsing the corpus is charged
// to racebot alone), it bulk-loads in one transaction with the journal and
// syncing off, the index is optimized into one b-tree after the build
// (timed apart), and queries run with a 64 MB page cache and the file
// memory-mapped.
type fts5Engine struct{}

const fts5Schema = `CREATE VIRTUAL TABLE passages USING fts5(
	title, heading, body,
	article UNINDEXED, paragraph UNINDEXED, url UNINDEXED,
	tokenize = 'porter unicode61'
)`

// fts5Query is the answer: the three best passages with a highlighted
// snippet of the body. bm25 weighs a title match 2, a heading match 1.5
// and the body 1, roughly as racebot's fields are boosted.
const fts5Query = `SELECT article, paragraph, url, body,
	snippet(passages, 2, '**', '**', '…', 24)
	FROM passages WHERE passages MATCH ?
	ORDER BY bm25(passages, 2.0, 1.5, 1.0) LIMIT 3`

func fts5Path(dir string) string { return filepath.Join(dir, "passages.db") }

func (fts5Engine) build(ctx context.Context, fsys fs.FS, dir string) (buildResult, error) {
	var r buildResult
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return r, err
	}
	db, err := sql.Open("sqlite", "file:"+fts5Path(dir)+
		"?_pragma=journal_mode(off)&_pragma=synchronous(off)&_pragma=cache_size(-65536)")
	if err != nil {
		return r, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)

	// Parsing is left out of FTS5's time, wall clock and CPU both: the
	// stopwatch runs only while SQLite works.
	var sw stopwatch
	sw.start()
	if _, err := db.ExecContext(ctx, fts5Schema); err != nil {
		return r, fmt.Errorf("create table: %w", err)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return r, err
	}
	defer tx.Rollback()
	ins, err := tx.PrepareContext(ctx, `INSERT INTO passages(title, heading, body, article, paragraph, url) VALUES (?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return r, err
	}
	sw.stop()
	err = walkArticles(ctx, fsys, func(a *corpus.Article) error {
		sw.start()
		defer sw.stop()
		for _, p := range a.Passages {
			if _, err := ins.ExecContext(ctx, a.Title, p.Heading, p.Text, a.ID, p.Paragraph, a.Cite().URL); err != nil {
				return fmt.Errorf("insert %s: %w", p.ID(), err)
			}
			r.Passages++
		}
		return nil
	})
	if err != nil {
		return r, err
	}
	sw.start()
	if err := tx.Commit(); err != nil {
		return r, fmt.Errorf("commit: %w", err)
	}
	sw.stop()
	r.Seconds, r.CPUSeconds = sw.wall.Seconds(), sw.cpu.Seconds()

	t := time.Now()
	if _, err := db.ExecContext(ctx, `INSERT INTO passages(passages) VALUES ('optimize')`); err != nil {
		return r, fmt.Errorf("optimize: %w", err)
	}
	r.OptimizeSeconds = time.Since(t).Seconds()
	if err := db.Close(); err != nil {
		return r, err
	}
	r.Bytes, err = dirSize(dir)
	return r, err
}

func (fts5Engine) open(ctx context.Context, dir string) (answerer, error) {
	path := fts5Path(dir)
	if _, err := os.Stat(path); err != nil {
		return nil, err // sql.Open would create an empty database
	}
	db, err := sql.Open("sqlite", "file:"+path+
		"?mode=ro&_pragma=cache_size(-65536)&_pragma=mmap_size(1073741824)")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	stmt, err := db.PrepareContext(ctx, fts5Query)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("prepare query: %w", err)
	}
	return &fts5Answerer{db: db, stmt: stmt, stop: stopWords()}, nil
}

type fts5Answerer struct {
	db   *sql.DB
	stmt *sql.Stmt
	stop analysis.TokenMap
}

func (a *fts5Answerer) answer(ctx context.Context, q string) (shown, error) {
	var s shown
	expr := matchExpr(q, a.stop)
	if expr == "" {
		return s, nil
	}
	rows, err := a.stmt.QueryContext(ctx, expr)
	if err != nil {
		return s, fmt.Errorf("match %q: %w", expr, err)
	}
	defer rows.Close()
	for rows.Next() {
		var article, url, body, snippet string
		var paragraph int
		if err := rows.Scan(&article, &paragraph, &url, &body, &snippet); err != nil {
			return s, err
		}
		s.passages = append(s.passages, body)
	}
	s.answered = len(s.passages) > 0
	return s, rows.Err()
}

func (a *fts5Answerer) Close() error {
	a.stmt.Close()
	return a.db.Close()
}

// stopWords is the English stop list racebot's analyzer uses (Snowball's),
// so that neither engine searches for "the" or "how", plus the question
// and chat words racebot drops from questions before searching ("many",
// "hey bot"), so that FTS5 is not slowed or misled by them either.
func stopWords() analysis.TokenMap {
	tm := analysis.NewTokenMap()
	if err := tm.LoadBytes(en.EnglishStopWords); err != nil {
		panic(err) // a constant of the bleve module
	}
	for _, w := range []string{"many", "much", "hey", "hi", "hello", "bot", "please", "tell"} {
		tm.AddToken(w)
	}
	return tm
}

// matchExpr turns a question into an FTS5 query: its words, as unicode61
// splits them, less stop words, each quoted so that no character of the
// question is FTS5 syntax, joined with OR.
func matchExpr(q string, stop analysis.TokenMap) string {
	words := strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	var b strings.Builder
	seen := map[string]bool{}
	for _, w := range words {
		if stop[w] || seen[w] {
			continue
		}
		seen[w] = true
		if b.Len() > 0 {
			b.WriteString(" OR ")
		}
		b.WriteString(`"` + w + `"`)
	}
	return b.String()
}

// stopwatch adds up wall-clock and CPU time over the spans between start
// and stop.
type stopwatch struct {
	wall, cpu  time.Duration
	wall0      time.Time
	cpuAtStart time.Duration
}

func (s *stopwatch) start() { s.wall0, s.cpuAtStart = time.Now(), cpuTime() }

func (s *stopwatch) stop() {
	s.wall += time.Since(s.wall0)
	s.cpu += cpuTime() - s.cpuAtStart
}
