package rank

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestFitLogistic recovers the coefficients of data drawn from a known
// logistic model.
func TestFitLogistic(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	want := Linear{Bias: -0.5, W: []float64{2, -1}}
	var x [][]float64
	var y []bool
	for range 20000 {
		xi := []float64{r.NormFloat64(), r.NormFloat64()}
		x = append(x, xi)
		y = append(y, r.Float64() < want.Probability(xi))
	}
	got := FitLogistic(x, y, nil, 2, 0)
	if math.Abs(got.Bias-want.Bias) > 0.1 || math.Abs(got.W[0]-want.W[0]) > 0.1 || math.Abs(got.W[1]-want.W[1]) > 0.1 {
		t.Errorf("fit %+v, want about %+v", got, want)
	}
}

// TestFitRank learns that the first feature tells answers apart and the
// second is noise.
func TestFitRank(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var groups []Group
	for range 500 {
		var g Group
		for i := range 10 {
			answer := i == 0
			signal := r.Float64()
			if answer {
				signal += 0.5
			}
			g.X = append(g.X, []float64{signal, r.Float64()})
			g.Answer = append(g.Answer, answer)
		}
		groups = append(groups, g)
	}
	w := FitRank(groups, 2, 1e-3)
	if w.W[0] <= 0 || math.Abs(w.W[1]) > w.W[0]/5 {
		t.Errorf("weights %v: want a large positive first weight and a small second", w.W)
	}
	// The fitted ranking must put answers first as often as ranking by
	// the signal alone does.
	fitted, oracle := 0, 0
	for _, g := range groups {
		best, bySignal := 0, 0
		for i, x := range g.X {
			if w.Value(x) > w.Value(g.X[best]) {
				best = i
			}
			if x[0] > g.X[bySignal][0] {
				bySignal = i
			}
		}
		if g.Answer[best] {
			fitted++
		}
		if g.Answer[bySignal] {
			oracle++
		}
	}
	if fitted < oracle-5 {
		t.Errorf("fitted ranking puts the answer first in %d of 500 groups, ranking by the signal in %d", fitted, oracle)
	}
}

// TestFitRankSkipsUninformative ignores groups with no answer or only
// answers, which would otherwise make the loss undefined.
func TestFitRankSkipsUninformative(t *testing.T) {
	groups := []Group{
		{X: [][]float64{{1}, {0}}, Answer: []bool{false, false}},
		{X: [][]float64{{1}, {0}}, Answer: []bool{true, true}},
	}
	w := FitRank(groups, 1, 1e-3)
	if w.W[0] != 0 || math.IsNaN(w.W[0]) {
		t.Errorf("weights %v from groups that teach nothing, want 0", w.W)
	}
}
