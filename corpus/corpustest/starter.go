package corpustest

import (
	"io/fs"
	"path"
	"testing/fstest"

	"github.com/racebot/racebot/corpus"
)

// Starter returns a copy of the embedded starter corpus that a test may
// change, with every path under dir ("" for the root). Tests mix it with
// generated articles: maps.Copy(Distractors(2000, 1), Starter("")).
func Starter(dir string) fstest.MapFS {
	m := fstest.MapFS{}
	err := fs.WalkDir(corpus.Embedded(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(corpus.Embedded(), p)
		m[path.Join(dir, p)] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		// The corpus is compiled in: reading it cannot fail.
		panic(err)
	}
	return m
}
