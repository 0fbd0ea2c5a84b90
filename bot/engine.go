package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/racebot/racebot/corpus/figure"
	"github.com/racebot/racebot/index"
)

// Searcher is what the engine needs of an index.
type Searcher interface {
	Search(ctx context.Context, q index.Query) (*index.Result, error)
	Stats() index.Stats
	Articles() []index.ArticleInfo
}

// Options configure an Engine. The zero value is ready to use.
type Options struct {
	// Timeout bounds the work on one question; zero means 2 seconds.
	Timeout time.Duration
	// Baseline answers with a plain Bleve match query's ranking and
	// never declines, for measuring what racebot's ranking adds.
	Baseline bool
	Logger   *slog.Logger
}

// Engine answers questions from an index. It is safe for concurrent use.
type Engine struct {
	idx      Searcher
	timeout  time.Duration
	baseline bool
	log      *slog.Logger
}

// New returns an engine answering from idx.
func New(idx Searcher, opts Options) *Engine {
	if opts.Timeout <= 0 {
		opts.Timeout = 2 * time.Second
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	return &Engine{idx: idx, timeout: opts.Timeout, log: opts.Logger, baseline: opts.Baseline}
}

// Limits on what one answer shows.
const (
	maxPassages = 3
	maxFigures  = 4
	searchDepth = 8 // hits considered for figures and disagreements
)

// Answer answers a question. A question that cannot be answered as asked
// (empty, too long, no words) and one the corpus does not cover both give an
// Answer with Answered false and a Message; an error means racebot itself
// failed (the index is missing, or the deadline passed).
func (e *Engine) Answer(ctx context.Context, question string) (*Answer, error) {
	return e.answer(ctx, question, nil)
}

// answer answers a question; want, when set, overrides the kinds of figure
// the question's wording asks for.
func (e *Engine) answer(ctx context.Context, question string, want []figure.Kind) (*Answer, error) {
	start := time.Now()
	a := &Answer{Question: question, Passages: []Passage{}, Figures: []Figure{}}
	defer func() { a.Took = time.Since(start) }()
	a.IndexUpdated = e.idx.Stats().Updated
	if msg := Validate(question); msg != "" {
		a.Message = msg
		return a, nil
	}
	q := Parse(question)
	if want != nil {
		q.Want = want
	}
	ctx, cancel := context.WithTimeout(ctx, e.timeout)
	defer cancel()
	res, err := e.idx.Search(ctx, index.Query{Text: q.Search, Want: q.Want, Limit: searchDepth, PerArticle: 2, Define: q.Asks == "define", Baseline: e.baseline})
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("answer %q: search took longer than %v: %w", Truncate(question, 80), e.timeout, err)
		}
		return nil, fmt.Errorf("answer %q: %w", Truncate(question, 80), err)
	}
	for _, c := range res.Concepts {
		if c.Corrected != "" {
			if a.Corrected == nil {
				a.Corrected = make(map[string]string)
			}
			a.Corrected[c.Corrected] = c.Terms[0]
		}
	}
	v := judge(q, res)
	if e.baseline {
		v.answered = len(res.Hits) > 0
	}
	a.Unknown = v.unknown
	if !v.answered {
		a.Message = declineMessage(v)
		a.Suggestions = suggestions(res.Hits)
		return a, nil
	}
	a.Answered, a.Confident = true, true
	shown := onTopic(res.Hits, maxPassages)
	figs := pickFigures(q, res, shown)
	a.Figures = figs.top
	a.Disagreements = figs.disagreements
	for _, h := range shown {
		a.Passages = append(a.Passages, passageOf(h, figs.highlight[h.Passage.ID()]))
	}
	return a, nil
}

// verdict is the decision whether the corpus answers a question.
type verdict struct {
	answered bool
	unknown  []string // question words no passage holds
	coverage float64  // of the best passage
}

// Thresholds for answering. A question is answered when the best passage,
// with its title and heading, covers most of what the question names by
// weight, and the passage text itself a good part of it. Weights are inverse
// document frequencies, so this is relative to the corpus: a word every
// article uses counts for little, a name no article mentions for a lot. That
// keeps the decision stable as the corpus grows from tens to thousands of
// articles, where an absolute score threshold would not be.
const (
	minCoverage     = 0.65
	minTextCoverage = 0.42
)

func judge(q Question, res *index.Result) verdict {
	var v verdict
	for _, c := range res.Concepts {
		if c.DocFreq == 0 {
			v.unknown = append(v.unknown, c.Typed)
		}
	}
	if len(res.Hits) == 0 {
		return v
	}
	top := res.Hits[0]
	v.coverage = top.Coverage
	v.answered = top.Coverage >= minCoverage && top.TextCoverage >= minTextCoverage
	if len(res.Concepts) == 1 && !top.OnTopic && q.Asks != "define" {
		// One word found in passing ("tell me a joke" matching "a joke of
		// a budget") is not an answer; one word the article is about is,
		// and so is "what is MGX".
		v.answered = false
	}
	return v
}

func declineMessage(v verdict) string {
	msg := "I could not find an answer to that in the articles I have."
	if len(v.unknown) > 0 {
		quoted := make([]string, len(v.unknown))
		for i, u := range v.unknown {
			quoted[i] = "“" + u + "”"
		}
		msg += " None of them mentions " + strings.Join(quoted, ", ") + "."
	}
	return msg
}

// suggestions names the articles closest to a question that went
// unanswered, at most three.
func suggestions(hits []index.Hit) []Suggestion {
	var out []Suggestion
	for _, h := range hits {
		if slices.ContainsFunc(out, func(s Suggestion) bool { return s.Doc == h.Passage.Article }) {
			continue
		}
		out = append(out, Suggestion{Doc: h.Passage.Article, Title: h.Title, URL: h.URL})
		if len(out) == 3 {
			break
		}
	}
	return out
}

// onTopic returns up to n hits, dropping those that cover much less of the
// question than the best: a weak third passage is noise, not evidence.
func onTopic(hits []index.Hit, n int) []index.Hit {
	var out []index.Hit
	for _, h := range hits {
		if len(out) == n {
			break
		}
		if len(out) > 0 && h.Coverage < 0.5*hits[0].Coverage {
			break
		}
		out = append(out, h)
	}
	return out
}

func citation(h index.Hit) Citation {
	return Citation{
		Doc: h.Passage.Article, Paragraph: h.Passage.Paragraph, Title: h.Title,
		Publisher: h.Publisher, URL: h.URL, Published: Date{h.Published},
	}
}

func passageOf(h index.Hit, figs []figure.Figure) Passage {
	p := Passage{
		Citation: citation(h),
		Heading:  h.Passage.Heading,
		Text:     h.Passage.Text,
		Score:    math.Round(h.Score*1000) / 1000,
	}
	var spans []Span
	for _, f := range figs {
		spans = append(spans, Span{Start: f.Start, End: f.End, Figure: true})
	}
	for _, m := range h.Matches {
		spans = append(spans, Span{Start: m[0], End: m[1]})
	}
	p.Highlights = mergeSpans(spans)
	return p
}

// mergeSpans sorts spans and resolves overlaps, figures winning over words.
func mergeSpans(spans []Span) []Span {
	sort.SliceStable(spans, func(i, j int) bool {
		if spans[i].Start != spans[j].Start {
			return spans[i].Start < spans[j].Start
		}
		return spans[i].Figure && !spans[j].Figure
	})
	var out []Span
	for _, s := range spans {
		if s.End <= s.Start {
			continue
		}
		if n := len(out); n > 0 && s.Start < out[n-1].End {
			last := &out[n-1]
			if s.Figure && !last.Figure {
				// A figure swallows the words it overlaps.
				last.End = s.Start
				if last.End <= last.Start {
					out = out[:n-1]
				}
				out = append(out, s)
				continue
			}
			if s.End > last.End && last.Figure == s.Figure {
				last.End = s.End
			}
			continue
		}
		out = append(out, s)
	}
	return out
}
