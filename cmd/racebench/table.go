package main

import (
	"bufio"
	"database/sql"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"
)

// writeTable writes one Markdown table per corpus size: the median of each
// measurement over the runs, for each engine, and the ratio racebot/FTS5.
func writeTable(w io.Writer, machine string, all []sizeResult) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "Machine: %s, SQLite %s (modernc.org/sqlite)\n", machine, sqliteVersion())
	for _, s := range all {
		fmt.Fprintf(bw, "\n### %s passages (%s indexed, with the starter corpus)\n\n", thousands(s.Size), thousands(s.Passages))
		byName := map[string]*engineRuns{}
		for i := range s.Engines {
			byName[s.Engines[i].Engine] = &s.Engines[i]
		}
		rb, or, and := byName[engineRacebot], byName[engineFTS5], byName[engineFTS5And]
		fmt.Fprintf(bw, "| measure | racebot | FTS5, OR | FTS5, AND then OR | racebot/FTS5 OR | racebot/FTS5 AND |\n|---|---:|---:|---:|---:|---:|\n")
		for _, row := range rows {
			a, b, c := row.value(rb), row.value(or), row.value(and)
			ratio := func(other *engineRuns, v float64) string {
				if rb == nil || other == nil || v == 0 || !row.ratio {
					return "—"
				}
				return fmt.Sprintf("%.2f×", a/v)
			}
			left := cell(rb, a, row.format)
			if row.fts5Only {
				left = "—"
			}
			fmt.Fprintf(bw, "| %s | %s | %s | %s | %s | %s |\n", row.name, left, cell(or, b, row.format), cell(and, c, row.format),
				ratio(or, b), ratio(and, c))
		}
	}
	return bw.Flush()
}

func cell(e *engineRuns, v float64, format string) string {
	if e == nil {
		return "not measured"
	}
	return fmt.Sprintf(format, v)
}

// row is one line of the table: a measurement's median over the runs.
type row struct {
	name   string
	format string
	ratio  bool
	of     func(b buildResult, q queryResult) float64
	// fts5Only marks a step racebot has no counterpart of.
	fts5Only bool
}

func (r row) value(e *engineRuns) float64 {
	if e == nil {
		return 0
	}
	var vs []float64
	for i := range e.Builds {
		vs = append(vs, r.of(e.Builds[i], e.Queries[i]))
	}
	slices.Sort(vs)
	return vs[len(vs)/2]
}

var rows = []row{
	{"build, wall clock (s)", "%.2f", true, func(b buildResult, _ queryResult) float64 { return b.Seconds }, false},
	{"build, passages/s", "%.0f", true, func(b buildResult, _ queryResult) float64 { return float64(b.Passages) / b.Seconds }, false},
	{"build, CPU (s)", "%.2f", true, func(b buildResult, _ queryResult) float64 { return b.CPUSeconds }, false},
	{"FTS5 optimize after the build (s)", "%.2f", false, func(b buildResult, _ queryResult) float64 { return b.OptimizeSeconds }, true},
	{"index size on disk (MB)", "%.1f", true, func(b buildResult, _ queryResult) float64 { return float64(b.Bytes) / 1e6 }, false},
	{"peak memory, build (MB)", "%.0f", true, func(b buildResult, _ queryResult) float64 { return float64(b.PeakRSS) / 1e6 }, false},
	{"open, to the first result (ms)", "%.1f", true, func(_ buildResult, q queryResult) float64 { return q.OpenMS }, false},
	{"answer p50 (ms)", "%.2f", true, func(_ buildResult, q queryResult) float64 { return q.P50MS }, false},
	{"answer p95 (ms)", "%.2f", true, func(_ buildResult, q queryResult) float64 { return q.P95MS }, false},
	{"answer p99 (ms)", "%.2f", true, func(_ buildResult, q queryResult) float64 { return q.P99MS }, false},
	{"peak memory, answering (MB)", "%.0f", true, func(_ buildResult, q queryResult) float64 { return float64(q.PeakRSS) / 1e6 }, false},
	{"dev hit@1", "%.3f", false, func(_ buildResult, q queryResult) float64 { return q.Hit1 }, false},
	{"dev hit@3", "%.3f", false, func(_ buildResult, q queryResult) float64 { return q.Hit3 }, false},
	{"dev unanswerable declined", "%.3f", false, func(_ buildResult, q queryResult) float64 { return q.Declined }, false},
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// machine describes where the numbers were measured.
func machine() string {
	cpu := "unknown CPU"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for line := range strings.Lines(string(data)) {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	mem := ""
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int64
		if _, err := fmt.Sscanf(string(data), "MemTotal: %d kB", &kb); err == nil {
			mem = fmt.Sprintf(", %.0f GiB", float64(kb)/(1<<20))
		}
	}
	return fmt.Sprintf("%d × %s%s, %s/%s, %s", runtime.NumCPU(), cpu, mem, runtime.GOOS, runtime.GOARCH, runtime.Version())
}

// sqliteVersion returns the version of the SQLite that FTS5 runs in.
func sqliteVersion() string {
	version := "?"
	if db, err := sql.Open("sqlite", ":memory:"); err == nil {
		db.QueryRow("SELECT sqlite_version()").Scan(&version)
		db.Close()
	}
	return version
}
