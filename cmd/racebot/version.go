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
	v, bleve := version, "unknown"
	if info, ok := debug.ReadBuildInfo(); ok {
		if v == "" {
			v = info.Main.Version
		}
		for _, d := range info.Deps {
			if d.Path == "github.com/blevesearch/bleve/v2" {
				bleve = d.Version
			}
		}
	}
	if v == "" || v == "(devel)" {
		v = "devel"
	}
	fmt.Fprintf(e.stdout, "racebot %s (%s, bleve %s, %s/%s)\n", v, runtime.Version(), bleve, runtime.GOOS, runtime.GOARCH)
	return nil
}
