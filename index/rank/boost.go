package rank

import (
	"fmt"
	"math"
	"slices"
	"sort"
)

// Trees is a sum of small regression trees over a named vector, boosted on
// the logistic loss: the log-odds of a yes is Bias plus, for each tree,
// the value of the leaf the vector falls in. A linear model weighs each
// measure the same whatever the others are; trees of two levels can learn
// that a passage covering the whole question means less when the question
// asks for a figure it does not hold. Splits name their measure, as Model
// weights do, and are bound to a vector layout by Bind.
type Trees struct {
	Bias  float64 `json:"bias"`
	Trees []Tree  `json:"trees"`
}

// Tree is a regression tree of two levels: Root sends a vector to Below[0]
// when its measure is at most At, otherwise to Below[1]; each of those
// sends it to one of two leaves the same way. Leaves holds the four
// leaves' values, two for each of Below. A side the fit found no split
// for has At at the largest float64, sending everything left.
type Tree struct {
	Root   Split      `json:"root"`
	Below  [2]Split   `json:"below"`
	Leaves [4]float64 `json:"leaves"`
}

// Split sends a vector left when the measure it names is at most At.
type Split struct {
	Measure string  `json:"measure"`
	At      float64 `json:"at"`
}

// Boosted is Trees bound to a vector layout.
type Boosted struct {
	bias  float64
	trees []boundTree
}

type boundTree struct {
	measure [3]int // root, left, right
	at      [3]float64
	leaves  [4]float64
}

// leaf returns the index in leaves of the leaf x falls in. The fit
// assigns samples to leaves with it too, so that a leaf's value is made
// from the samples Probability will send there.
func (t *boundTree) leaf(x []float64) int {
	i := 0
	if x[t.measure[0]] > t.at[0] {
		i = 1
	}
	j := 0
	if x[t.measure[1+i]] > t.at[1+i] {
		j = 1
	}
	return 2*i + j
}

func (t *boundTree) value(x []float64) float64 { return t.leaves[t.leaf(x)] }

// Bind returns the trees with their splits resolved against names. A split
// on a measure the layout lacks is an error, as a weight for one is for a
// Model.
func (m Trees) Bind(names []string) (*Boosted, error) {
	b := &Boosted{bias: m.Bias, trees: make([]boundTree, len(m.Trees))}
	for k, t := range m.Trees {
		for s, sp := range []Split{t.Root, t.Below[0], t.Below[1]} {
			i := slices.Index(names, sp.Measure)
			if i < 0 {
				return nil, fmt.Errorf("tree %d splits on unknown measure %q", k, sp.Measure)
			}
			if math.IsNaN(sp.At) {
				// Every comparison with NaN is false: the split would
				// send everything left, whatever the file meant.
				return nil, fmt.Errorf("tree %d splits %q at NaN", k, sp.Measure)
			}
			b.trees[k].measure[s], b.trees[k].at[s] = i, sp.At
		}
		for _, v := range t.Leaves {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("tree %d has a leaf of %v", k, v)
			}
		}
		b.trees[k].leaves = t.Leaves
	}
	if math.IsNaN(m.Bias) || math.IsInf(m.Bias, 0) {
		return nil, fmt.Errorf("trees have a bias of %v", m.Bias)
	}
	return b, nil
}

// Model returns b as Trees over names.
func (b *Boosted) Model(names []string) Trees {
	m := Trees{Bias: b.bias, Trees: make([]Tree, len(b.trees))}
	for k, t := range b.trees {
		m.Trees[k] = Tree{
			Root:   Split{names[t.measure[0]], t.at[0]},
			Below:  [2]Split{{names[t.measure[1]], t.at[1]}, {names[t.measure[2]], t.at[2]}},
			Leaves: t.leaves,
		}
	}
	return m
}

// Probability returns the probability of a yes for x.
func (b *Boosted) Probability(x []float64) float64 {
	z := b.bias
	for k := range b.trees {
		z += b.trees[k].value(x)
	}
	return sigmoid(z)
}

// Boosting settings: how many trees, how much of each is kept (the
// shrinkage that makes many small steps generalise better than a few large
// ones), the split points tried for each measure, the least curvature a
// leaf must hold (with the samples' weights adding up to 1), which keeps a
// leaf from fitting a handful of questions, and a penalty on leaf values
// that does the same for a leaf of nearly certain ones.
const (
	boostTrees   = 100
	boostRate    = 0.2
	boostBins    = 16
	boostMinHess = 0.002
	boostL2      = 1e-3
)

// FitBoosted fits Trees of y from x by gradient boosting on the weighted
// logistic loss (Newton steps on each leaf). A measure with at most 16
// values may split between any two of them; one with more, at the
// sixteenths of its values (counted unweighted) and above its least. A
// nil weight counts every sample once. A NaN measure goes left of every
// split, as Probability sends it. The fit is deterministic: ties between
// splits go to the first measure and the lowest point.
func FitBoosted(x [][]float64, y []bool, weight []float64, dims int) *Boosted {
	n := len(x)
	w := make([]float64, n)
	var total, pos float64
	for i := range n {
		w[i] = 1
		if weight != nil {
			w[i] = weight[i]
		}
		total += w[i]
		if y[i] {
			pos += w[i]
		}
	}
	b := &Boosted{}
	if n == 0 || total <= 0 {
		return b
	}
	for i := range w {
		w[i] /= total
	}
	// A prior of 0.1% of the weight each way keeps the bias finite when
	// every sample is a yes or a no.
	pos /= total
	b.bias = math.Log((pos + 1e-3) / (1 - pos + 1e-3))

	// Each measure's split points, and each sample's bin: the number of
	// points below its value, so that it goes left of point p when its
	// bin is at most p.
	points := make([][]float64, dims)
	bins := make([][]uint8, dims)
	for f := range dims {
		points[f] = splitPoints(x, f)
		bins[f] = make([]uint8, n)
		for i := range n {
			if v := x[i][f]; !math.IsNaN(v) {
				bins[f][i] = uint8(sort.SearchFloat64s(points[f], v))
			}
		}
	}

	z := make([]float64, n) // each sample's log-odds so far
	for i := range z {
		z[i] = b.bias
	}
	grad, hess := make([]float64, n), make([]float64, n)
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	for range boostTrees {
		for i := range n {
			p := sigmoid(z[i])
			t := 0.0
			if y[i] {
				t = 1
			}
			grad[i], hess[i] = w[i]*(t-p), w[i]*p*(1-p)
		}
		rf, rp := bestSplit(bins, points, grad, hess, all)
		if rf < 0 {
			break
		}
		var t boundTree
		t.measure[0], t.at[0] = rf, points[rf][rp]
		var sides [2][]int
		for _, i := range all {
			s := 0
			if int(bins[rf][i]) > rp {
				s = 1
			}
			sides[s] = append(sides[s], i)
		}
		for s, idx := range sides {
			f, p := bestSplit(bins, points, grad, hess, idx)
			// A side with no split sends everything left of the
			// largest value (JSON has no infinity).
			at := math.MaxFloat64
			if f < 0 {
				f = 0
			} else {
				at = points[f][p]
			}
			t.measure[1+s], t.at[1+s] = f, at
		}
		var g, h [4]float64
		for i := range n {
			l := t.leaf(x[i])
			g[l] += grad[i]
			h[l] += hess[i]
		}
		for l := range t.leaves {
			t.leaves[l] = boostRate * g[l] / (h[l] + boostL2)
		}
		b.trees = append(b.trees, t)
		for i := range n {
			z[i] += t.value(x[i])
		}
	}
	return b
}

// splitPoints returns the values of measure f that a split may send
// samples left of (at or below), in increasing order, at most boostBins of
// them. A measure of few values gets every value but its largest, so that
// a flag set on a few samples can be split on at either end.
func splitPoints(x [][]float64, f int) []float64 {
	vals := make([]float64, 0, len(x))
	for _, xi := range x {
		if !math.IsNaN(xi[f]) {
			vals = append(vals, xi[f])
		}
	}
	if len(vals) == 0 {
		return nil
	}
	sort.Float64s(vals)
	distinct := slices.Compact(slices.Clone(vals))
	if len(distinct) <= boostBins {
		return distinct[:len(distinct)-1]
	}
	points := []float64{vals[0]}
	for q := 1; q < boostBins; q++ {
		v := vals[q*len(vals)/boostBins]
		if v < vals[len(vals)-1] && v > points[len(points)-1] {
			points = append(points, v)
		}
	}
	return points
}

// bestSplit returns the measure and split point that most reduce the
// second-order loss of the samples idx, or -1 when no split leaves
// boostMinHess of curvature on each side or gains anything.
func bestSplit(bins [][]uint8, points [][]float64, grad, hess []float64, idx []int) (measure, point int) {
	var G, H float64
	for _, i := range idx {
		G += grad[i]
		H += hess[i]
	}
	parent := G * G / (H + boostL2)
	measure, point = -1, -1
	best := 1e-12
	var hg, hh [boostBins + 1]float64 // a bin for each point, and one above them
	for f := range points {
		clear(hg[:])
		clear(hh[:])
		for _, i := range idx {
			hg[bins[f][i]] += grad[i]
			hh[bins[f][i]] += hess[i]
		}
		var gl, hl float64
		for p := range points[f] {
			gl += hg[p]
			hl += hh[p]
			gr, hr := G-gl, H-hl
			if hl < boostMinHess || hr < boostMinHess {
				continue
			}
			if gain := gl*gl/(hl+boostL2) + gr*gr/(hr+boostL2) - parent; gain > best {
				measure, point, best = f, p, gain
			}
		}
	}
	return measure, point
}
