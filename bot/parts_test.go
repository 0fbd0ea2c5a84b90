package bot

import (
	"slices"
	"testing"

	"github.com/racebot/racebot/corpus/figure"
)

func TestQuestionParts(t *testing.T) {
	tests := []struct {
		question string
		searches []string      // each part's search words
		want     []figure.Kind // the last part's kinds of figure
	}{
		{"how many GPUs does DeepSeek have", []string{"gpus deepseek"}, []figure.Kind{figure.Count, figure.Quantity}},
		{"how many GPUs does DeepSeek have and what did V3 cost?", []string{"gpus deepseek", "v3 cost"}, nil},
		{"how many GPUs does DeepSeek have? what did V3 cost?", []string{"gpus deepseek", "v3 cost"}, nil},
		// A part that refers back, or names nothing of its own, is
		// searched with the words of the part before.
		{"how many params does deepseek v3 have and how much did it cost to train", []string{"params deepseek v3", "cost to train params deepseek v3"}, []figure.Kind{figure.Money}},
		{"how big is the stargate uae cluster and when does the first phase come online", []string{"the stargate uae cluster", "the first phase come online the stargate uae cluster"}, []figure.Kind{figure.Date, figure.Duration}},
		// A part that only asks adds what it asks for to the question.
		{"who started deepseek and when", []string{"started deepseek and"}, []figure.Kind{figure.Date, figure.Duration}},
		{"did australia ban deepseek on government devices? when?", []string{"australia ban deepseek on government devices"}, []figure.Kind{figure.Date, figure.Duration}},
		// "and" before a verb phrase, or a noun, joins, it does not ask.
		{"Who is required to verify and have existing utility lines marked?", []string{"required to verify and existing utility lines marked"}, nil},
		{"how much did nvidia and amd lose", []string{"nvidia and amd lose"}, nil},
		{"what is the difference between the h20 and the h800", []string{"the difference between the h20 and the h800"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			parts := questionParts(tt.question)
			var got []string
			for _, p := range parts {
				got = append(got, p.Search)
			}
			if !slices.Equal(got, tt.searches) {
				t.Fatalf("parts search %q, want %q", got, tt.searches)
			}
			if last := parts[len(parts)-1]; tt.want != nil && !slices.Equal(last.Want, tt.want) {
				t.Errorf("last part wants %v, want %v", last.Want, tt.want)
			}
		})
	}
}
