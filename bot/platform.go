package bot

import (
	"context"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// Platform is a chat platform racebot can serve. The package that adapts
// racebot to a platform registers one from its init function, the way
// database/sql drivers do, so that racebot serve starts every platform
// whose credentials are set without naming any: adding a platform is a
// package, its fake and a blank import.
type Platform struct {
	// Name is the platform's name in logs and metrics: "discord".
	Name string
	// Env names the environment variables the platform reads, with what
	// each is for, for help. Credentials are read from the environment
	// only, never from flags, which ps shows.
	Env []EnvVar
	// Routes are the paths of the POST routes the platform may answer on
	// racebot's HTTP server. They are served from the start, answering
	// 404 with the reason until the platform's credentials start them.
	Routes []string
	// Start starts what the credentials in o.Getenv allow, logs why the
	// rest did not start, and returns what it started: none when no
	// credentials are set. An error means a credential or setting is
	// wrong and serving should not go on.
	Start func(h Handler, o PlatformOptions) ([]Service, error)
}

// EnvVar is an environment variable a platform reads.
type EnvVar struct {
	Name  string
	Usage string
}

// PlatformOptions is what racebot serve gives a platform to start with.
type PlatformOptions struct {
	// Getenv reads the environment; tests pass their own.
	Getenv func(string) string
	// Logger is already tagged with the platform's name.
	Logger *slog.Logger
	// OnError counts the platform's errors, for metrics; op says what
	// failed. The adapters log the errors themselves.
	OnError func(op string, err error)
	// Grace is how long answers in flight may take at shutdown.
	Grace time.Duration
}

// Service is one thing a platform started: a connection to keep open,
// HTTP routes to answer on, or both.
type Service struct {
	// Name says what it is in logs: "discord gateway".
	Name string
	// Run keeps a connection to the platform open until its context is
	// done; nil when the service is only HTTP routes. A Run that fails
	// is started again, after a wait.
	Run func(context.Context) error
	// Handlers answer Platform.Routes, by path.
	Handlers map[string]http.Handler
	// Drain waits for answers the service still owes after the HTTP
	// response (through a webhook or a response_url), until ctx is done.
	Drain func(context.Context) error
}

var (
	platformsMu sync.Mutex
	platforms   []Platform
)

// Register makes a platform available to racebot serve. It panics if a
// platform of that name is already registered, as a programming error.
func Register(p Platform) {
	platformsMu.Lock()
	defer platformsMu.Unlock()
	if slices.ContainsFunc(platforms, func(q Platform) bool { return q.Name == p.Name }) {
		panic("bot: platform " + p.Name + " registered twice")
	}
	platforms = append(platforms, p)
}

// Platforms returns the registered platforms, in order of name.
func Platforms() []Platform {
	platformsMu.Lock()
	defer platformsMu.Unlock()
	out := slices.Clone(platforms)
	slices.SortFunc(out, func(a, b Platform) int { return strings.Compare(a.Name, b.Name) })
	return out
}
