package corpustest

import "math"

// rng is a splitmix64 pseudo-random generator.
//
// The package uses its own generator rather than math/rand so that a corpus
// depends only on this package's source: the same seed gives byte-identical
// files with every Go release, which lets tests record expectations about a
// generated corpus and lets benchmarks compare runs across toolchains.
type rng struct{ s uint64 }

// Streams separate the kinds of generated document, so that
// Distractors(n, 1) and Large(p, 1) are unrelated.
const (
	streamDistractor = 0x64697374726163 // "distrac"
	streamLarge      = 0x6c61726765     // "large"
	streamLargePlan  = 0x706c616e       // "plan"
	streamQuestion   = 0x7175657374     // "quest"
)

func mix64(z uint64) uint64 {
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// newRNG returns the generator for document index of a stream. Each document
// has its own generator so that documents can be produced independently: the
// first k distractors are the same whatever n is, and a large corpus can be
// streamed without generating what came before.
func newRNG(seed int64, stream, index uint64) *rng {
	s := mix64(uint64(seed) ^ mix64(stream+0x9e3779b97f4a7c15))
	return &rng{s: mix64(s ^ mix64(index+0x632be59bd9b4e019))}
}

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	return mix64(r.s)
}

// intn returns a number in [0, n). n must be positive and below 1<<32; the
// multiply-shift reduction has a bias below 2^-32, irrelevant here.
func (r *rng) intn(n int) int {
	return int((r.next() >> 32) * uint64(n) >> 32)
}

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// chance reports true with probability p.
func (r *rng) chance(p float64) bool {
	return float64(r.next()>>11) < p*(1<<53)
}

func pick[T any](r *rng, xs []T) T { return xs[r.intn(len(xs))] }

// zipf samples ranks 0..n-1 with probability proportional to 1/(rank+q)^s
// (the Zipf–Mandelbrot law that word frequencies in news text follow), in
// constant time per draw with Walker's alias method.
type zipf struct {
	prob  []uint32 // acceptance threshold of each column, scaled to 2^32
	alias []uint32
}

func newZipf(n int, s, q float64) *zipf {
	w := make([]float64, n)
	var sum float64
	for i := range w {
		w[i] = math.Pow(float64(i+1)+q, -s)
		sum += w[i]
	}
	// Vose's construction: scale weights so that their mean is 1, then pair
	// every column below 1 with one above.
	scaled := make([]float64, n)
	var small, large []int
	for i := range w {
		scaled[i] = w[i] * float64(n) / sum
		if scaled[i] < 1 {
			small = append(small, i)
		} else {
			large = append(large, i)
		}
	}
	z := &zipf{prob: make([]uint32, n), alias: make([]uint32, n)}
	for len(small) > 0 && len(large) > 0 {
		l := small[len(small)-1]
		small = small[:len(small)-1]
		g := large[len(large)-1]
		z.prob[l] = uint32(scaled[l] * (1 << 32))
		z.alias[l] = uint32(g)
		scaled[g] -= 1 - scaled[l]
		if scaled[g] < 1 {
			large = large[:len(large)-1]
			small = append(small, g)
		}
	}
	for _, i := range append(small, large...) {
		z.prob[i] = 1<<32 - 1
		z.alias[i] = uint32(i)
	}
	return z
}

func (z *zipf) sample(r *rng) int {
	x := r.next()
	i := int((x >> 32) * uint64(len(z.prob)) >> 32)
	if uint32(x) < z.prob[i] {
		return i
	}
	return int(z.alias[i])
}
