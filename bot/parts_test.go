package bot

import (
	"slices"
	"testing"

	"github.com/racebot/racebot/corpus/figure"
)

func TestQuestionParts(t *testing.T) {
	type want struct {
		search, context string
		refers          bool
	}
	tests := []struct {
		question string
		parts    []want
	}{
		{"how many GPUs does DeepSeek have", []want{{"gpus deepseek", "", false}}},
		{"how many GPUs does DeepSeek have and what did V3 cost?", []want{{"gpus deepseek", "", false}, {"v3 cost", "", false}}},
		{"how many GPUs does DeepSeek have? what did V3 cost?", []want{{"gpus deepseek", "", false}, {"v3 cost", "", false}}},
		// A part that refers back is searched with the words it refers
		// to, through the parts between.
		{"how many params does deepseek v3 have and how much did it cost to train", []want{{"params deepseek v3", "", false}, {"cost to train", "params deepseek v3", true}}},
		{"what is stargate? who funds it? how much will it cost?", []want{{"stargate", "", false}, {"funds", "stargate", true}, {"cost", "funds stargate", true}}},
		// One that names nothing as chat writes names (a digit, a
		// capital, a word no dictionary holds) may lack a subject of its
		// own: it has the other part's words to be searched with.
		{"how big is the stargate uae cluster and when does the first phase come online", []want{{"the stargate uae cluster", "", false}, {"the first phase come online", "the stargate uae cluster", false}}},
		{"how big are stargate sites and when will the first phase come online", []want{{"stargate sites", "", false}, {"the first phase come online", "stargate sites", false}}},
		{"how much power and how many gpus does stargate norway have", []want{{"power", "gpus stargate norway", false}, {"gpus stargate norway", "", false}}},
		{"when did australia ban deepseek and how much did nvidia lose", []want{{"australia ban deepseek", "", false}, {"nvidia lose", "", false}}},
		// A part that only asks adds what it asks for to the question.
		{"who started deepseek and when", []want{{"started deepseek and", "", false}}},
		{"did australia ban deepseek on government devices? when?", []want{{"australia ban deepseek on government devices", "", false}}},
		// "and" before a verb phrase, a noun or a question word with no
		// verb of its own joins; it does not ask again.
		{"Who is required to verify and have existing utility lines marked?", []want{{"required to verify and existing utility lines marked", "", false}}},
		{"which companies build and have the most gpus", []want{{"companies build and the most gpus", "", false}}},
		{"how much did nvidia and amd lose", []want{{"nvidia and amd lose", "", false}}},
		{"what is the difference between the h20 and the h800", []want{{"the difference between the h20 and the h800", "", false}}},
		{"Colonialism as a policy is caused by financial and what other reasons?", []want{{"colonialism as a policy caused by financial and other reasons", "", false}}},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			var got []want
			for _, p := range questionParts(tt.question) {
				got = append(got, want{p.q.Search, p.context, p.refers})
			}
			if !slices.Equal(got, tt.parts) {
				t.Errorf("parts %+v\nwant  %+v", got, tt.parts)
			}
		})
	}
}

// TestPartsAsk: the kinds of answer each part asks for, and those of a
// part that only asks added to the question.
func TestPartsAsk(t *testing.T) {
	parts := questionParts("how many GPUs does DeepSeek have and what did V3 cost?")
	if len(parts) != 2 || !slices.Contains(parts[0].q.Want, figure.Count) || slices.Contains(parts[0].q.Want, figure.Money) || !slices.Contains(parts[1].q.Want, figure.Money) {
		t.Errorf("parts want %v and %v, want a count, then money", parts[0].q.Want, parts[len(parts)-1].q.Want)
	}
	whole := questionParts("who started deepseek and when")
	if len(whole) != 1 || whole[0].q.Class == 0 || !slices.Contains(whole[0].q.Want, figure.Date) {
		t.Errorf("whole question wants %v, class %v: want a date and a person", whole[0].q.Want, whole[0].q.Class)
	}
}

// TestMerge: the answers to a question's parts are shown together after
// the whole's best passage, repeats left out, confident only when every
// part is, and a part that is declined leaves the rest hedged.
func TestMerge(t *testing.T) {
	passage := func(doc string, spans ...Span) Passage {
		return Passage{Citation: Citation{Doc: doc, Paragraph: 1}, Text: "it cost $5.6 million and 2,048 GPUs", Highlights: spans}
	}
	fig := func(doc, text string, start int) Figure {
		f := Figure{Doc: doc, Paragraph: 1}
		f.Text, f.Start, f.End = text, start, start+len(text)
		return f
	}
	money, gpus := fig("v3", "$5.6 million", 8), fig("v3", "2,048 GPUs", 25)
	moneySpan, gpusSpan := Span{Start: 8, End: 20, Figure: true}, Span{Start: 25, End: 35, Figure: true}
	word := Span{Start: 3, End: 7}
	whole := func() *Answer {
		return &Answer{Answered: true, Confident: true, Passages: []Passage{passage("v3", moneySpan, gpusSpan), passage("other")}, Figures: []Figure{money, gpus}}
	}
	gpuPart := &Answer{Answered: true, Confident: true, Passages: []Passage{passage("gpus"), passage("v3", gpusSpan)}, Figures: []Figure{gpus},
		Disagreements: []Disagreement{{About: "GPUs", Figures: []Figure{gpus, fig("gpus", "50,000 GPUs", 0)}}}}
	costPart := &Answer{Answered: true, Confident: true, Passages: []Passage{passage("v3", word), passage("cost")}, Figures: []Figure{money},
		Disagreements: gpuPart.Disagreements}
	declined := &Answer{Passages: []Passage{}, Figures: []Figure{}, Unknown: []string{"birthday"}}
	hedged := &Answer{Answered: true, Passages: []Passage{passage("cost")}, Figures: []Figure{}}

	docs := func(a *Answer) (out []string) {
		for _, p := range a.Passages {
			out = append(out, p.Doc)
		}
		return out
	}
	tests := []struct {
		name          string
		parts         []*Answer
		confident     bool
		passages      []string
		figures       int
		disagreements int
		unknown       []string
	}{
		{"two confident parts", []*Answer{gpuPart, costPart}, true, []string{"v3", "gpus", "cost"}, 2, 1, nil},
		{"a hedged part", []*Answer{gpuPart, hedged}, false, []string{"v3", "gpus", "cost"}, 1, 1, nil},
		{"a declined part", []*Answer{gpuPart, declined}, false, []string{"v3", "gpus"}, 1, 1, []string{"birthday"}},
		{"every part declined: the whole stands", []*Answer{declined, declined}, true, []string{"v3", "other"}, 2, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := whole()
			merge(a, tt.parts)
			if a.Confident != tt.confident || (a.Message == Hedge) == tt.confident {
				t.Errorf("confident %v, message %q; want confident %v", a.Confident, a.Message, tt.confident)
			}
			if got := docs(a); !slices.Equal(got, tt.passages) {
				t.Errorf("passages %q, want %q", got, tt.passages)
			}
			if len(a.Figures) != tt.figures || len(a.Disagreements) != tt.disagreements {
				t.Errorf("%d figures and %d disagreements, want %d and %d", len(a.Figures), len(a.Disagreements), tt.figures, tt.disagreements)
			}
			if !slices.Equal(a.Unknown, tt.unknown) {
				t.Errorf("unknown %q, want %q", a.Unknown, tt.unknown)
			}
		})
	}
	// The whole's passage keeps the figures shown and gains the words a
	// part matched in it; the figure no part shows is no longer marked.
	a := whole()
	merge(a, []*Answer{gpuPart, hedged})
	if got, want := a.Passages[0].Highlights, []Span{gpusSpan}; !slices.Equal(got, want) {
		t.Errorf("highlights %+v, want %+v", got, want)
	}
	a = whole()
	merge(a, []*Answer{gpuPart, costPart})
	if got, want := a.Passages[0].Highlights, []Span{word, moneySpan, gpusSpan}; !slices.Equal(got, want) {
		t.Errorf("highlights %+v, want %+v", got, want)
	}
}
