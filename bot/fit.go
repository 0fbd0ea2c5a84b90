package bot

import "slices"

// Renderer turns a Document into a platform's message, M: a string for
// the terminal, embeds for Discord, blocks for Slack. Escaping, emphasis,
// links, quotes and how the platform counts characters (runes, UTF-16
// units, bytes) are its own business; Fit needs of it only the message and
// whether the platform would take it.
type Renderer[M any] interface {
	// Render renders every block of d, as long as they are: it does not
	// leave blocks out to fit, which is Fit's job, but cuts a text to the
	// most a single part of the message may hold.
	Render(d *Document) M
	// Fits reports whether m is within all of the platform's limits:
	// message length, number of blocks, embeds or fields, and the length
	// of each.
	Fits(m M) bool
}

// Fit lays d out within r's limits and returns the document that fits and
// its message. It walks the blocks in order; each takes as much as it can
// (every item of a list, all of a quote up to its Max), keeping room for
// every later block of higher priority at that block's smallest, and gives
// way when there is not enough: a list loses items from its end, a quote
// is cut, down to one item or MinQuote characters, and then the block is
// dropped. Required blocks are always kept. The sources are numbered again
// after cutting, so that every number shown has its source shown.
//
// So the first passage is cut before the figures lose a line, but not
// below MinQuote; the figures lose lines before the first passage is
// dropped; and later passages, being of lower priority, take only what
// room the figures leave.
func Fit[M any](d *Document, r Renderer[M]) (*Document, M) {
	f := fitter[M]{r: r, d: d, size: make([]int, len(d.Blocks))}
	for i, b := range d.Blocks {
		f.size[i] = -1 // not placed yet
		if b.Priority == PriorityRequired {
			f.size[i] = maxSize(b)
		}
	}
	for i, b := range d.Blocks {
		if b.Priority != PriorityRequired {
			f.size[i] = f.largest(i)
		}
	}
	out := f.doc(-1, 0)
	return out, r.Render(out)
}

// fitter holds the sizes chosen so far for the blocks of a document: for
// a list the items it keeps, for a quote its Max, for any other block 1;
// 0 for a block dropped and -1 for one not placed yet.
type fitter[M any] struct {
	r    Renderer[M]
	d    *Document
	size []int
}

// largest is the largest size block i can take, or 0 if even its smallest
// does not fit. It tries the whole block first, since most replies fit,
// and then searches between its smallest and whole sizes.
func (f *fitter[M]) largest(i int) int {
	b := f.d.Blocks[i]
	lo, hi := minSize(b), maxSize(b)
	if f.fits(i, hi) {
		return hi
	}
	if lo >= hi || !f.fits(i, lo) {
		return 0
	}
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if f.fits(i, mid) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// fits reports whether the message fits with block i at size n, the
// blocks before it as placed, and the later blocks of higher priority at
// their smallest.
func (f *fitter[M]) fits(i, n int) bool {
	return f.r.Fits(f.r.Render(f.doc(i, n)))
}

// doc is the document with block i at size n and every other block as
// fits describes it; i < 0 gives the document as placed.
func (f *fitter[M]) doc(i, n int) *Document {
	out := *f.d
	out.Blocks = nil
	for j, b := range f.d.Blocks {
		size := f.size[j]
		switch {
		case j == i:
			size = n
		case size < 0 && i >= 0 && b.Priority > f.d.Blocks[i].Priority:
			size = minSize(b) // room kept for it
		}
		if size > 0 {
			out.Blocks = append(out.Blocks, resize(b, size))
		}
	}
	out.number()
	return &out
}

// minSize is the smallest a block is shown at before it is dropped: a
// quote of MinQuote characters, a list of one item, any other block whole.
func minSize(b Block) int {
	if b.Quote != nil {
		return min(MinQuote, b.Quote.Max)
	}
	return 1
}

// maxSize is the size of the whole block.
func maxSize(b Block) int {
	switch {
	case b.Quote != nil:
		return b.Quote.Max
	case b.items() > 0:
		return b.items()
	}
	return 1
}

// resize returns a copy of b at size n, sharing nothing that numbering
// writes to with b.
func resize(b Block, n int) Block {
	switch {
	case b.Quote != nil:
		q := *b.Quote
		q.Max = n
		b.Quote = &q
	case b.Kind == BlockFigures:
		b.Figures = slices.Clone(b.Figures[:min(n, len(b.Figures))])
	case b.Kind == BlockLinks:
		b.Links = b.Links[:min(n, len(b.Links))]
	case b.Kind == BlockArticles:
		b.Articles = b.Articles[:min(n, len(b.Articles))]
	case b.Kind == BlockFeeds:
		b.Feeds = b.Feeds[:min(n, len(b.Feeds))]
	}
	b.Refs = nil
	return b
}
