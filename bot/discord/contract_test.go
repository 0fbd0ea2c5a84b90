package discord_test

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/racebot/racebot/bot"
	"github.com/racebot/racebot/bot/bottest"
	"github.com/racebot/racebot/bot/discord"
	"github.com/racebot/racebot/bot/discord/discordfake"
)

// contractGateway is the gateway adapter under bottest.Contract.
type contractGateway struct {
	fake *discordfake.Server
	gw   *gateway
	stop func()
}

func (c *contractGateway) Start(t *testing.T, h bot.Handler) {
	c.fake = startFake(t, discordfake.Options{})
	c.gw = newGateway(t, c.fake, discord.Config{}, h, discord.Options{AnswerWait: 20 * time.Millisecond})
	c.stop = c.gw.start(t)
}

func (c *contractGateway) Stop(*testing.T) { c.stop() }

func (c *contractGateway) Ask(t *testing.T, question string) string {
	_, msg := answer(t, c.fake, slash(t, c.fake, askCommand(question, false)))
	return string(msg)
}

func (c *contractGateway) Pings(sent string) []string { return discordfake.Pings([]byte(sent)) }

func (c *contractGateway) Log() string { return c.gw.logs.String() }

func (c *contractGateway) Secrets() []string {
	return []string{strings.TrimPrefix(c.fake.Token, "Bot ")}
}

func TestContractGateway(t *testing.T) {
	bottest.Contract(t, func(*testing.T) bottest.Adapter { return &contractGateway{} })
}

// contractInteractions is the HTTP interactions adapter under
// bottest.Contract.
type contractInteractions struct {
	fake *discordfake.Server
	key  signer
	url  string
	logs *bottest.Buffer
	in   *discord.Interactions
}

func (c *contractInteractions) Start(t *testing.T, h bot.Handler) {
	c.fake = startFake(t, discordfake.Options{})
	c.key = newSigner(t)
	var log *slog.Logger
	log, c.logs = testLogger(t)
	in, srv := startInteractions(t, c.fake, c.key, h, discord.Options{AnswerWait: 20 * time.Millisecond, Logger: log})
	c.in, c.url = in, srv.URL
}

func (c *contractInteractions) Stop(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), waitFor)
	defer cancel()
	if err := c.in.Shutdown(ctx); err != nil {
		t.Errorf("Shutdown: %v", err)
	}
}

// Ask returns the answer in the HTTP response or, when it deferred, the
// one edited in.
func (c *contractInteractions) Ask(t *testing.T, question string) string {
	in := c.fake.HTTPInteraction(askCommand(question, false))
	resp, body := c.key.post(t, c.url, in.Payload, time.Now(), nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	var cb discordfake.Callback
	if err := json.Unmarshal(body, &cb); err != nil {
		t.Fatalf("response %s: %v", body, err)
	}
	if cb.Type == 4 {
		return string(body)
	}
	_, msg := answer(t, c.fake, in)
	return string(msg)
}

func (c *contractInteractions) Pings(sent string) []string { return discordfake.Pings([]byte(sent)) }

func (c *contractInteractions) Log() string { return c.logs.String() }

func (c *contractInteractions) Secrets() []string {
	return []string{strings.TrimPrefix(c.fake.Token, "Bot "), hex.EncodeToString(c.key.priv)}
}

func TestContractInteractions(t *testing.T) {
	bottest.Contract(t, func(*testing.T) bottest.Adapter { return &contractInteractions{} })
}
