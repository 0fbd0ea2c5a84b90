package rank

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// xor draws samples whose label is whether exactly one of two measures is
// high, with a third measure of noise: no linear model can tell them apart.
func xor(r *rand.Rand, n int) (x [][]float64, y []bool) {
	for range n {
		a, b := r.Float64(), r.Float64()
		x = append(x, []float64{a, b, r.Float64()})
		y = append(y, (a > 0.5) != (b > 0.5))
	}
	return x, y
}

// TestFitBoostedInteraction learns an interaction of two measures that a
// logistic model cannot, and scores it on samples it was not fitted on.
func TestFitBoostedInteraction(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	x, y := xor(r, 4000)
	b := FitBoosted(x, y, nil, 3)
	l := FitLogistic(x, y, nil, 3, 0)
	tx, ty := xor(r, 1000)
	right := func(p func([]float64) float64) float64 {
		n := 0
		for i := range tx {
			if (p(tx[i]) >= 0.5) == ty[i] {
				n++
			}
		}
		return float64(n) / float64(len(tx))
	}
	if got := right(b.Probability); got < 0.95 {
		t.Errorf("boosted trees are right on %.3f of new samples, want at least 0.95", got)
	}
	if got := right(l.Probability); got > 0.65 {
		t.Errorf("the logistic model is right on %.3f, which a linear model cannot be: the test data is not an interaction", got)
	}
	// Once the interaction is learnt, later trees fit what is left,
	// which is noise; the first ones must not.
	if len(b.trees) < 10 {
		t.Fatalf("%d trees fitted, want the 100 the fit allows", len(b.trees))
	}
	for k, tr := range b.trees[:10] {
		if tr.measure[0] == 2 {
			t.Errorf("tree %d splits first on the noise measure: %+v", k, tr)
		}
	}
}

// TestFitBoostedWeights: a sample's weight counts as that many copies of
// it.
func TestFitBoostedWeights(t *testing.T) {
	x := [][]float64{{0}, {0}, {1}, {1}}
	y := []bool{true, false, true, false}
	b := FitBoosted(x, y, []float64{3, 1, 1, 3}, 1)
	if p := b.Probability([]float64{0}); p < 0.7 || p > 0.8 {
		t.Errorf("P(yes | 0) = %.3f, want about 0.75 (three yes to one no)", p)
	}
	if p := b.Probability([]float64{1}); p < 0.2 || p > 0.3 {
		t.Errorf("P(yes | 1) = %.3f, want about 0.25", p)
	}
}

// TestFitBoostedDiscrete fits measures of a few values, as most evidence
// measures are (flags, thirds), where a split point is a value samples
// hold: what goes left in the fit must go left in Probability, at both
// levels of a tree, and a value held by few samples at either end of a
// measure must be one a split can isolate.
func TestFitBoostedDiscrete(t *testing.T) {
	for _, tc := range []struct {
		name string
		// count of samples and share of yes at each point
		points []struct {
			x     []float64
			n     int
			share float64
		}
	}{
		{"both flags", []struct {
			x     []float64
			n     int
			share float64
		}{{[]float64{0, 0}, 300, 0}, {[]float64{1, 0}, 300, 0}, {[]float64{0, 1}, 300, 0}, {[]float64{1, 1}, 300, 1}}},
		{"three values", []struct {
			x     []float64
			n     int
			share float64
		}{{[]float64{0, 0}, 400, 0}, {[]float64{1, 0}, 400, 1}, {[]float64{2, 0}, 400, 1}}},
		{"a rare least value", []struct {
			x     []float64
			n     int
			share float64
		}{{[]float64{0, 0}, 50, 1}, {[]float64{1, 0}, 950, 0.5}}},
		{"a rare greatest value", []struct {
			x     []float64
			n     int
			share float64
		}{{[]float64{0, 0}, 950, 0.5}, {[]float64{1, 0}, 50, 1}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var x [][]float64
			var y []bool
			for _, p := range tc.points {
				yes := int(p.share * float64(p.n))
				for i := range p.n {
					x = append(x, p.x)
					y = append(y, i < yes)
				}
			}
			b := FitBoosted(x, y, nil, 2)
			for _, p := range tc.points {
				if got := b.Probability(p.x); math.Abs(got-p.share) > 0.1 {
					t.Errorf("P(yes | %v) = %.3f, want about %.2f", p.x, got, p.share)
				}
			}
		})
	}
}

// TestFitBoostedTree: the first tree fitted on an interaction of two
// flags (yes only when both are set) gives the one yes point a leaf of
// its own, which takes both of the tree's levels.
func TestFitBoostedTree(t *testing.T) {
	points := [][]float64{{0, 0}, {1, 0}, {0, 1}, {1, 1}}
	var x [][]float64
	var y []bool
	for range 100 {
		for k, p := range points {
			x = append(x, p)
			y = append(y, k == 3)
		}
	}
	b := FitBoosted(x, y, nil, 2)
	if len(b.trees) == 0 {
		t.Fatal("no tree fitted")
	}
	tr := &b.trees[0]
	yes := tr.leaf(points[3])
	for _, p := range points[:3] {
		if tr.leaf(p) == yes {
			t.Errorf("the first tree puts %v in the leaf of %v: %+v", p, points[3], *tr)
		}
	}
	if tr.value(points[3]) <= 0 {
		t.Errorf("the yes point's leaf is %v, want above 0", tr.value(points[3]))
	}
}

// TestFitBoostedDegenerate: no samples, one label only, or one value only
// give a finite model and no panic, and the share of yes.
func TestFitBoostedDegenerate(t *testing.T) {
	for _, tc := range []struct {
		name     string
		x        [][]float64
		y        []bool
		min, max float64 // the probability wanted
	}{
		{"none", nil, nil, 0.49, 0.51},
		{"all yes", [][]float64{{0}, {1}, {2}}, []bool{true, true, true}, 0.99, 1},
		{"all no", [][]float64{{0}, {1}, {2}}, []bool{false, false, false}, 0, 0.01},
		{"one value", [][]float64{{1}, {1}, {1}, {1}}, []bool{true, false, true, false}, 0.49, 0.51},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := FitBoosted(tc.x, tc.y, nil, 1)
			p := b.Probability([]float64{1})
			if math.IsNaN(p) || p < tc.min || p > tc.max {
				t.Fatalf("probability %v, want it in [%v, %v]", p, tc.min, tc.max)
			}
			if _, err := b.Model([]string{"m"}).Bind([]string{"m"}); err != nil {
				t.Fatalf("the fitted model does not bind: %v", err)
			}
		})
	}
}

// TestFitBoostedNaN: a NaN measure is fitted where Probability sends it,
// left of every split, with the least values: NaN samples that are all
// yes and zeros that are all no share a leaf.
func TestFitBoostedNaN(t *testing.T) {
	var x [][]float64
	var y []bool
	for range 100 {
		x = append(x, []float64{math.NaN()}, []float64{0}, []float64{1})
		y = append(y, true, false, true)
	}
	b := FitBoosted(x, y, nil, 1)
	for _, v := range []float64{math.NaN(), 0} {
		if p := b.Probability([]float64{v}); p < 0.4 || p > 0.6 {
			t.Errorf("P(yes | %v) = %.3f, want about 0.5 (the NaN and zero samples' leaf)", v, p)
		}
	}
	if p := b.Probability([]float64{1}); p < 0.9 {
		t.Errorf("P(yes | 1) = %.3f, want near 1", p)
	}
}

// TestTreesRoundTrip writes fitted trees as JSON, as policy files hold
// them, and reads them back bound to a layout in another order.
func TestTreesRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	x, y := xor(r, 1000)
	b := FitBoosted(x, y, nil, 3)
	data, err := json.Marshal(b.Model([]string{"a", "b", "noise"}))
	if err != nil {
		t.Fatal(err)
	}
	var m Trees
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("read back %s: %v", data, err)
	}
	back, err := m.Bind([]string{"noise", "b", "a"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 50 {
		v := x[i]
		if got, want := back.Probability([]float64{v[2], v[1], v[0]}), b.Probability(v); math.Abs(got-want) > 1e-12 {
			t.Fatalf("sample %d: %v after the round trip, %v before", i, got, want)
		}
	}
}

// TestTreesBindErrors: trees that split on a measure the layout lacks, or
// hold a value that is not a number, are refused when bound.
func TestTreesBindErrors(t *testing.T) {
	leaf := func(v float64) Trees {
		s := Split{Measure: "a"}
		return Trees{Trees: []Tree{{Root: s, Below: [2]Split{s, s}, Leaves: [4]float64{0, v, 0, 0}}}}
	}
	unknown := leaf(0)
	unknown.Trees[0].Below[1].Measure = "gone"
	for _, tc := range []struct {
		name string
		m    Trees
		want string
	}{
		{"unknown measure", unknown, `unknown measure "gone"`},
		{"NaN leaf", leaf(math.NaN()), "leaf of NaN"},
		{"infinite leaf", leaf(math.Inf(1)), "leaf of +Inf"},
		{"NaN bias", Trees{Bias: math.NaN()}, "bias of NaN"},
		{"NaN split", func() Trees { m := leaf(0); m.Trees[0].Root.At = math.NaN(); return m }(), `splits "a" at NaN`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.m.Bind([]string{"a"})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Bind: %v, want an error saying %q", err, tc.want)
			}
		})
	}
}

// TestPolicyTrees: a decision's probability is the mean of its linear
// model and its trees, and a policy file's trees survive Parse and Clone.
func TestPolicyTrees(t *testing.T) {
	e := Evidence{Coverage: 1, TextCoverage: 1, Exact: 1}
	// One tree whose every leaf adds 10 to the log-odds: its
	// probability is about 1.
	s := Split{Measure: "coverage"}
	sure := Trees{Trees: []Tree{{Root: s, Below: [2]Split{s, s}, Leaves: [4]float64{10, 10, 10, 10}}}}
	b, err := sure.Bind(EvidenceNames)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		set   func(p *Policy, b *Boosted)
		prob  func(p *Policy) float64
		field string
	}{
		{"confident", func(p *Policy, b *Boosted) { p.SetConfident(Decision{p.confident.Linear, b}, p.ConfidentAt) },
			func(p *Policy) float64 { return p.Confidence(e) }, "confident"},
		{"on topic", func(p *Policy, b *Boosted) { p.SetOnTopic(Decision{p.onTopic.Linear, b}, p.OnTopicAt) },
			func(p *Policy) float64 { return p.Topicality(e) }, "on_topic"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := Default().Clone()
			p.SetConfident(Decision{Linear: p.confident.Linear}, p.ConfidentAt)
			p.SetOnTopic(Decision{Linear: p.onTopic.Linear}, p.OnTopicAt)
			linear := tc.prob(p)
			tc.set(p, b)
			q := p.Clone()
			want := (linear + sigmoid(10)) / 2
			if got := tc.prob(q); math.Abs(got-want) > 1e-9 {
				t.Errorf("probability %v after Clone, want the mean of %v and %v", got, linear, sigmoid(10))
			}
			bad := strings.Replace(string(mustJSON(t, q)), `"measure":"coverage"`, `"measure":"nothing"`, 1)
			if _, err := Parse([]byte(bad)); err == nil || !strings.Contains(err.Error(), tc.field+": trees") {
				t.Errorf("Parse of a policy whose trees split on an unknown measure: %v, want an error naming %s's trees", err, tc.field)
			}
		})
	}
}

// mustJSON encodes v or fails the test.
func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// BenchmarkConfidence is the shipped confidence model (a logistic
// regression and its trees) on one question's evidence, which every
// answer computes once.
func BenchmarkConfidence(b *testing.B) {
	p := Default()
	e := Evidence{Score: 12, Margin: 2, Coverage: 0.8, TextCoverage: 0.7, Exact: 0.6, Sentence: 0.5, Matched: 2.0 / 3}
	var sum float64
	for b.Loop() {
		sum += p.Confidence(e)
	}
	if sum < 0 {
		b.Fatal(sum)
	}
}
