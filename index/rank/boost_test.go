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

// TestFitBoostedDegenerate: no samples, one label only, or one value only
// give a finite model and no panic.
func TestFitBoostedDegenerate(t *testing.T) {
	for _, tc := range []struct {
		name string
		x    [][]float64
		y    []bool
	}{
		{"none", nil, nil},
		{"all yes", [][]float64{{0}, {1}, {2}}, []bool{true, true, true}},
		{"all no", [][]float64{{0}, {1}, {2}}, []bool{false, false, false}},
		{"one value", [][]float64{{1}, {1}, {1}, {1}}, []bool{true, false, true, false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := FitBoosted(tc.x, tc.y, nil, 1)
			p := b.Probability([]float64{1})
			if math.IsNaN(p) || p < 0 || p > 1 {
				t.Fatalf("probability %v", p)
			}
			if _, err := b.Model([]string{"m"}).Bind([]string{"m"}); err != nil {
				t.Fatalf("the fitted model does not bind: %v", err)
			}
		})
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
	e := Evidence{Score: 12, Margin: 2, Coverage: 0.8, TextCoverage: 0.7, Exact: 0.6, Window: 0.5, Matched: 2.0 / 3}
	var sum float64
	for b.Loop() {
		sum += p.Confidence(e)
	}
	if sum < 0 {
		b.Fatal(sum)
	}
}
