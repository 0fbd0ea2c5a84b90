package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3";
// otherwise the module version recorded by the go command is used.
var version = ""

type versionCmd struct{}

func (versionCmd) Run(e *env) error {
	bleve := "unknown"
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, d := range info.Deps {
			if d.Path == "github.com/blevesearch/bleve/v2" {
				bleve = d.Version
			}
		}
	}
	fmt.Fprintf(e.stdout, "racebot %s (%s, bleve %s, %s/%s)\n", racebotVersion(), runtime.Version(), bleve, runtime.GOOS, runtime.GOARCH)
	return nil
}

// racebotVersion is racebot's version, as `racebot version` prints it and
// the User-Agent of its fetches names it: the -ldflags one, else the
// module's, else "devel".
func racebotVersion() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "devel"
}
