package lexicon

import (
	"bytes"
	"compress/flate"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
)

// wordnetBin is the part of WordNet the package reads, written by gen.go,
// whose encode method describes the format.
//
//go:embed wordnet.bin
var wordnetBin []byte

// magic starts the data file, as gen.go writes it.
const magic = "wordnet-lexicon 4\n"

// The parts of speech, as bit numbers of data.pos and the low two bits of
// an exception's base.
const (
	posNoun = iota
	posVerb
	posAdj
	posAdv
)

// Noun lexicographer files are numbered 3 (noun.Tops) to 28 (noun.time) in
// WordNet; Class has a bit for each.
const (
	firstNounFile = 3
	lastNounFile  = 28
	instanceBit   = 128
)

// data is the decoded lexicon. It is read-only once loaded, which makes
// the package safe for concurrent use.
type data struct {
	text   string              // the lemmas, sorted bytewise, end to end
	off    []uint32            // lemma i is text[off[i]:off[i+1]]
	pos    []uint8             // bit p is set when lemma i is a lemma of part of speech p
	maxLen int                 // the length of the longest lemma
	exc    map[string][]uint32 // inflected form → lemma<<2 | part of speech

	lex    []uint8  // each noun synset's lexicographer file, plus instanceBit
	up     []uint32 // noun synset i's hypernyms are parent[up[i]:up[i+1]]
	parent []uint32

	// Lemma i's entry, its first noun synsets and related words, is
	// entries[at[i]:at[i+1]], the lemmas section of the data file, which
	// is read in place.
	entries []byte
	at      []uint32
}

// db is the lexicon, decoded on first use. The package tests check the
// embedded file, so a failure to decode it leaves an empty lexicon rather
// than a panic in the caller.
var db = sync.OnceValue(func() *data {
	d, err := load(wordnetBin)
	if err != nil {
		return &data{}
	}
	return d
})

// decoder reads the varints of the data file, remembering the first error
// so that load checks once per section. It moves an index rather than
// reslicing b, as storing a slice would cost a write barrier per number
// while the collector runs.
type decoder struct {
	b   []byte
	i   int
	err error
}

func (d *decoder) uint() int {
	if d.i < len(d.b) && d.b[d.i] < 0x80 {
		// Most numbers fit a byte: the load spends its time here.
		d.i++
		return int(d.b[d.i-1])
	}
	v, n := binary.Uvarint(d.b[min(d.i, len(d.b)):])
	if n <= 0 || v > 1<<31 {
		d.fail()
		return 0
	}
	d.i += n
	return int(v)
}

// below reads a number that must be less than n, as a lemma or synset
// number must be less than their count: lookups then need no bounds check,
// and corrupt counts cannot ask for gigabytes.
func (d *decoder) below(n int) int {
	v := d.uint()
	if v >= n {
		d.fail()
		return 0
	}
	return v
}

func (d *decoder) bytes(n int) []byte {
	if n > d.left() {
		d.fail()
		return nil
	}
	d.i += n
	return d.b[d.i-n : d.i]
}

// left returns the count of bytes left to read.
func (d *decoder) left() int {
	return len(d.b) - d.i
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errors.New("truncated or corrupt data")
	}
	d.i = len(d.b)
}

// load decodes the data file that gen.go writes.
func load(file []byte) (*data, error) {
	if !bytes.HasPrefix(file, []byte(magic)) {
		return nil, errors.New("lexicon data: not a lexicon file")
	}
	dec := decoder{b: file[len(magic):]}
	zlen, size := dec.below(len(file)), dec.below(1<<26)
	synsets, entries := dec.below(len(file)), dec.below(len(file))
	z := dec.bytes(zlen)
	d := &data{}
	if err := d.loadWords(z, size); err != nil {
		return nil, err
	}
	if err := d.loadSynsets(dec.bytes(synsets)); err != nil {
		return nil, err
	}
	d.entries = dec.bytes(entries)
	if err := d.loadEntries(); err != nil {
		return nil, err
	}
	if dec.err != nil || dec.left() > 0 {
		return nil, errors.New("lexicon data: wrong section lengths")
	}
	return d, nil
}

// loadWords decodes the words section: the lemmas and the exceptions.
func (d *data) loadWords(z []byte, size int) error {
	raw := make([]byte, size)
	if _, err := io.ReadFull(flate.NewReader(bytes.NewReader(z)), raw); err != nil {
		return fmt.Errorf("lexicon words: %w", err)
	}
	dec := decoder{b: raw}
	n := dec.below(len(raw))
	d.off = make([]uint32, n+1)
	d.pos = make([]uint8, n)
	var text strings.Builder
	text.Grow(dec.below(1 << 26))
	var lemma []byte
	for i := range n {
		shared := dec.uint()
		// The part-of-speech byte, below ' ', ends the lemma.
		end := dec.i
		for end < len(dec.b) && dec.b[end] >= ' ' {
			end++
		}
		if shared > len(lemma) || end == len(dec.b) {
			dec.fail()
			break
		}
		lemma = append(lemma[:shared], dec.b[dec.i:end]...)
		text.Write(lemma)
		d.pos[i] = dec.b[end]
		dec.i = end + 1
		d.off[i+1] = uint32(text.Len())
		d.maxLen = max(d.maxLen, len(lemma))
	}
	d.text = text.String()

	ne := dec.below(dec.left())
	d.exc = make(map[string][]uint32, ne)
	// The forms are cut from one string, and the bases from one slice, as
	// thousands of small allocations would slow the load.
	rest, at := string(dec.b[dec.i:]), dec.i
	all := make([]uint32, 0, ne*2)
	for range ne {
		l := dec.uint()
		from := dec.i - at
		dec.bytes(l)
		form := rest[from : dec.i-at]
		first := len(all)
		for range dec.below(dec.left()) {
			all = append(all, uint32(dec.below(n<<2)))
		}
		d.exc[form] = all[first:len(all):len(all)]
	}
	if dec.err != nil || dec.left() > 0 {
		return errors.New("lexicon words: truncated or corrupt data")
	}
	return nil
}

// loadSynsets decodes the synsets section: the noun synsets' lexicographer
// files and hypernyms.
func (d *data) loadSynsets(b []byte) error {
	dec := decoder{b: b}
	m := dec.below(len(b))
	d.lex = make([]uint8, m)
	d.up = make([]uint32, m+1)
	d.parent = make([]uint32, 0, m+m/16) // few synsets have two hypernyms
	for i := range m {
		lex := dec.uint()
		if f := lex &^ instanceBit; f < firstNounFile || f > lastNounFile {
			dec.fail()
		}
		d.lex[i] = uint8(lex)
		for range dec.below(dec.left()) {
			d.parent = append(d.parent, uint32(dec.below(m)))
		}
		d.up[i+1] = uint32(len(d.parent))
	}
	if dec.err != nil || dec.left() > 0 {
		return errors.New("lexicon synsets: truncated or corrupt data")
	}
	return nil
}

// loadEntries finds where each lemma's entry starts in the lemmas
// section. It only reads their lengths; entry and relations check the
// numbers.
func (d *data) loadEntries() error {
	n := len(d.pos)
	d.at = make([]uint32, n+1)
	dec := decoder{b: d.entries}
	for i := range n {
		dec.bytes(dec.uint() >> 2)
		d.at[i+1] = uint32(dec.i)
	}
	if dec.err != nil || dec.left() > 0 {
		return errors.New("lexicon lemmas: truncated or corrupt data")
	}
	return nil
}

func (d *data) lemma(i int) string {
	return d.text[d.off[i]:d.off[i+1]]
}

// find returns the number of lemma w, or -1.
func (d *data) find(w string) int {
	n := len(d.pos)
	i := sort.Search(n, func(i int) bool { return d.lemma(i) >= w })
	if i < n && d.lemma(i) == w {
		return i
	}
	return -1
}

// isLemma returns the number of w if it is a lemma of part of speech p, or
// -1.
func (d *data) isLemma(w string, p int) int {
	if i := d.find(w); i >= 0 && d.pos[i]&(1<<p) != 0 {
		return i
	}
	return -1
}

// entry is a lemma's entry in the lemmas section.
type entry struct {
	nouns  [2]int32 // its first noun synsets,
	nNouns int      // this many
	dec    decoder  // at its related words, which end the entry
}

func (d *data) entry(i int) entry {
	e := entry{dec: decoder{b: d.entries[:d.at[i+1]], i: int(d.at[i])}}
	for range e.dec.uint() & 3 {
		if s := e.dec.uint(); s < len(d.lex) && e.nNouns < len(e.nouns) {
			e.nouns[e.nNouns] = int32(s)
			e.nNouns++
		}
	}
	return e
}

// relations appends to dst lemma i's related words, as kind<<kindShift |
// lemma, sorted.
func (d *data) relations(dst []uint32, i int) []uint32 {
	e := d.entry(i)
	id, kind := 0, 0
	for e.dec.left() > 0 {
		v := e.dec.uint()
		if v&3 != kind {
			id, kind = 0, v&3
		}
		if id += v >> 2; id < len(d.pos) && kind != 0 {
			dst = append(dst, uint32(kind)<<kindShift|uint32(id))
		}
	}
	return dst
}

// kindShift puts a relation's kind above its lemma number, so that sorting
// orders relations by kind, then alphabetically.
const kindShift = 28
