package figure

import "math"

// figures turns raw figures into Figures; all values share one allocation.
func (p *parser) figures(raws []raw) []Figure {
	nvals := 0
	for _, r := range raws {
		switch {
		case r.isRange:
			nvals += 2
		case !r.noValue:
			nvals++
		}
	}
	vals := make([]float64, 0, nvals)
	dates := string(p.dates)
	out := make([]Figure, 0, len(raws))
	for _, r := range raws {
		if r.end <= r.start || r.end > len(p.toks) {
			continue
		}
		start, end := p.toks[r.start].start, p.toks[r.end-1].end
		f := Figure{Text: p.text[start:end], Start: start, End: end, Unit: r.unit, Kind: r.kind, Qualifier: r.qual,
			Claimant: r.claimant, Per: r.per}
		if r.dspan.n > 0 {
			f.Date = dates[r.dspan.off : r.dspan.off+r.dspan.n]
		}
		if r.countsStart >= 0 && r.countsEnd > r.countsStart {
			f.Counts = p.text[p.toks[r.countsStart].start:p.toks[r.countsEnd-1].end]
		}
		if r.perStart >= 0 && r.perEnd > r.perStart {
			f.Per = p.text[p.toks[r.perStart].start:p.toks[r.perEnd-1].end]
		}
		switch {
		case r.isRange:
			lo, hi := r.low, r.high
			if !finite(lo) || !finite(hi) || lo > hi {
				continue
			}
			vals = append(vals, snap(lo), snap(hi))
			f.Low, f.High = &vals[len(vals)-2], &vals[len(vals)-1]
		case !r.noValue:
			if !finite(r.val) {
				continue
			}
			vals = append(vals, snap(r.val))
			f.Value = &vals[len(vals)-1]
		}
		out = append(out, f)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func finite(v float64) bool { return !math.IsInf(v, 0) && !math.IsNaN(v) }

// snap removes the rounding noise that scaling decimals leaves
// ("2.788M" is 2788000, not 2788000.0000000005).
func snap(v float64) float64 {
	r := math.Round(v)
	if r != 0 && math.Abs(v-r) <= math.Abs(r)*1e-12 {
		return r
	}
	return v
}
