package main

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/racebot/racebot/bot"
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
type fts5Engine struct {
	// and first asks for passages holding every word, and only when
	// fewer than three do, for any word: the strategy racebot's own
	// retrieval uses, which spares FTS5 scoring every passage that shares
	// one common word with the question.
	and bool
}

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

// build loads the passages file the parent wrote (see writePassages):
// the passages racebot indexes, already parsed, so that FTS5's time is
// SQLite's alone and reading the file costs next to nothing.
func (fts5Engine) build(ctx context.Context, corpusDir, dir string) (buildResult, error) {
	return buildFTS5(ctx, passagesFile(corpusDir), dir)
}

// buildFTS5 loads the passages file at passages (as writePassagesTo
// writes it) into a new FTS5 database in dir, and optimizes it.
func buildFTS5(ctx context.Context, passages, dir string) (buildResult, error) {
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
	f, err := os.Open(passages)
	if err != nil {
		return r, err
	}
	defer f.Close()
	// Collect and free what opening cost before the clock starts.
	runtime.GC()
	sw.start()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		p, err := decodePassage(sc.Text())
		if err != nil {
			return r, fmt.Errorf("%s line %d: %w", passages, r.Passages+1, err)
		}
		if _, err := ins.ExecContext(ctx, p.title, p.heading, p.body, p.article, p.paragraph, p.url); err != nil {
			return r, fmt.Errorf("insert %s/%s: %w", p.article, p.paragraph, err)
		}
		r.Passages++
	}
	if err := sc.Err(); err != nil {
		return r, fmt.Errorf("read %s: %w", passages, err)
	}
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

func (e fts5Engine) open(ctx context.Context, dir string) (answerer, error) {
	a, err := e.openFTS5(ctx, dir)
	if err != nil {
		return nil, err
	}
	return a, nil
}

// openFTS5 opens the FTS5 database in dir read-only, its query prepared.
func (e fts5Engine) openFTS5(ctx context.Context, dir string) (*fts5Answerer, error) {
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
	return &fts5Answerer{db: db, stmt: stmt, stop: stopWords(), and: e.and}, nil
}

type fts5Answerer struct {
	db   *sql.DB
	stmt *sql.Stmt
	stop analysis.TokenMap
	and  bool
}

func (a *fts5Answerer) answer(ctx context.Context, q string) (shown, error) {
	ps, err := a.passages(ctx, q)
	if err != nil {
		return shown{}, err
	}
	s := shown{answered: len(ps) > 0}
	for _, p := range ps {
		s.passages = append(s.passages, p.Text)
	}
	return s, nil
}

// passages returns the three passages FTS5 shows for q, best first, each
// with its article and paragraph.
func (a *fts5Answerer) passages(ctx context.Context, q string) ([]bot.Passage, error) {
	// The words racebot searches for: chat noise and the words that only
	// make it a question ("how many", "did", "say") removed.
	words := questionWords(bot.Parse(q).Search, a.stop)
	if len(words) == 0 {
		return nil, nil
	}
	var ps []bot.Passage
	if a.and && len(words) > 1 {
		var err error
		if ps, err = a.query(ctx, strings.Join(words, " AND "), ps); err != nil {
			return nil, err
		}
	}
	if len(ps) < 3 {
		more, err := a.query(ctx, strings.Join(words, " OR "), nil)
		if err != nil {
			return nil, err
		}
		for _, p := range more {
			if len(ps) < 3 && !slices.ContainsFunc(ps, func(x bot.Passage) bool { return x.Citation == p.Citation }) {
				ps = append(ps, p)
			}
		}
	}
	return ps, nil
}

// query appends the best three passages matching expr to ps.
func (a *fts5Answerer) query(ctx context.Context, expr string, ps []bot.Passage) ([]bot.Passage, error) {
	rows, err := a.stmt.QueryContext(ctx, expr)
	if err != nil {
		return ps, fmt.Errorf("match %q: %w", expr, err)
	}
	defer rows.Close()
	for rows.Next() {
		var p bot.Passage
		var snippet string
		if err := rows.Scan(&p.Doc, &p.Paragraph, &p.URL, &p.Text, &snippet); err != nil {
			return ps, err
		}
		ps = append(ps, p)
	}
	return ps, rows.Err()
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

// questionWords returns the words of text as unicode61 splits them, less
// stop words and repeats, each quoted so that no character of the
// question is FTS5 syntax.
func questionWords(text string, stop analysis.TokenMap) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if stop[w] || seen[w] || w == "s" {
			continue // "s" is what unicode61 leaves of a possessive
		}
		seen[w] = true
		out = append(out, `"`+w+`"`)
	}
	return out
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

// passagesFile is where writePassages puts the passages of the corpus in
// corpusDir: beside it, so that racebot does not read it as an article.
func passagesFile(corpusDir string) string { return filepath.Clean(corpusDir) + ".passages" }

// A passage line holds title, heading, body, article, paragraph and URL,
// tab-separated, with backslash, tab and newline escaped.
var (
	escaper   = strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`)
	unescaper = strings.NewReplacer(`\\`, `\`, `\t`, "\t", `\n`, "\n")
)

type passageRow struct{ title, heading, body, article, paragraph, url string }

func encodePassage(p passageRow) string {
	return strings.Join([]string{escaper.Replace(p.title), escaper.Replace(p.heading), escaper.Replace(p.body),
		escaper.Replace(p.article), p.paragraph, escaper.Replace(p.url)}, "\t")
}

func decodePassage(line string) (passageRow, error) {
	f := strings.Split(line, "\t")
	if len(f) != 6 {
		return passageRow{}, fmt.Errorf("%d fields, want 6", len(f))
	}
	for i := range f {
		f[i] = unescaper.Replace(f[i])
	}
	return passageRow{f[0], f[1], f[2], f[3], f[4], f[5]}, nil
}

// writePassages writes the passages of the corpus in corpusDir, parsed as
// racebot parses them, to passagesFile(corpusDir), unless an earlier run
// did.
func writePassages(ctx context.Context, corpusDir string) error {
	path := passagesFile(corpusDir)
	if _, err := os.Stat(path); err == nil {
		return nil
	}
	return writePassagesTo(ctx, corpusDir, path)
}

// writePassagesTo writes the passages of the corpus in corpusDir, parsed
// as racebot parses them, to the file at path, replacing it whole.
func writePassagesTo(ctx context.Context, corpusDir, path string) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	w := bufio.NewWriter(f)
	err = walkArticles(ctx, os.DirFS(corpusDir), func(a *corpus.Article) error {
		for _, p := range a.Passages {
			row := passageRow{a.Title, p.Heading, p.Text, a.ID, strconv.Itoa(p.Paragraph), a.Cite().URL}
			if _, err := w.WriteString(encodePassage(row) + "\n"); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write passages of %s: %w", corpusDir, err)
	}
	return os.Rename(tmp, path)
}

// walkArticles calls f with each article of fsys, in Scan order, parsed
// the way racebot parses it.
func walkArticles(ctx context.Context, fsys fs.FS, f func(*corpus.Article) error) error {
	files, err := corpus.Scan(ctx, fsys)
	if err != nil {
		return err
	}
	for _, file := range files {
		a, err := corpus.Read(fsys, file.Path)
		if err != nil {
			return err
		}
		if err := f(a); err != nil {
			return err
		}
	}
	return nil
}
