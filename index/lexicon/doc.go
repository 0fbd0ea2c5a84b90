// Package lexicon gives the answer engine English lexical relations from
// Princeton WordNet 3.0, © Princeton University, under the WordNet licence
// (WORDNET-LICENSE): the base forms of inflected words (Base), their
// synonyms, derivationally related forms and pertainyms (Related), the kind
// of thing a noun names (Classes, Instance) and whether it is a kind of
// another (IsA).
//
// Words are lower-case ASCII, the words of a collocation separated by one
// space ("new york", "chief executive officer"). The functions trim and
// lower-case what they are given, but fold no other letters: WordNet knows
// "zurich", not "zürich". A word WordNet lacks gives nil, 0 or false.
//
// Only the first two senses of a word in each part of speech count.
// WordNet orders senses by how often they were seen in its corpus, and the
// later ones are mostly rare readings that make answers noisy: "die" is not
// related to "go", of which dying is the 17th sense.
//
// The data, wordnet.bin (2.2 MB), is compiled in: nothing is read or
// fetched at run time. gen.go writes it from the database files of
// Debian's wordnet-base package (go generate). It is decoded on the first
// call of any function, which takes about 17 ms (BenchmarkLoad) or, in a
// fresh process on the 2-core development machine, where new memory is
// slow to fault in, about 31 ms. The loaded lexicon then holds 4.3 MB of
// heap, and reads the 1.3 MB of per-lemma entries in place in the binary.
// Later calls take well under a microsecond and allocate little beyond
// their result: see README.md for the benchmarks.
//
// The functions are safe for concurrent use.
package lexicon
