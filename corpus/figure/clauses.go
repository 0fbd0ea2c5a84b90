package figure

// Bounds on the attributions and clause boundaries looked at in one
// sentence; they keep Extract linear on hostile input.
const (
	maxAttrs  = 16
	maxBounds = 24
)

// sent is one sentence being attributed.
type sent struct {
	s, e   int   // token range
	figs   []raw // its figures
	attrs  []attr
	bounds []int // tokens that start a new clause: ";", ", and <subject>", ", while", ", which"
	hard   []int // ";" only
}

func (c *sent) addBound(k int, hard bool) {
	// Reslicing rather than append keeps the buffers on the stack.
	if n := len(c.bounds); n < cap(c.bounds) {
		c.bounds = c.bounds[:n+1]
		c.bounds[n] = k
	}
	if n := len(c.hard); hard && n < cap(c.hard) {
		c.hard = c.hard[:n+1]
		c.hard[n] = k
	}
}

// region numbers the clause that token k is in.
func (c *sent) region(k int) int {
	n := 0
	for _, b := range c.bounds {
		if b >= k {
			break
		}
		n++
	}
	return n
}

// part numbers the part of the sentence between semicolons that k is in.
func (c *sent) part(k int) int {
	n := 0
	for _, b := range c.hard {
		if b >= k {
			break
		}
		n++
	}
	return n
}

// preBefore reports a claim verb before attribution i in its clause.
func (c *sent) preBefore(i int) bool {
	for j := i - 1; j >= 0; j-- {
		o := &c.attrs[j]
		if o.region != c.attrs[i].region {
			return false
		}
		if o.kind == akPre {
			return true
		}
	}
	return false
}

// inFigure reports whether token k is part of one of the sentence's figures.
func (c *sent) inFigure(k int) bool {
	// The figures are in order and do not overlap: find the last that
	// starts at or before k.
	lo, hi := 0, len(c.figs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if c.figs[m].start <= k {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo > 0 && k < c.figs[lo-1].end
}

// commaBoundary reports whether the comma at k starts a new clause with its
// own subject: ", and law firms put", ", while Baidu CEO Robin Li believed",
// ", which CNBC described". ", and that …" and ", while noting …" go on with
// the clause before.
func (p *attributor) commaBoundary(k int) bool {
	w := k + 1
	switch {
	case p.wordIs(w, "which"):
		return true
	case p.wordIs(w, "and") || p.wordIs(w, "but") || p.wordIs(w, "while") || p.wordIs(w, "whereas") ||
		p.wordIs(w, "although") || p.wordIs(w, "though") || p.wordIs(w, "when") || p.wordIs(w, "yet"):
	default:
		return false
	}
	n := w + 1
	if p.wordIs(n, "that") || p.wordIs(n, "then") || p.wordIs(n, "also") {
		return false
	}
	if p.isWord(n) && !p.isCapitalised(n) && (p.has(n, wClaim|wBe) || p.ingOrEd(n)) {
		return false
	}
	return true
}
