package lexicon

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
)

// The expectations below were checked by hand against the wn command of
// Debian's wordnet package and the WordNet 3.0 database files.

// longWord is far longer than any WordNet lemma.
var longWord = strings.Repeat("cities ", 1<<16)

func TestBase(t *testing.T) {
	for _, tt := range []struct {
		word string
		want []string // the word itself, if a lemma, then the rest in any order
	}{
		{"died", []string{"die"}},
		{"cities", []string{"city"}},
		{"ran", []string{"run"}},
		{"geese", []string{"goose"}},
		{"invented", []string{"invent"}},
		{"better", []string{"better", "good", "well"}},
		{"deepseek", nil},
		{"city", []string{"city"}},
		{"women", []string{"woman"}},
		{"mice", []string{"mouse"}},
		{"children", []string{"child"}},
		{"went", []string{"go"}},
		{"studies", []string{"study"}},
		{"leaves", []string{"leaf", "leave"}},
		{"founded", []string{"found"}},
		{"found", []string{"found", "find"}},
		{"saw", []string{"saw", "see"}},
		{"was", []string{"be", "wa"}}, // "wa" is a noun: Washington
		{"bought", []string{"buy"}},
		{"biggest", []string{"big"}},
		{"hardest", []string{"hard"}},
		{"larger", []string{"larger", "large"}},
		{"running", []string{"running", "run"}},
		{"glasses", []string{"glasses", "glass"}},
		{"axes", []string{"ax", "axis", "axe"}},
		{"universities", []string{"university"}},
		{"boxesful", []string{"boxful"}},
		{"chief executive officers", []string{"chief executive officer"}},
		{"attorneys general", []string{"attorney general"}},
		{"passed away", []string{"pass away"}},
		{"new york", []string{"new york"}},
		// The functions lower-case and trim for the caller.
		{"DIED", []string{"die"}},
		{" Cities ", []string{"city"}},
		{"", nil},
		{longWord, nil},
		// WordNet 3.0 is ASCII: "zurich", not "zürich".
		{"zürich", nil},
		{"café", nil},
		{"北京", nil},
	} {
		got := Base(tt.word)
		if !sameBases(got, tt.want) {
			t.Errorf("Base(%.20q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

// sameBases reports whether got has want's first word first and the same
// others in any order.
func sameBases(got, want []string) bool {
	if len(got) != len(want) {
		return false
	}
	if len(got) == 0 {
		return true
	}
	g, w := slices.Sorted(slices.Values(got[1:])), slices.Sorted(slices.Values(want[1:]))
	return got[0] == want[0] && slices.Equal(g, w)
}

func TestRelated(t *testing.T) {
	for _, tt := range []struct {
		word      string
		want      []Relation
		wantNot   []string
		wantEmpty bool
	}{
		{word: "die", want: []Relation{{"death", Derived}, {"decease", Synonym}, {"perish", Synonym}, {"expire", Synonym}}, wantNot: []string{"go", "pass", "die"}},
		{word: "died", want: []Relation{{"death", Derived}, {"decease", Synonym}}, wantNot: []string{"died", "die"}},
		{word: "death", want: []Relation{{"die", Derived}, {"decease", Synonym}}},
		{word: "invention", want: []Relation{{"invent", Derived}, {"innovation", Synonym}}},
		{word: "invent", want: []Relation{{"invention", Derived}, {"inventor", Derived}, {"devise", Synonym}}},
		{word: "invented", want: []Relation{{"invention", Derived}}},
		{word: "founder", want: []Relation{{"found", Derived}, {"beginner", Synonym}}},
		{word: "found", want: []Relation{{"founder", Derived}, {"foundation", Derived}, {"establish", Synonym}}},
		{word: "chinese", want: []Relation{{"china", Pertains}}},
		{word: "german", want: []Relation{{"germany", Pertains}}},
		{word: "germany", want: []Relation{{"german", Pertains}}}, // the reverse of a pertainym
		{word: "french", want: []Relation{{"france", Pertains}}},
		{word: "annually", want: []Relation{{"annual", Pertains}, {"yearly", Synonym}}},
		{word: "annual", want: []Relation{{"annually", Pertains}, {"yearly", Synonym}}},
		// WordNet links "year" to "yearly", not to "annual": the pointer
		// of their shared synset starts from "yearly" only.
		{word: "yearly", want: []Relation{{"year", Derived}, {"annual", Synonym}}},
		{word: "happy", want: []Relation{{"happiness", Derived}, {"happily", Pertains}}},
		{word: "music", want: []Relation{{"musician", Derived}, {"musical", Derived}}},
		{word: "write", want: []Relation{{"writer", Derived}, {"writing", Derived}, {"pen", Synonym}}},
		{word: "author", want: []Relation{{"writer", Synonym}, {"authorship", Derived}}},
		{word: "city", want: []Relation{{"metropolis", Synonym}, {"urban", Pertains}, {"civic", Pertains}}},
		{word: "Died", want: []Relation{{"death", Derived}}},
		{word: "deepseek", wantEmpty: true},
		{word: "", wantEmpty: true},
		{word: longWord, wantEmpty: true},
		{word: "zürich", wantEmpty: true},
	} {
		got := Related(tt.word)
		for _, r := range tt.want {
			if !slices.Contains(got, r) {
				t.Errorf("Related(%.20q) = %v, lacks %v", tt.word, got, r)
			}
		}
		for _, w := range tt.wantNot {
			if slices.ContainsFunc(got, func(r Relation) bool { return r.Word == w }) {
				t.Errorf("Related(%.20q) = %v, has %q", tt.word, got, w)
			}
		}
		if tt.wantEmpty && got != nil {
			t.Errorf("Related(%.20q) = %v, want nil", tt.word, got)
		}
	}
}

func TestRelatedOrder(t *testing.T) {
	want := []Relation{
		{"buy the farm", Synonym}, {"cash in one's chips", Synonym}, {"croak", Synonym},
		{"decease", Synonym}, {"dice", Synonym}, {"drop dead", Synonym}, {"expire", Synonym},
		{"give-up the ghost", Synonym}, {"kick the bucket", Synonym}, {"pass away", Synonym},
		{"perish", Synonym}, {"pop off", Synonym}, {"snuff it", Synonym},
		{"death", Derived},
	}
	if got := Related("die"); !slices.Equal(got, want) {
		t.Errorf("Related(%q) = %v, want %v", "die", got, want)
	}
}

// TestLemmas checks every lemma: it is its own first base form, and its
// relations are sorted, unique and never itself.
func TestLemmas(t *testing.T) {
	d := db()
	if len(d.pos) < 140000 {
		t.Fatalf("%d lemmas, want the 147306 of WordNet 3.0", len(d.pos))
	}
	for i := range d.pos {
		w := d.lemma(i)
		if b := Base(w); len(b) == 0 || b[0] != w {
			t.Fatalf("Base(%q) = %q, want %q first", w, b, w)
		}
		rels := Related(w)
		for j, r := range rels {
			if r.Word == w {
				t.Fatalf("Related(%q) has %q itself", w, w)
			}
			if j > 0 && (r.Kind < rels[j-1].Kind || r.Kind == rels[j-1].Kind && r.Word <= rels[j-1].Word) {
				t.Fatalf("Related(%q) = %v, not in order", w, rels)
			}
			if slices.ContainsFunc(rels[:j], func(o Relation) bool { return o.Word == r.Word }) {
				t.Fatalf("Related(%q) = %v, has %q twice", w, rels, r.Word)
			}
		}
	}
}

func TestClasses(t *testing.T) {
	for _, tt := range []struct {
		word string
		has  Class // among the classes
		want Class // exactly, unless 0
	}{
		{word: "hangzhou", want: Location},
		{word: "warsaw", want: Location},
		{word: "china", has: Location},
		{word: "beijing", want: Location},
		{word: "chopin", has: Person}, // sense 1 is his music
		{word: "einstein", want: Person},
		{word: "new york", want: Location},
		{word: "chief executive officer", want: Person},
		{word: "ceo", want: Person},
		{word: "cities", want: Location},
		{word: "city", want: Location},
		{word: "dog", want: Animal | Person},
		{word: "apple", want: Food | Plant},
		{word: "year", want: Time},
		{word: "minute", want: Time},
		{word: "company", want: Group},
		{word: "kilometer", want: Quantity},
		{word: "vistula", want: Object},
		{word: "shakespeare", want: Person},
		{word: "war", want: Act | State},
		{word: "Hangzhou", want: Location},
		{word: " New York ", want: Location},
	} {
		got := Classes(tt.word)
		if tt.want != 0 && got != tt.want || !got.Has(tt.has) && tt.has != 0 {
			t.Errorf("Classes(%q) = %v, want %v", tt.word, got, tt.want|tt.has)
		}
	}
	// Not in WordNet 3.0, or no noun.
	for _, w := range []string{"nvidia", "microsoft", "deepseek", "", longWord, "zürich", "北京", "quickly"} {
		if got := Classes(w); got != 0 {
			t.Errorf("Classes(%.20q) = %v, want 0", w, got)
		}
	}
}

func TestClassString(t *testing.T) {
	for c, want := range map[Class]string{
		0:                 "0",
		Tops:              "Tops",
		Time:              "Time",
		Location | Person: "Location|Person",
		Relationship:      "Relationship",
	} {
		if got := c.String(); got != want {
			t.Errorf("Class(%d).String() = %q, want %q", uint32(c), got, want)
		}
	}
	if Time != 1<<(lastNounFile-firstNounFile) || len(classNames) != lastNounFile-firstNounFile+1 {
		t.Errorf("Time = %d: not one class per noun lexicographer file", uint32(Time))
	}
	if !(Location | Person).Has(Person) || Location.Has(Person) {
		t.Error("Has does not test membership")
	}
}

func TestInstance(t *testing.T) {
	for w, want := range map[string]bool{
		"hangzhou":  true,
		"einstein":  true,
		"warsaw":    true,
		"new york":  true,
		"vistula":   true,
		"city":      false,
		"cities":    false,
		"dog":       false,
		"chopin":    false, // sense 1 is his music, not him
		"physicist": false,
		"Einstein":  true,
		"deepseek":  false,
		"":          false,
		longWord:    false,
		"zürich":    false,
	} {
		if got := Instance(w); got != want {
			t.Errorf("Instance(%.20q) = %v, want %v", w, got, want)
		}
	}
}

func TestFirstIsA(t *testing.T) {
	for _, tt := range []struct {
		word, class string
		want        bool
	}{
		{"price", "monetary value", true},
		{"deadline", "point in time", true},
		{"size", "magnitude", true},
		// A ban is first a decree, only then a coin; "li" first lithium,
		// then a Chinese mile.
		{"ban", "measure", false},
		{"li", "measure", false},
		{"hangzhou", "city", true},
		{"cities", "location", true},
		{"city", "city", true},
		{"", "city", false},
		{longWord, "city", false},
	} {
		if got := FirstIsA(tt.word, tt.class); got != tt.want {
			t.Errorf("FirstIsA(%.20q, %.20q) = %v, want %v", tt.word, tt.class, got, tt.want)
		}
		if tt.want && !IsA(tt.word, tt.class) {
			t.Errorf("FirstIsA(%.20q, %.20q) but not IsA", tt.word, tt.class)
		}
	}
}

func TestIsA(t *testing.T) {
	for _, tt := range []struct {
		word, class string
		want        bool
	}{
		{"hangzhou", "city", true},
		{"vistula", "river", true},
		{"harvard", "university", true},
		{"einstein", "physicist", true},
		{"einstein", "person", true},
		{"city", "hangzhou", false},
		{"china", "country", true},
		{"france", "country", true},
		{"paris", "city", true},
		{"london", "city", true},
		{"tokyo", "city", true},
		{"thames", "river", true},
		{"mozart", "composer", true},
		{"shakespeare", "writer", true},
		{"stanford", "university", true},
		{"dog", "animal", true},
		{"dog", "mammal", true},
		{"apple", "fruit", true},
		{"animal", "dog", false},
		{"einstein", "city", false},
		// "capital"'s first two senses are money, not cities.
		{"paris", "capital", false},
		// A word is its own class, and so are its synonyms.
		{"city", "city", true},
		{"metropolis", "city", true},
		// Both sides are lower-cased and take their noun base forms.
		{"Hangzhou", "Cities", true},
		{"cities", "location", true},
		{"deepseek", "company", false},
		{"", "city", false},
		{"city", "", false},
		{longWord, "city", false},
		{"hangzhou", longWord, false},
		{"zürich", "city", false},
	} {
		if got := IsA(tt.word, tt.class); got != tt.want {
			t.Errorf("IsA(%.20q, %.20q) = %v, want %v", tt.word, tt.class, got, tt.want)
		}
	}
}

func TestKindString(t *testing.T) {
	for k, want := range map[Kind]string{Synonym: "synonym", Derived: "derived", Pertains: "pertains", 9: "Kind(9)"} {
		if got := k.String(); got != want {
			t.Errorf("Kind(%d).String() = %q, want %q", uint8(k), got, want)
		}
	}
}

func TestConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				if Base("cities")[0] != "city" || !IsA("hangzhou", "city") ||
					!Classes("einstein").Has(Person) || len(Related("died")) == 0 {
					t.Error("wrong answer under concurrent use")
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestLoadCorrupt(t *testing.T) {
	for name, file := range map[string][]byte{
		"empty":     nil,
		"magic":     []byte(magic),
		"truncated": wordnetBin[:len(wordnetBin)/2],
		"extended":  append(slices.Clip(wordnetBin), 0),
	} {
		if _, err := load(file); err == nil {
			t.Errorf("load(%s) succeeded", name)
		}
	}
}

// TestCorruptSenses checks that lookups in a lexicon whose lemmas section
// is wrong, which load skips rather than reads, give wrong answers, not
// panics.
func TestCorruptSenses(t *testing.T) {
	d, err := load(wordnetBin)
	if err != nil {
		t.Fatal(err)
	}
	d.entries = slices.Clone(d.entries)
	for i := range d.entries {
		d.entries[i] ^= byte(i) // varint lengths change too
	}
	for i := 0; i < len(d.pos); i += 3 {
		w := d.lemma(i)
		d.base(w)
		d.related(w)
		d.classes(w)
		d.instance(w)
		d.isA(w, "city", false)
	}
}

// TestEmpty checks the empty lexicon that a failed load leaves.
func TestEmpty(t *testing.T) {
	d := &data{}
	for _, w := range []string{"cities", "die", "a", "", longWord} {
		if d.base(w) != nil || d.related(w) != nil || d.classes(w) != 0 || d.instance(w) || d.isA(w, w, false) {
			t.Errorf("the empty lexicon knows %.20q", w)
		}
	}
}

// TestGenerate checks that the embedded file is what gen.go makes of the
// dictionary, byte for byte.
func TestGenerate(t *testing.T) {
	const dict = "/usr/share/wordnet"
	if _, err := os.Stat(filepath.Join(dict, "data.noun")); err != nil {
		t.Skipf("the WordNet 3.0 database is not installed in %s (apt-get install wordnet-base): %v", dict, err)
	}
	if testing.Short() {
		t.Skip("generating takes seconds")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command to run gen.go: %v", err)
	}
	out := filepath.Join(t.TempDir(), "wordnet.bin")
	cmd := exec.Command(goCmd, "run", "gen.go", "-dict", dict, "-o", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run gen.go: %v\n%s", err, msg)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, wordnetBin) {
		t.Errorf("gen.go wrote %d bytes unlike the embedded wordnet.bin (%d bytes): run go generate", len(got), len(wordnetBin))
	}
}

// TestMemory logs the heap the loaded lexicon holds, which the package
// documentation states.
func TestMemory(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	d, err := load(wordnetBin)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(d)
	t.Logf("the loaded lexicon holds %.1f MB of heap", float64(after.HeapAlloc-before.HeapAlloc)/1e6)
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := load(wordnetBin); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBase(b *testing.B) {
	words := []string{"died", "cities", "better", "geese", "deepseek", "chief executive officers"}
	db()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Base(words[i%len(words)])
	}
}

func BenchmarkRelated(b *testing.B) {
	words := []string{"die", "invented", "chinese", "founder", "deepseek"}
	db()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Related(words[i%len(words)])
	}
}

func BenchmarkClasses(b *testing.B) {
	words := []string{"hangzhou", "cities", "einstein", "chief executive officer", "nvidia"}
	db()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Classes(words[i%len(words)])
	}
}

func BenchmarkIsA(b *testing.B) {
	pairs := [][2]string{{"hangzhou", "city"}, {"einstein", "person"}, {"city", "hangzhou"}, {"harvard", "university"}}
	db()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p := pairs[i%len(pairs)]
		IsA(p[0], p[1])
	}
}
