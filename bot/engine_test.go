package bot_test

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/bot/bottest"
	"github.com/racebot/racebot/corpus"
	"github.com/racebot/racebot/corpus/corpustest"
	"github.com/racebot/racebot/corpus/figure"
	"github.com/racebot/racebot/index"
)

// starter returns the shared engine over the embedded corpus.
func starter(t testing.TB) *bot.Engine { return bottest.Starter(t) }

// readEval is bottest.ReadEval.
func readEval(t testing.TB, path string) []bot.EvalCase { return bottest.ReadEval(t, path) }

// floor is the least an eval set must score. The floors record what the
// engine with the shipped policy reaches, a little below it; a change that
// lowers a score below its floor fails CI. Raise them as the engine
// improves. Zero fields are not checked; FalseDecline is a ceiling.
type floor struct {
	file   string
	corpus string // "starter", "distractors" (2,000 generated articles beside it) or "squad"
	min    bot.Scores
}

var floors = []floor{
	{"../testdata/eval/dev.jsonl", "starter", bot.Scores{Hit1: 0.86, Hit3: 0.98, ConfidentFirst: 0.70, FigureFirst: 0.55, Handled: 1}},
	{"../testdata/eval/heldout.jsonl", "starter", bot.Scores{Hit1: 0.93, Hit3: 0.97, ConfidentFirst: 0.80, FigureFirst: 0.65, Handled: 0.9}},
	{"../testdata/eval/chat.jsonl", "starter", bot.Scores{Hit1: 0.82, Hit3: 0.93, ConfidentFirst: 0.67, FigureFirst: 0.5, Handled: 0.82, OffTopicDeclined: 0.95, FalseDecline: 0.04}},
	{"../testdata/eval/offtopic.jsonl", "starter", bot.Scores{Handled: 0.98, OffTopicDeclined: 0.87}},
	{"../testdata/eval/missing.jsonl", "starter", bot.Scores{Handled: 0.72}},
	{"../testdata/squad/questions.jsonl", "squad", bot.Scores{Hit1: 0.85, Hit3: 0.93, ConfidentFirst: 0.70, FigureFirst: 0.41, FalseDecline: 0.025}},
	{"../testdata/eval/dev.jsonl", "distractors", bot.Scores{Hit1: 0.74, Hit3: 0.86, FigureFirst: 0.45, Handled: 0.8}},
	{"../testdata/eval/heldout.jsonl", "distractors", bot.Scores{Hit1: 0.81, Hit3: 0.89, FigureFirst: 0.5, Handled: 0.93}},
	// 38 of the 41 off-topic questions: "lol who's gonna win the super
	// bowl this year" had been declined for "gonna", read as a noun no
	// article holds, and is hedged now that chat's auxiliaries are
	// question words (so that "how many gpus is zuck gonna have" is
	// answered).
	{"../testdata/eval/chat.jsonl", "distractors", bot.Scores{Hit1: 0.69, Hit3: 0.80, FigureFirst: 0.41, Handled: 0.90, OffTopicDeclined: 0.92}},
}

func TestEvalScores(t *testing.T) {
	engines := map[string]*bot.Engine{"starter": starter(t)}
	for _, f := range floors {
		if _, ok := engines[f.corpus]; !ok && !testing.Short() {
			engines[f.corpus] = engineOver(t, f.corpus) // closed when the whole test ends
		}
		t.Run(f.corpus+"/"+filepath.Base(f.file), func(t *testing.T) {
			eng, ok := engines[f.corpus]
			if !ok {
				t.Skip("builds a second index")
			}
			checkFloor(t, eng, f)
		})
	}
}

// engineOver returns an engine over the SQuAD articles or the starter
// corpus with 2,000 distractors.
func engineOver(t *testing.T, name string) *bot.Engine {
	t.Helper()
	var fsys fs.FS
	switch name {
	case "squad":
		fsys = os.DirFS("../testdata/squad/corpus")
	case "distractors":
		m := corpustest.Distractors(2000, 1)
		maps.Copy(m, corpustest.Starter(""))
		fsys = m
	default:
		t.Fatalf("no corpus %q", name)
	}
	x, err := index.Open(context.Background(), "", index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	if _, err := x.Sync(context.Background(), fsys); err != nil {
		t.Fatal(err)
	}
	return bot.New(x, bot.Options{})
}

func checkFloor(t *testing.T, eng *bot.Engine, f floor) {
	s, results, err := bot.Evaluate(context.Background(), eng, readEval(t, f.file))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("hit@1 %.3f hit@3 %.3f MRR %.3f wrongly declined %.3f confident-first %.3f figure first %.3f handled %.3f off-topic declined %.3f",
		s.Hit1, s.Hit3, s.MRR, s.FalseDecline, s.ConfidentFirst, s.FigureFirst, s.Handled, s.OffTopicDeclined)
	m := f.min
	below := s.Hit1 < m.Hit1 || s.Hit3 < m.Hit3 || s.ConfidentFirst < m.ConfidentFirst || s.FigureFirst < m.FigureFirst || s.Handled < m.Handled ||
		s.OffTopicDeclined < m.OffTopicDeclined || m.FalseDecline > 0 && s.FalseDecline > m.FalseDecline
	if !below {
		return
	}
	for _, r := range results {
		if !r.OK || r.Rank > 1 {
			t.Logf("miss (rank %d, answered %v, confident %v): %s", r.Rank, r.Answer.Answered, r.Answer.Confident, r.Case.Question)
		}
	}
	t.Errorf("scores %+v below floor %+v", s, m)
}

// TestFiguresAreQuoted is the no-made-up-figures property: over every eval
// question, every figure an answer shows appears byte for byte in the
// passage it cites, at the offsets given, and every highlight lies inside
// its passage.
func TestFiguresAreQuoted(t *testing.T) {
	eng := starter(t)
	c, err := corpus.Load(context.Background(), corpus.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	text := make(map[string]string)
	for _, a := range c.Articles {
		for _, p := range a.Passages {
			text[p.ID()] = p.Text
		}
	}
	var questions []string
	for _, path := range []string{"../testdata/eval/dev.jsonl", "../testdata/eval/heldout.jsonl"} {
		for _, c := range readEval(t, path) {
			questions = append(questions, c.Question)
		}
	}
	figures := 0
	for _, q := range questions {
		for _, ask := range []func(context.Context, string) (*bot.Answer, error){eng.Answer, eng.Figures} {
			a, err := ask(context.Background(), q)
			if err != nil {
				t.Fatalf("%q: %v", q, err)
			}
			all := append([]bot.Figure{}, a.Figures...)
			for _, d := range a.Disagreements {
				all = append(all, d.Figures...)
			}
			for _, f := range all {
				figures++
				src, ok := text[fmt.Sprintf("%s/%d", f.Doc, f.Paragraph)]
				if !ok {
					t.Errorf("%q: figure %q cites %s/%d, which does not exist", q, f.Text, f.Doc, f.Paragraph)
					continue
				}
				if f.Start < 0 || f.End > len(src) || src[f.Start:f.End] != f.Text {
					t.Errorf("%q: figure %q is not at %d:%d of %s/%d", q, f.Text, f.Start, f.End, f.Doc, f.Paragraph)
				}
			}
			for _, p := range a.Passages {
				if text[fmt.Sprintf("%s/%d", p.Doc, p.Paragraph)] != p.Text {
					t.Errorf("%q: passage %s/%d is not quoted verbatim", q, p.Doc, p.Paragraph)
				}
				last := 0
				for _, h := range p.Highlights {
					if h.Start < last || h.End > len(p.Text) || h.Start >= h.End {
						t.Errorf("%q: bad highlight %+v in %s/%d", q, h, p.Doc, p.Paragraph)
					}
					last = h.End
				}
			}
		}
	}
	if figures < 100 {
		t.Errorf("only %d figures shown over %d questions: the property was hardly tested", figures, len(questions))
	}
}

func TestDeepSeekGPUsDisagree(t *testing.T) {
	a, err := starter(t).Answer(context.Background(), "How many GPUs does DeepSeek have?")
	if err != nil {
		t.Fatal(err)
	}
	if !a.Answered || len(a.Disagreements) == 0 {
		t.Fatalf("answer = %+v, want a disagreement", a)
	}
	var texts, claimants []string
	for _, f := range a.Disagreements[0].Figures {
		texts = append(texts, f.Text)
		claimants = append(claimants, f.Claimant)
	}
	joined := strings.Join(texts, " | ")
	if !strings.Contains(joined, "50,000") || !strings.Contains(joined, "10,000") {
		t.Errorf("disagreement shows %q, want the 50,000 and 10,000 figures side by side", joined)
	}
	if !strings.Contains(strings.Join(claimants, " "), "Wang") {
		t.Errorf("claimants %q do not name Wang", claimants)
	}
	if a.Figures[0].Text != a.Disagreements[0].Figures[0].Text {
		t.Errorf("figures do not start with the disagreement: %q", a.Figures[0].Text)
	}
}

// TestExampleFigures pins the figures the README's examples lead with: the
// figure of the whole, not of a sub-project or an aside, and only figures
// of the kind asked for.
func TestExampleFigures(t *testing.T) {
	tests := []struct {
		question string
		first    string // the first figure contains it
		shown    string // some figure contains it
		hidden   string // no figure is exactly this
		kinds    []figure.Kind
		outcome  string // "answer", "closest" or "decline"
		// single: no "Sources disagree", since the figures are not about
		// one thing.
		single bool
	}{
		// Son's "Now I come back with $500" is $500 billion said short.
		{question: "how much is Stargate?", first: "$500 billion", hidden: "$500", kinds: []figure.Kind{figure.Money, figure.Quantity, figure.Percent}},
		{question: "How much will Stargate invest?", first: "$500 billion", kinds: []figure.Kind{figure.Money}},
		{question: "when was stargate announced", first: "January 21, 2025", kinds: []figure.Kind{figure.Date}},
		{question: "How many GPUs does DeepSeek have?", shown: "50,000", outcome: "answer"},
		// Stargate Norway's 100,000 GPUs and Stargate's 2 million chips
		// count different things, and neither is OpenAI's fleet.
		{question: "how many gpus does openai have", outcome: "closest", single: true},
		{question: "what is the capital of france", outcome: "decline"},
		// Not the model's 671 billion parameters.
		// $5.6 million, roughly $5.58 million and $5.576M are one figure
		// rounded three ways, not a disagreement.
		{question: "how much did deepseek v3 cost", first: "$5.", kinds: []figure.Kind{figure.Money}, single: true},
		// Nor are Meta's 16,384 H100s, beside DeepSeek's 2,048 H800s in
		// the same sentence, DeepSeek's.
		{question: "how many gpus did deepseek use to train v3", shown: "2,048", single: true},
		// Parameter counts of DeepSeek's and Meta's models are not
		// GPT-5's, nor DeepSeek's fleet Microsoft's: no side may come
		// from a passage that lacks a name the question has.
		{question: "how many parameters does gpt-5 have", single: true},
		{question: "how many gpus does microsoft have in total", single: true},
		// "December 2024", said in the same article, tells less.
		{question: "when was deepseek v3 announced", first: "December 26, 2024"},
		// The day Son spoke is not when AGI comes.
		{question: "when will agi arrive", hidden: "January 21, 2025", kinds: []figure.Kind{figure.Date, figure.Duration}},
		// Microsoft's $80 billion is not Amazon's, although the article's
		// title and tags list Amazon beside Microsoft.
		{question: "how much is aws spending on ai", first: "$83 billion", single: true},
		// The loss is a sentence after "January 27, 2025", which dates it.
		{question: "how much did nvidia lose on jan 27", first: "$593 billion"},
		// The issue's own chat example: "gonna" is an auxiliary, not a
		// noun no article holds; and the count of GPUs leads, with
		// Meta's gigawatts, a measure in a unit not asked for, left out.
		{question: "how many gpus is zuck gonna have", first: "1.3 million GPUs", hidden: "roughly 1 gigawatt"},
		{question: "how many gpus is stargate norway targeting", first: "100,000 Nvidia GPUs", hidden: "230 megawatts"},
		// A measure the question names is what it asks for, and a ratio
		// is no measure of something else.
		{question: "how many gpu hours did llama 3 405b take", shown: "30.8 million GPU hours"},
		{question: "how many gpus and gigawatts will meta have in 2025", shown: "gigawatt"},
		{question: "how many gpus and megawatts is stargate norway targeting", shown: "230 megawatts"},
		{question: "how many times more gpu hours did llama 3 use than deepseek v3", shown: "roughly 11 times"},
		// Llama 3's GPU hours are no count of GPUs.
		{question: "how many GPUs is meta supposed to have by the end of 2025", first: "1.3 million GPUs", hidden: "30.8 million GPU hours"},
		// The UAE passage counts no GPUs, so its gigawatts are the closest
		// figures; Stargate Norway's GPUs and Stargate's chips are not the
		// UAE's, nor a disagreement.
		{question: "how many gpus are going into stargate uae", shown: "gigawatt", single: true},
		// Shown with closest passages, a figure comes from a passage
		// about what the question names: DeepSeek-V3's cost and size are
		// not GPT-4's or GPT-5's.
		{question: "how much did it cost to train gpt-4", outcome: "closest", hidden: "$5.6 million"},
		{question: "how many parameters does gpt-5 have pls", outcome: "closest", hidden: "671 billion parameters"},
		// "5.6M" and "10x" are figures the question quotes, not names
		// the passage must hold; "Alphabet" is one, which Meta's
		// passage lacks.
		{question: "what per hour gpu rental price was the 5.6M based on", shown: "$2 per GPU hour"},
		{question: "why is r1 10x cheaper than o1", shown: "90% to 95%"},
		{question: "what did alphabet plan for capex in 2025 ballpark", first: "$75 billion", hidden: "$60 billion to $65 billion"},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			a, err := starter(t).Answer(context.Background(), tt.question)
			if err != nil {
				t.Fatal(err)
			}
			outcome := "decline"
			switch {
			case a.Confident:
				outcome = "answer"
			case a.Answered:
				outcome = "closest"
			}
			if tt.outcome != "" && outcome != tt.outcome {
				t.Errorf("outcome %s, want %s", outcome, tt.outcome)
			}
			var texts []string
			for _, f := range a.Figures {
				texts = append(texts, f.Text)
				if tt.kinds != nil && !slices.Contains(tt.kinds, f.Kind) {
					t.Errorf("figure %q is a %v, not of a kind asked for", f.Text, f.Kind)
				}
			}
			if tt.first != "" && (len(texts) == 0 || !strings.Contains(texts[0], tt.first)) {
				t.Errorf("figures %q, want the first to hold %q", texts, tt.first)
			}
			if tt.shown != "" && !slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, tt.shown) }) {
				t.Errorf("figures %q, want one holding %q", texts, tt.shown)
			}
			if tt.hidden != "" && slices.Contains(texts, tt.hidden) {
				t.Errorf("figures %q, want none to be %q", texts, tt.hidden)
			}
			if tt.single && len(a.Disagreements) > 0 {
				t.Errorf("disagreement %+v, want none", a.Disagreements)
			}
		})
	}
}

func TestNvidiaLossDisagree(t *testing.T) {
	a, err := starter(t).Answer(context.Background(), "How much market value did Nvidia lose in one day?")
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Disagreements) == 0 {
		t.Fatalf("no disagreement in %+v", a.Figures)
	}
	var texts []string
	for _, f := range a.Disagreements[0].Figures {
		texts = append(texts, f.Text)
	}
	joined := strings.Join(texts, " | ")
	for _, want := range []string{"$593 billion", "$600 billion", "$589 billion"} {
		if !strings.Contains(joined, want) {
			t.Errorf("disagreement %q lacks %s", joined, want)
		}
	}
}

func TestDeclines(t *testing.T) {
	for _, q := range []string{
		"what is the capital of france?",
		"how do I reset my router password",
		"tell me a joke",
	} {
		a, err := starter(t).Answer(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if a.Answered || len(a.Passages) != 0 || len(a.Figures) != 0 {
			t.Errorf("%q was answered: %+v", q, a)
		}
		if a.Message == "" {
			t.Errorf("%q: declined without a message", q)
		}
	}
}

// TestHostileQuestions: abusive input gets a clear reply in bounded time,
// never an error or a crash.
func TestHostileQuestions(t *testing.T) {
	eng := starter(t)
	tests := []string{
		"",
		strings.Repeat("x", 10000),
		strings.Repeat("GPU ", 120),
		"?!.,;:'\"()[]{}",
		"*", "?*?*", "/.*/", "field:value", "text:gpu AND -deepseek",
		"'; DROP TABLE passages; --", "<script>alert(1)</script> gpus",
		"\x00\x01\x02 gpu \x7f", "gpu \xff\xfe deepseek",
		"\u202eseog ksepeed\u202c", "deep\u200dseek gpus", strings.Repeat("🚀", 500),
		"@everyone how many gpus", "<!channel> stargate",
	}
	for _, q := range tests {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		a, err := eng.Answer(ctx, q)
		cancel()
		if err != nil {
			t.Errorf("Answer(%.30q) failed: %v", q, err)
			continue
		}
		if !a.Answered && a.Message == "" {
			t.Errorf("Answer(%.30q) declined without a message", q)
		}
	}
}

// TestSyntaxIsNotQuerySyntax: characters that are operators in Bleve's
// query-string syntax change nothing.
func TestSyntaxIsNotQuerySyntax(t *testing.T) {
	eng := starter(t)
	plain, err := eng.Answer(context.Background(), "how many gpus does deepseek have")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"how many gpus does deepseek have?",
		"how many gpus* does deepseek have",
		"-how many gpus does deepseek: have",
		"how many +gpus does ~deepseek^ have",
	} {
		a, err := eng.Answer(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Passages) == 0 || a.Passages[0].Doc != plain.Passages[0].Doc || a.Passages[0].Paragraph != plain.Passages[0].Paragraph {
			t.Errorf("%q ranks differently from the plain question", q)
		}
	}
}

// TestDisagreementOverTime: when sources report a figure months apart, the
// newest comes first, marked so, and every figure says its date.
func TestDisagreementOverTime(t *testing.T) {
	article := func(id, date, publisher, text string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\nid: " + id + "\ntitle: Stargate UAE capacity\npublished: " + date +
			"\nkind: article\nsources:\n  - publisher: " + publisher + "\n    title: Stargate UAE\n    url: https://example.com/" + id +
			"\n    date: " + date + "\ntags: [stargate]\n---\n" + text + "\n")}
	}
	fsys := fstest.MapFS{
		"early.md": article("early", "2025-01-10", "Early Wire",
			"OpenAI said the Stargate UAE campus would house 20,000 Nvidia GB300 chips at first."),
		"late.md": article("late", "2025-10-02", "Late Wire",
			"OpenAI said the Stargate UAE campus would house 200,000 Nvidia GB300 chips when complete."),
		"other.md": article("other", "2025-03-05", "Other Wire",
			"Analysts said the Stargate UAE campus could hold 100,000 Nvidia GB300 chips."),
	}
	x, err := index.Open(context.Background(), "", index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if _, err := x.Sync(context.Background(), fsys); err != nil {
		t.Fatal(err)
	}
	a, err := bot.New(x, bot.Options{}).Answer(context.Background(), "how many chips will the stargate uae campus house")
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Disagreements) == 0 {
		t.Fatalf("no disagreement; figures %+v", a.Figures)
	}
	d := a.Disagreements[0]
	if !d.NewestFirst {
		t.Errorf("disagreement over nine months not marked newest first: %+v", d)
	}
	var dates []string
	for _, f := range d.Figures {
		dates = append(dates, f.Published.String())
	}
	if !slices.IsSortedFunc(dates, func(a, b string) int { return strings.Compare(b, a) }) || dates[0] != "2025-10-02" {
		t.Errorf("figures dated %v, want newest first", dates)
	}
	if a.Figures[0].Text != d.Figures[0].Text {
		t.Errorf("first figure %q, want the newest %q", a.Figures[0].Text, d.Figures[0].Text)
	}
	if got := d.Figures[0].Byline(); !strings.Contains(got, "2025-10-02") {
		t.Errorf("Byline() = %q, want the date", got)
	}
	if got := d.Heading(); !strings.Contains(got, "newest first") {
		t.Errorf("Heading() = %q", got)
	}
}

// TestAnswerParts checks that a question that asks two things shows the
// figures of the kinds both parts ask for: the cost the second part asks
// for, where the question had been read as asking for counts only and
// set Meta's Llama 3 cluster against DeepSeek's fleet; and then the count
// the first part asks for, which the costs of the better-scored passages
// had pushed out of the list.
func TestAnswerParts(t *testing.T) {
	tests := []struct {
		question string
		shown    []string // figures holding each are listed
		hidden   string   // no figure shown, in the list or a disagreement, holds it
	}{
		{"how many GPUs does DeepSeek have and what did V3 cost?", []string{"$5.", "2,048"}, "16,384"},
		// No article names xAI: DeepSeek's GPUs do not answer its part.
		{"how many GPUs does xAI have and what did DeepSeek V3 cost?", []string{"$5."}, "2,048"},
		{"how many GPUs does xAI-Colossus have and what did DeepSeek V3 cost?", []string{"$5."}, "2,048"},
		// "it" is the cluster: Stargate UAE's 2026 is online, but no answer.
		{"how many a100s were in high flyer's first cluster and when did it come online", []string{"10,000 A100s"}, "2026"},
		// Three parts, the first answered by a passage that names none of
		// the others' years.
		{"how many entities added to the entity list in december 2024? when did the oct 2023 rule become efective immediately for datacenter chips? when did bis announce the october 2022 expot controls?", []string{"140 entities", "October 7, 2022", "October 23, 2023"}, ""},
		{"how many params does deepseek v3 have and how much did it cost to train", []string{"$5."}, ""},
		{"who started deepseek and when", []string{"2023"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			a, err := starter(t).Answer(context.Background(), tt.question)
			if err != nil {
				t.Fatal(err)
			}
			if !a.Answered || a.Question != tt.question {
				t.Fatalf("answered %v, question %q", a.Answered, a.Question)
			}
			if len(a.Passages) == 0 || len(a.Passages) > 3 {
				t.Errorf("%d passages, want 1 to 3", len(a.Passages))
			}
			var texts []string
			for _, f := range a.Figures {
				texts = append(texts, f.Text)
			}
			for _, d := range a.Disagreements {
				for _, f := range d.Figures {
					texts = append(texts, f.Text)
				}
			}
			for _, s := range tt.shown {
				if !slices.ContainsFunc(texts, func(x string) bool { return strings.Contains(x, s) }) {
					t.Errorf("figures %q, want one holding %q", texts, s)
				}
			}
			if tt.hidden != "" && slices.ContainsFunc(texts, func(x string) bool { return strings.Contains(x, tt.hidden) }) {
				t.Errorf("figures %q, want none holding %q", texts, tt.hidden)
			}
			for i, d := range a.Disagreements {
				for _, e := range a.Disagreements[:i] {
					if fmt.Sprint(d) == fmt.Sprint(e) {
						t.Errorf("disagreement %v shown twice", d)
					}
				}
			}
		})
	}
}
