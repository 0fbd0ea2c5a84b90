package slack_test

import (
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	rslack "github.com/racebot/racebot/bot/slack"
	"github.com/racebot/racebot/bot/slack/slackfake"
)

// latencyQuestions are questions the starter corpus answers.
var latencyQuestions = []string{
	gpuQuestion,
	"How much will Stargate invest?",
	"when did deepseek r1 come out",
	"how does r1 compare to o1 on AIME 2024",
	"how many parameters does deepseek v3 have?",
	"did australia ban deepseek on government devices?",
	"total H800 GPU hours for DeepSeek-V3 training?",
	"who stood with trump when stargate was unveiled",
}

// latency is what measureLatency found.
type latency struct {
	samples       []time.Duration // sorted
	acks, viaURLs int
}

func (l latency) quantile(q float64) time.Duration {
	if len(l.samples) == 0 {
		return 0
	}
	i := max(0, int(math.Ceil(q*float64(len(l.samples))))-1)
	return l.samples[i]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func (l latency) String() string {
	return fmt.Sprintf("%d samples (%d answered in the ack, %d through the response_url): p50 %.2fms, p90 %.2fms, p99 %.2fms, max %.2fms",
		len(l.samples), l.acks, l.viaURLs, ms(l.quantile(0.5)), ms(l.quantile(0.9)), ms(l.quantile(0.99)), ms(l.quantile(1)))
}

// measureLatency sends n /ask commands one after the other over Socket
// Mode, and times each from the moment the fake Slack sent it to the
// moment the fake received its answer, in the acknowledgement or through
// the response_url: the whole round trip through slack-go, the adapter,
// bot.Chat with the engine, rendering and back.
func measureLatency(tb testing.TB, e *env, n int) latency {
	tb.Helper()
	var l latency
	for i := range n {
		env, err := e.fake.SlashCommand(slackfake.SlashCommand{Command: "/ask", Text: latencyQuestions[i%len(latencyQuestions)]})
		if err != nil {
			tb.Fatal(err)
		}
		msgs, err := e.fake.WaitMessages(1, wait, slackfake.Reply(env))
		if err != nil {
			tb.Fatal(err)
		}
		m := msgs[0]
		if m.Via == "ack" {
			l.acks++
		} else {
			l.viaURLs++
		}
		l.samples = append(l.samples, m.At.Sub(e.fake.Sent(env.ID)))
	}
	slices.Sort(l.samples)
	return l
}

// TestSocketModeLatency measures event-to-reply latency over 200 slash
// commands and logs its percentiles. Run it with -v to see them.
func TestSocketModeLatency(t *testing.T) {
	if testing.Short() {
		t.Skip("measures latency over 200 commands")
	}
	e := newEnv(t)
	// No limiter: one user asking 200 questions in a row would be limited,
	// and the limiter is not what is measured.
	e.socketMode(e.chat(nil), rslack.Options{})
	l := measureLatency(t, e, 200)
	t.Logf("Socket Mode /ask, event to reply: %v", l)
	// Far above what it takes; this only catches an answer held back
	// until some timer fires.
	if p99 := l.quantile(0.99); p99 > 2*time.Second {
		t.Errorf("p99 latency %v", p99)
	}
}

// BenchmarkSocketModeLatency reports the percentiles of event-to-reply
// latency over b.N slash commands.
func BenchmarkSocketModeLatency(b *testing.B) {
	e := newEnv(b)
	e.socketMode(e.chat(nil), rslack.Options{})
	b.ResetTimer()
	l := measureLatency(b, e, b.N)
	b.ReportMetric(ms(l.quantile(0.5)), "p50-ms")
	b.ReportMetric(ms(l.quantile(0.99)), "p99-ms")
}
