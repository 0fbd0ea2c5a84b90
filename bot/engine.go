package bot

import (
	"cmp"
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
	"github.com/racebot/racebot/index/rank"
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
	// Policy ranks passages and decides whether to answer; nil means
	// rank.Default(), the fitted policy racebot ships with.
	Policy *rank.Policy
	Logger *slog.Logger
}

// Engine answers questions from an index. It is safe for concurrent use.
type Engine struct {
	idx      Searcher
	timeout  time.Duration
	baseline bool
	policy   *rank.Policy
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
	if opts.Policy == nil {
		opts.Policy = rank.Default()
	}
	return &Engine{idx: idx, timeout: opts.Timeout, log: opts.Logger, baseline: opts.Baseline, policy: opts.Policy}
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
	text, filter, msg := readQuestion(question)
	if msg != "" {
		a.Message = msg
		return a, nil
	}
	q := Parse(text)
	if want != nil {
		q.Want = want // a topic, not a question
	} else {
		q = askedByParts(text, q)
	}
	ctx, cancel := context.WithTimeout(ctx, e.timeout)
	defer cancel()
	iq := q.Query()
	iq.Limit, iq.PerArticle, iq.Baseline, iq.Policy = searchDepth, e.policy.PerArticle, e.baseline, e.policy
	iq.Since, iq.Before, iq.Sources = filter.Since, filter.Before, filter.Sources
	res, err := e.idx.Search(ctx, iq)
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
			a.Corrected[c.Corrected] = cmp.Or(c.Word, c.Terms[0])
		}
	}
	outcome := e.decide(res)
	a.Unknown = unknownWords(res)
	if outcome == rank.Decline {
		a.Message = declineMessage(a.Unknown)
		if len(res.Hits) == 0 {
			if msg := e.outOfRange(filter); msg != "" {
				a.Message = msg
			}
		}
		a.Suggestions = suggestions(res.Hits)
		return a, nil
	}
	a.Answered, a.Confident = true, outcome == rank.Answer
	if !a.Confident {
		a.Message = Hedge
	}
	shown := res.Hits[:min(len(res.Hits), maxPassages)]
	figs := pickFigures(q, res, shown, a.Confident, e.policy)
	if figs.top != nil {
		a.Figures = figs.top // stays an empty list, not null, in JSON when there are none
	}
	a.Disagreements = figs.disagreements
	for _, h := range shown {
		a.Passages = append(a.Passages, passageOf(h, figs.highlight[h.Passage.ID()]))
	}
	return a, nil
}

// outOfRange says so when no article at all was published within f's
// dates, rather than that the articles do not answer: "since:2026" on a
// corpus that ends in 2025. It returns "" when some article was.
func (e *Engine) outOfRange(f Filter) string {
	if f.Since.IsZero() && f.Before.IsZero() {
		return ""
	}
	arts := e.idx.Articles() // newest first
	if len(arts) == 0 {
		return ""
	}
	for _, a := range arts {
		if (f.Since.IsZero() || !a.Published.Before(f.Since)) && (f.Before.IsZero() || a.Published.Before(f.Before)) {
			return ""
		}
	}
	var when []string
	if !f.Since.IsZero() {
		when = append(when, "on or after "+f.Since.Format(time.DateOnly))
	}
	if !f.Before.IsZero() {
		when = append(when, "before "+f.Before.Format(time.DateOnly))
	}
	return fmt.Sprintf("No article I have was published %s: they run from %s to %s. Try a wider since: or before:.",
		strings.Join(when, " and "), arts[len(arts)-1].Published.Format(time.DateOnly), arts[0].Published.Format(time.DateOnly))
}

// Hedge introduces passages shown without confidence that they answer.
const Hedge = "I'm not sure these answer it — the closest passages I have:"

// decide says whether to answer a question from its search result.
func (e *Engine) decide(res *index.Result) rank.Outcome {
	switch {
	case len(res.Hits) == 0 || !slices.ContainsFunc(res.Concepts, func(c index.Concept) bool { return !c.Light }):
		// Nothing found, or the question names nothing: "good
		// morning", "who won?".
		return rank.Decline
	case e.baseline:
		return rank.Answer
	}
	return e.policy.Decide(res.Evidence)
}

// unknownWords returns the question's words that no passage holds, as
// typed.
func unknownWords(res *index.Result) []string {
	var out []string
	for _, c := range res.Concepts {
		if c.DocFreq == 0 {
			out = append(out, c.Typed)
		}
	}
	return out
}

func declineMessage(unknown []string) string {
	msg := "I could not find an answer to that in the articles I have."
	if len(unknown) > 0 {
		quoted := make([]string, len(unknown))
		for i, u := range unknown {
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
