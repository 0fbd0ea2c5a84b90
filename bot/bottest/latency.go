package bottest

import (
	"slices"
	"testing"
	"time"
)

// ReportLatency reports the median and 99th percentile of latencies, in
// milliseconds, as a benchmark's p50-ms and p99-ms.
func ReportLatency(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	at := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
}
