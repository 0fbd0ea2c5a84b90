package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/bot/bottest"
)

// benchQuestions are asked in turn; the first two have charts.
var benchQuestions = []string{
	"How many GPUs does DeepSeek have?",
	"How much will Stargate invest?",
	"what is the AI diffusion rule",
	"how much did nvidia lose when deepseek came out",
	"who is alexandr wang",
	"capital of france",
}

// BenchmarkPage measures a whole answer page on the starter corpus, from
// request to the last byte: the answer, its layout, its chart drawn as
// SVG and the template; it reports the median and 99th percentile.
func BenchmarkPage(b *testing.B) {
	chat := bot.NewChat(bottest.Starter(b), bot.ChatOptions{})
	mux := http.NewServeMux()
	New(chat, Options{}).Register(mux)
	ask := func(q string) {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/ask?q="+url.QueryEscape(q), nil))
		if rec.Code != http.StatusOK {
			b.Fatalf("%q: %d", q, rec.Code)
		}
	}
	for _, q := range benchQuestions {
		ask(q)
	}
	var lat []time.Duration
	i := 0
	for b.Loop() {
		start := time.Now()
		ask(benchQuestions[i%len(benchQuestions)])
		lat = append(lat, time.Since(start))
		i++
	}
	bottest.ReportLatency(b, lat)
}
