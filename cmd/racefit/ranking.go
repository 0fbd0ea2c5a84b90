package main

import (
	"cmp"
	"fmt"
	"io"
	"slices"
)

// writeRanking reports the ranking alone, cross-validated by article: for
// each set, the share of answerable questions whose first candidate, and
// whose first three, hold the answer when ranked by weights fitted without
// their article, and the share with an answer among the candidates at
// all. It is the ceiling the rest of the answer (declining, at most three
// passages of an article, the on-topic cut) can only lower, and it runs in
// a fraction of the full fit: the quick test of a new ranking feature.
func writeRanking(w io.Writer, sets []*set, folds int, l2 float64) {
	type count struct{ n, first, three, recall int }
	counts := make(map[*set]*count)
	for k := range folds {
		weights := fitRanking(fitSamples(sets, func(sm *sample) bool { return sm.fold != k }), l2)
		for _, s := range sets {
			c := counts[s]
			if c == nil {
				c = &count{}
				counts[s] = c
			}
			for _, sm := range s.samples {
				if sm.fold != k || sm.c.Unanswerable {
					continue
				}
				c.n++
				if slices.Contains(sm.answers, true) {
					c.recall++
				}
				order := make([]int, len(sm.x))
				score := make([]float64, len(sm.x))
				for i, x := range sm.x {
					order[i], score[i] = i, weights.Value(x)
				}
				slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(score[b], score[a]) })
				if len(order) > 0 && sm.answers[order[0]] {
					c.first++
				}
				if slices.ContainsFunc(order[:min(3, len(order))], func(i int) bool { return sm.answers[i] }) {
					c.three++
				}
			}
		}
	}
	fmt.Fprintln(w, "| questions | answerable | first | first three | among the candidates |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|")
	for _, s := range sets {
		if c := counts[s]; c != nil && c.n > 0 {
			n := float64(c.n)
			fmt.Fprintf(w, "| %s | %d | %.3f | %.3f | %.3f |\n", s.name, c.n, float64(c.first)/n, float64(c.three)/n, float64(c.recall)/n)
		}
	}
}
