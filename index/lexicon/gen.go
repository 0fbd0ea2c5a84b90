//go:build ignore

// Gen writes wordnet.bin, the lexicon package's compiled-in data, from the
// WordNet 3.0 database files (Debian's wordnet-base installs them in
// /usr/share/wordnet):
//
//	go run gen.go [-dict /usr/share/wordnet] [-o wordnet.bin]
//
// It keeps only what the package's API reads, and its output depends on
// nothing but the input files, so that a rerun is byte-identical and the
// package test can check the embedded file against the dictionary.
package main

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// The four WordNet parts of speech, in the order of the package's posNoun
// ... posAdv, which number the bits of a lemma's part-of-speech byte.
var posNames = [4]string{"noun", "verb", "adj", "adv"}

// The relation kinds as the package numbers them (Synonym, Derived,
// Pertains).
const (
	synonym  = 1
	derived  = 2
	pertains = 3
)

// Each lemma's senses and relations are taken from its first senses only:
// WordNet orders senses by corpus frequency, and later ones are mostly
// rare readings that would make the relations noisy.
const firstSenses = 2

// magic starts the data file; the package checks it to notice a file of
// another format.
const magic = "wordnet-lexicon 4\n"

func main() {
	dict := flag.String("dict", "/usr/share/wordnet", "folder of the WordNet 3.0 database files")
	out := flag.String("o", "wordnet.bin", "file to write")
	flag.Parse()
	data, err := generate(*dict)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		log.Fatal(err)
	}
}

// synset is one synset of a data.* file.
type synset struct {
	lexfile  int
	words    []string // lower-case lemmas, spaces between words
	pointers []pointer
}

// pointer is one pointer of a synset. src and dst number the words of the
// synsets from 1; 0 makes it a semantic pointer, from or to all of them.
type pointer struct {
	symbol   string
	target   key
	src, dst int
}

// key names a synset by its part of speech (an index of posNames, with
// adjective satellites under "adj", as WordNet's files keep them) and its
// byte offset in that data file.
type key struct {
	pos    int
	offset int
}

// wordnet is what generate reads from the database.
type wordnet struct {
	senses  [4]map[string][]key // lemma → synsets, in sense order
	synsets map[key]*synset
	exc     [4]map[string][]string // inflected form → base forms
}

func generate(dict string) ([]byte, error) {
	wn := wordnet{synsets: map[key]*synset{}}
	for p, name := range posNames {
		var err error
		if wn.senses[p], err = readIndex(filepath.Join(dict, "index."+name), p); err != nil {
			return nil, err
		}
		if err := readData(filepath.Join(dict, "data."+name), p, wn.synsets); err != nil {
			return nil, err
		}
		if wn.exc[p], err = readExc(filepath.Join(dict, name+".exc")); err != nil {
			return nil, err
		}
	}
	return wn.encode()
}

// lines calls f with each line of the file at path, but the licence lines
// (indented by two spaces) that start WordNet's index and data files.
func lines(path string, f func(fields []string) error) error {
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "  ") || strings.TrimSpace(line) == "" {
			continue
		}
		if err := f(strings.Fields(line)); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}

// lemmaOf turns a word of the database into the package's form: lower
// case, words separated by a space.
func lemmaOf(w string) string {
	return strings.ToLower(strings.ReplaceAll(w, "_", " "))
}

// readIndex reads an index.* file: lemma pos synset_cnt p_cnt [ptr...]
// sense_cnt tagsense_cnt offset... with the offsets in sense order.
func readIndex(path string, pos int) (map[string][]key, error) {
	senses := map[string][]key{}
	err := lines(path, func(f []string) error {
		if len(f) < 6 {
			return fmt.Errorf("short index line")
		}
		n, err := strconv.Atoi(f[2])
		if err != nil {
			return fmt.Errorf("synset count: %w", err)
		}
		if len(f) < n {
			return fmt.Errorf("index line lacks offsets")
		}
		var keys []key
		for _, s := range f[len(f)-n:] {
			off, err := strconv.Atoi(s)
			if err != nil {
				return fmt.Errorf("offset: %w", err)
			}
			keys = append(keys, key{pos, off})
		}
		senses[lemmaOf(f[0])] = keys
		return nil
	})
	return senses, err
}

// posIndex maps a part of speech letter of the data files to posNames.
var posIndex = map[string]int{"n": 0, "v": 1, "a": 2, "s": 2, "r": 3}

// readData reads a data.* file: offset lex_filenum ss_type w_cnt (word
// lex_id)... p_cnt (symbol offset pos src/dst)... [frames] | gloss.
func readData(path string, pos int, synsets map[key]*synset) error {
	return lines(path, func(f []string) error {
		if len(f) < 4 {
			return fmt.Errorf("short data line")
		}
		off, err1 := strconv.Atoi(f[0])
		lexfile, err2 := strconv.Atoi(f[1])
		nw, err3 := strconv.ParseInt(f[3], 16, 0)
		if err := errors.Join(err1, err2, err3); err != nil {
			return fmt.Errorf("synset header: %w", err)
		}
		s := &synset{lexfile: lexfile}
		i := 4
		for range nw {
			if i+1 >= len(f) {
				return fmt.Errorf("data line lacks words")
			}
			w := f[i]
			// Adjectives may carry a syntactic marker: "galore(ip)".
			if j := strings.IndexByte(w, '('); j > 0 {
				w = w[:j]
			}
			s.words = append(s.words, lemmaOf(w))
			i += 2
		}
		np, err := strconv.Atoi(f[i])
		if err != nil {
			return fmt.Errorf("pointer count: %w", err)
		}
		i++
		for range np {
			if i+3 >= len(f) {
				return fmt.Errorf("data line lacks pointers")
			}
			target, err1 := strconv.Atoi(f[i+1])
			srcDst, err2 := strconv.ParseUint(f[i+3], 16, 16)
			if err := errors.Join(err1, err2); err != nil {
				return fmt.Errorf("pointer %q: %w", strings.Join(f[i:i+4], " "), err)
			}
			p, ok := posIndex[f[i+2]]
			if !ok {
				return fmt.Errorf("pointer %q: unknown part of speech", strings.Join(f[i:i+4], " "))
			}
			s.pointers = append(s.pointers, pointer{
				symbol: f[i],
				target: key{p, target},
				src:    int(srcDst >> 8),
				dst:    int(srcDst & 0xff),
			})
			i += 4
		}
		synsets[key{pos, off}] = s
		return nil
	})
}

// readExc reads an exception list: an inflected form, then its base forms.
func readExc(path string) (map[string][]string, error) {
	exc := map[string][]string{}
	err := lines(path, func(f []string) error {
		if len(f) < 2 {
			return fmt.Errorf("exception without a base form")
		}
		form := lemmaOf(f[0])
		for _, b := range f[1:] {
			exc[form] = append(exc[form], lemmaOf(b))
		}
		return nil
	})
	return exc, err
}

// related returns the words related to lemma, by the rules of the
// package's Related.
func (wn *wordnet) related(lemma string, reversePert map[wordSense][]string) map[string]int {
	kinds := map[string]int{}
	add := func(w string, kind int) {
		if w == lemma {
			return
		}
		if k, ok := kinds[w]; !ok || kind < k {
			kinds[w] = kind
		}
	}
	for p := range posNames {
		for _, k := range first(wn.senses[p][lemma]) {
			s := wn.synsets[k]
			if s == nil {
				continue
			}
			for _, w := range s.words {
				if slices.Contains(first(wn.senses[p][w]), k) {
					add(w, synonym)
				}
			}
			for _, ptr := range s.pointers {
				kind := pointerKinds[ptr.symbol]
				t := wn.synsets[ptr.target]
				if kind == 0 || t == nil || ptr.src > len(s.words) || ptr.dst > len(t.words) ||
					ptr.src != 0 && s.words[ptr.src-1] != lemma {
					continue
				}
				if ptr.dst == 0 {
					for _, w := range t.words {
						add(w, kind)
					}
				} else {
					add(t.words[ptr.dst-1], kind)
				}
			}
			for _, w := range reversePert[wordSense{k, lemma}] {
				add(w, pertains)
			}
		}
	}
	return kinds
}

// pointerKinds gives the relation kind of the pointer symbols Related
// follows: derivationally related forms and pertainyms.
var pointerKinds = map[string]int{"+": derived, `\`: pertains}

// wordSense is a word in one of its synsets.
type wordSense struct {
	synset key
	word   string
}

// reversePertainyms maps the target of each pertainym pointer to the
// words it starts from, so that "germany" finds "german" as "german"
// finds "germany".
func (wn *wordnet) reversePertainyms() map[wordSense][]string {
	rev := map[wordSense][]string{}
	for _, k := range sortedKeys(wn.synsets) {
		s := wn.synsets[k]
		for _, ptr := range s.pointers {
			t := wn.synsets[ptr.target]
			if ptr.symbol != `\` || t == nil || ptr.src > len(s.words) || ptr.dst > len(t.words) {
				continue
			}
			for i, src := range s.words {
				for j, dst := range t.words {
					if (ptr.src == 0 || ptr.src == i+1) && (ptr.dst == 0 || ptr.dst == j+1) {
						ws := wordSense{ptr.target, dst}
						rev[ws] = append(rev[ws], src)
					}
				}
			}
		}
	}
	return rev
}

// first returns the first senses of a lemma, those the package uses.
func first(keys []key) []key {
	return keys[:min(firstSenses, len(keys))]
}

// sortedKeys returns the keys of m in file order, as the output must not
// depend on the order of a map.
func sortedKeys(m map[key]*synset) []key {
	keys := make([]key, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int {
		if a.pos != b.pos {
			return a.pos - b.pos
		}
		return a.offset - b.offset
	})
	return keys
}

// encoder writes a section of the data file, all numbers as unsigned
// varints.
type encoder struct{ bytes.Buffer }

func (e *encoder) uint(v int) {
	e.Write(binary.AppendUvarint(nil, uint64(v)))
}

// encode lays out the data file: the magic line; the length of the words
// section compressed and not, and of the other two sections; then the
// three sections.
//
// The words section is compressed (raw DEFLATE), as words shrink to half.
// It holds
//
//   - the count of lemmas and their total length;
//   - each lemma, sorted bytewise and front-coded: the length of the
//     prefix it shares with the one before, the rest, and a byte with bit
//     p set when it is a lemma of posNames[p], which also ends it;
//   - the count of exceptions, then, sorted bytewise, each inflected form
//     (length, bytes), its count of base forms and each as a lemma number
//     times 4 plus its part of speech.
//
// The other two sections are numbers, which DEFLATE shrinks by a fifth
// only while inflating them would take most of the load time. The package
// decodes the small synsets section and reads the lemmas section in place.
// The synsets section holds
//
//   - the count of noun synsets, then for each, in data.noun order, its
//     lexicographer file number plus 128 when it is an instance, its count
//     of hypernyms and instance hypernyms, and their synset numbers.
//
// The lemmas section holds, for each lemma,
//
//   - the length of the rest of its entry times 4 plus the count of its
//     first noun synsets;
//   - the synset numbers;
//   - the related words, by kind, each kind's alphabetically, each as the
//     difference of its lemma number from the one before of its kind, times
//     4, plus its kind.
func (wn *wordnet) encode() ([]byte, error) {
	lemmaSet := map[string]bool{}
	for p := range posNames {
		for l := range wn.senses[p] {
			lemmaSet[l] = true
		}
	}
	lemmas := make([]string, 0, len(lemmaSet))
	for l := range lemmaSet {
		lemmas = append(lemmas, l)
	}
	slices.Sort(lemmas)
	lemmaID := make(map[string]int, len(lemmas))
	for i, l := range lemmas {
		lemmaID[l] = i
	}
	var nouns []key
	for _, k := range sortedKeys(wn.synsets) {
		if k.pos == 0 {
			nouns = append(nouns, k)
		}
	}
	nounID := make(map[key]int, len(nouns))
	for i, k := range nouns {
		nounID[k] = i
	}

	words, err := wn.encodeWords(lemmas, lemmaID)
	if err != nil {
		return nil, err
	}
	var z bytes.Buffer
	zw, err := flate.NewWriter(&z, flate.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(words); err != nil {
		return nil, fmt.Errorf("compress: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("compress: %w", err)
	}
	synsets, err := wn.encodeSynsets(nouns, nounID)
	if err != nil {
		return nil, err
	}
	senses, err := wn.encodeLemmas(lemmas, lemmaID, nounID)
	if err != nil {
		return nil, err
	}

	var out encoder
	out.WriteString(magic)
	out.uint(z.Len())
	out.uint(len(words))
	out.uint(len(synsets))
	out.uint(len(senses))
	out.Write(z.Bytes())
	out.Write(synsets)
	out.Write(senses)
	return out.Bytes(), nil
}

// encodeWords writes the words section, uncompressed.
func (wn *wordnet) encodeWords(lemmas []string, lemmaID map[string]int) ([]byte, error) {
	var e encoder
	e.uint(len(lemmas))
	size := 0
	for _, l := range lemmas {
		size += len(l)
	}
	e.uint(size)
	prev := ""
	for _, l := range lemmas {
		if strings.ContainsFunc(l, func(r rune) bool { return r < ' ' || r > '~' }) {
			return nil, fmt.Errorf("lemma %q: not printable ASCII, which the format needs", l)
		}
		n := 0
		for n < len(l) && n < len(prev) && l[n] == prev[n] {
			n++
		}
		e.uint(n)
		e.WriteString(l[n:])
		var mask byte
		for p := range posNames {
			if wn.senses[p][l] != nil {
				mask |= 1 << p
			}
		}
		e.WriteByte(mask)
		prev = l
	}

	// An exception is kept only with the bases WordNet has as lemmas of
	// its part of speech: the package needs no others.
	bases := map[string][]int{}
	for p := range posNames {
		for form, bs := range wn.exc[p] {
			for _, b := range bs {
				if wn.senses[p][b] != nil && !slices.Contains(bases[form], lemmaID[b]*4+p) {
					bases[form] = append(bases[form], lemmaID[b]*4+p)
				}
			}
		}
	}
	forms := make([]string, 0, len(bases))
	for f := range bases {
		forms = append(forms, f)
	}
	slices.Sort(forms)
	e.uint(len(forms))
	for _, f := range forms {
		slices.Sort(bases[f])
		e.uint(len(f))
		e.WriteString(f)
		e.uint(len(bases[f]))
		for _, b := range bases[f] {
			e.uint(b)
		}
	}
	return e.Bytes(), nil
}

// encodeSynsets writes the synsets section.
func (wn *wordnet) encodeSynsets(nouns []key, nounID map[key]int) ([]byte, error) {
	var e encoder
	e.uint(len(nouns))
	for _, k := range nouns {
		s := wn.synsets[k]
		var parents []int
		instance := 0
		for _, ptr := range s.pointers {
			if ptr.symbol == "@i" {
				instance = 128
			}
			if ptr.symbol == "@" || ptr.symbol == "@i" {
				id, ok := nounID[ptr.target]
				if !ok {
					return nil, fmt.Errorf("noun synset %d: hypernym %d is not a noun synset", k.offset, ptr.target.offset)
				}
				parents = append(parents, id)
			}
		}
		slices.Sort(parents)
		e.uint(s.lexfile + instance)
		e.uint(len(parents))
		for _, id := range parents {
			e.uint(id)
		}
	}
	return e.Bytes(), nil
}

// encodeLemmas writes the lemmas section.
func (wn *wordnet) encodeLemmas(lemmas []string, lemmaID map[string]int, nounID map[key]int) ([]byte, error) {
	rev := wn.reversePertainyms()
	var e encoder
	for _, l := range lemmas {
		var byKind [pertains + 1][]int
		for w, kind := range wn.related(l, rev) {
			if id, ok := lemmaID[w]; ok {
				byKind[kind] = append(byKind[kind], id)
			}
		}
		senses := first(wn.senses[0][l])
		var entry encoder
		for _, k := range senses {
			id, ok := nounID[k]
			if !ok {
				return nil, fmt.Errorf("noun %q: no synset at %d", l, k.offset)
			}
			entry.uint(id)
		}
		for kind, ids := range byKind {
			slices.Sort(ids)
			last := 0
			for _, id := range ids {
				entry.uint((id-last)<<2 | kind)
				last = id
			}
		}
		e.uint(entry.Len()<<2 | len(senses))
		e.Write(entry.Bytes())
	}
	return e.Bytes(), nil
}
