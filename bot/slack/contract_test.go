package slack_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/bot/bottest"
	rslack "github.com/racebot/racebot/bot/slack"
	"github.com/racebot/racebot/bot/slack/slackfake"
)

// contractSocketMode is the Socket Mode adapter under bottest.Contract.
type contractSocketMode struct{ e *env }

func (c *contractSocketMode) Start(t *testing.T, h bot.Handler) {
	c.e = newEnv(t)
	c.e.socketMode(h, rslack.Options{AckWait: 20 * time.Millisecond})
}

// Ask returns the reply as one JSON document: its text and its blocks.
func (c *contractSocketMode) Ask(t *testing.T, question string) string {
	_, m := c.e.slash(slackfake.SlashCommand{Command: "/ask", Text: question})
	doc, err := json.Marshal(struct {
		Text   string          `json:"text"`
		Blocks json.RawMessage `json:"blocks"`
	}{m.Text, m.Blocks})
	if err != nil {
		t.Fatal(err)
	}
	return string(doc)
}

func (c *contractSocketMode) Pings(sent string) []string {
	if p := slackfake.PingableIn([]byte(sent)); p != "" {
		return []string{p}
	}
	return nil
}

func (c *contractSocketMode) Log() string { return c.e.logs.String() }

func (c *contractSocketMode) Stop(*testing.T) { c.e.stop() }

func (c *contractSocketMode) Secrets() []string { return c.e.secrets }

func TestContractSocketMode(t *testing.T) {
	bottest.Contract(t, func(*testing.T) bottest.Adapter { return &contractSocketMode{} })
}

// contractHTTP is the HTTP-mode adapter under bottest.Contract.
type contractHTTP struct {
	e   *env
	url string
}

func (c *contractHTTP) Start(t *testing.T, h bot.Handler) {
	c.e = newEnv(t)
	c.url = c.e.httpMode(h, rslack.Options{AckWait: 20 * time.Millisecond}).URL
}

// Ask returns the answer in the HTTP response or, when that is empty, the
// one posted to the response_url, as one JSON document.
func (c *contractHTTP) Ask(t *testing.T, question string) string {
	respURL := c.e.fake.NewResponseURL()
	form := slackfake.SlashCommandForm(slackfake.SlashCommand{Command: "/ask", Text: question}, respURL)
	status, body := c.e.post(c.url+"/slack/commands", "application/x-www-form-urlencoded", []byte(form), time.Now(), nil)
	if status != 200 {
		t.Fatalf("status %d: %s", status, body)
	}
	if len(body) > 0 {
		return string(body)
	}
	msgs, err := c.e.fake.WaitMessages(1, wait, slackfake.To(respURL))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := json.Marshal(struct {
		Text   string          `json:"text"`
		Blocks json.RawMessage `json:"blocks"`
	}{msgs[0].Text, msgs[0].Blocks})
	if err != nil {
		t.Fatal(err)
	}
	return string(doc)
}

func (c *contractHTTP) Pings(sent string) []string { return (&contractSocketMode{}).Pings(sent) }

func (c *contractHTTP) Log() string { return c.e.logs.String() }

func (c *contractHTTP) Stop(*testing.T) { c.e.stop() }

func (c *contractHTTP) Secrets() []string { return c.e.secrets }

func TestContractHTTP(t *testing.T) {
	bottest.Contract(t, func(*testing.T) bottest.Adapter { return &contractHTTP{} })
}
