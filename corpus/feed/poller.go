// Package feed polls RSS, Atom and JSON feeds and offers each new item once
// to an Adder, which turns it into a corpus article.
//
// A Poller reads every feed on its own schedule (hourly by default, with
// jitter), with conditional GETs, a timeout and a size cap. A feed that fails
// is retried with exponential backoff and never holds up the others. What it
// has seen survives restarts in a JSON state file, which LoadStatus reads for
// a status page in another process.
package feed

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Defaults for Options fields left zero.
const (
	DefaultInterval   = time.Hour
	DefaultJitter     = 0.1
	DefaultSpread     = time.Minute
	DefaultTimeout    = 30 * time.Second
	DefaultMaxBytes   = 8 << 20
	DefaultRetryMin   = time.Minute
	DefaultRetryMax   = 6 * time.Hour
	DefaultFirstRead  = 20
	DefaultAddTimeout = 2 * time.Minute
)

// maxAttempts is how many polls try to add an item whose Add keeps failing
// before it is given up (marked seen) and reported.
const maxAttempts = 3

// ErrDuplicate is returned (wrapped or not) by an Adder when the corpus
// already holds the item's article. The item is remembered as seen and not
// counted as added.
var ErrDuplicate = errors.New("article already in the corpus")

// ErrRejected is returned (wrapped) by an Adder when the item can never
// become an article: robots.txt forbids fetching it, it is not HTML, it has
// no text. The item is remembered as seen and not offered again. Any other
// error is taken as transient: the item is offered again on the next read,
// up to three times.
var ErrRejected = errors.New("item cannot become an article")

// Item is a new feed item, offered to an Adder.
type Item struct {
	// Link is the article's absolute http or https URL.
	Link string
	// GUID is the item's id in the feed, if it has one.
	GUID      string
	Title     string
	Published time.Time // UTC; zero if the feed gives no date
	Updated   time.Time // UTC; zero if the feed gives none
	Author    string
	// Summary and Content are the feed's text for the item, as given
	// (RSS description / content:encoded, Atom summary / content, JSON Feed
	// summary / content_html or content_text): usually HTML, never
	// sanitised, either may be empty.
	Summary    string
	Content    string
	Categories []string
	// FeedTitle and FeedLink are the feed's own title and site address,
	// e.g. "Artificial Intelligence | MIT Technology Review".
	FeedTitle string
	FeedLink  string
	// FeedURL is the feed's address with any credentials redacted.
	FeedURL string
}

func (it Item) date() time.Time {
	if !it.Published.IsZero() {
		return it.Published
	}
	return it.Updated
}

// Adder turns a feed item into a corpus article and returns its id. It is
// called for one item at a time, never concurrently, under a context with
// Options.AddTimeout. It returns ErrDuplicate or ErrRejected (wrapped) for
// items that must not be offered again; other errors are retried on later
// reads.
type Adder interface {
	Add(ctx context.Context, it Item) (id string, err error)
}

// Poll outcomes, as reported to an Observer.
const (
	OutcomeOK          = "ok"           // the feed was read and parsed
	OutcomeNotModified = "not_modified" // 304: nothing new
	OutcomeError       = "error"        // the read failed; see FeedStatus.LastError
)

// PollResult is one read of one feed, for an Observer.
type PollResult struct {
	Feed    string // redacted URL
	Outcome string // OutcomeOK, OutcomeNotModified or OutcomeError
	Added   int    // articles added
	Failed  int    // items whose Add failed (they are retried)
	// Failures counts the feed's failed reads in a row, this one
	// included, across restarts; zero after a good read.
	Failures int
	Duration time.Duration
}

// Observer is told of every read of every feed, e.g. to count them in
// metrics. PollDone is called from the feeds' goroutines, possibly at the
// same time, and should return quickly.
type Observer interface {
	PollDone(r PollResult)
}

// Options configure a Poller. Adder is required; zero fields take the
// defaults above.
type Options struct {
	Feeds []Source
	Adder Adder
	// Client makes the requests; nil means a client of its own. Its own
	// Timeout, if any, applies on top of Timeout.
	Client *http.Client
	// UserAgent should name racebot honestly, e.g.
	// "racebot/v1.2.3 (+https://github.com/racebot/racebot)".
	UserAgent string
	// Interval between reads of a feed whose line gives none.
	Interval time.Duration
	// Jitter is the fraction of the interval, in [0, 1), by which each wait
	// is randomly lengthened or shortened so that feeds do not align.
	Jitter float64
	// Spread is the window over which the first reads after start are
	// spread (capped at the interval).
	Spread time.Duration
	// Timeout bounds one read: connect, headers and body.
	Timeout time.Duration
	// MaxBytes caps a feed's size; a larger one fails the read.
	MaxBytes int64
	// RetryMin and RetryMax bound the backoff after failed reads: the
	// first retry comes after about RetryMin, each next after twice as long,
	// up to RetryMax.
	RetryMin, RetryMax time.Duration
	// FirstRead is how many of a feed's newest items are added the first
	// time it is read; the older ones are remembered as seen. Later reads
	// add every item not seen before.
	FirstRead int
	// AddTimeout bounds one Adder call.
	AddTimeout time.Duration
	// StatePath is the JSON state file; empty keeps state in memory only.
	StatePath string
	Logger    *slog.Logger
	Observer  Observer // optional
}

// Poller polls a set of feeds. Status may be called at any time, from any
// goroutine; Run at most once at a time. One state file serves one Poller:
// two processes sharing one would overwrite each other's state.
type Poller struct {
	opts    Options
	log     *slog.Logger
	feeds   []*feedRun
	addSem  chan struct{} // one Add at a time
	running atomic.Bool

	mu    sync.Mutex // guards state
	state *stateFile

	saveMu sync.Mutex // orders state file writes
}

// feedRun is a feed as the poller runs it.
type feedRun struct {
	src      Source
	key      string // in the state file
	name     string // redacted URL, for logs
	interval time.Duration
}

// New returns a Poller for the options, with the state file loaded: one
// that cannot be read is logged and replaced, never fatal.
func New(o Options) (*Poller, error) {
	if o.Adder == nil {
		return nil, errors.New("feed poller: no Adder")
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&o.Interval, DefaultInterval)
	def(&o.Spread, DefaultSpread)
	def(&o.Timeout, DefaultTimeout)
	def(&o.RetryMin, DefaultRetryMin)
	def(&o.RetryMax, DefaultRetryMax)
	def(&o.AddTimeout, DefaultAddTimeout)
	if o.Jitter == 0 {
		o.Jitter = DefaultJitter
	}
	if o.Jitter < 0 || o.Jitter >= 1 {
		return nil, fmt.Errorf("feed poller: jitter %v: want a fraction in [0, 1)", o.Jitter)
	}
	if o.RetryMax < o.RetryMin {
		o.RetryMax = o.RetryMin
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.FirstRead <= 0 {
		o.FirstRead = DefaultFirstRead
	}
	if o.Client == nil {
		o.Client = &http.Client{}
	}
	if o.UserAgent == "" {
		o.UserAgent = "racebot (+https://github.com/racebot/racebot)"
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	p := &Poller{opts: o, log: o.Logger, addSem: make(chan struct{}, 1)}
	seen := map[string]bool{}
	for _, s := range o.Feeds {
		if _, msg := checkURL(s.URL); msg != "" {
			return nil, fmt.Errorf("feed poller: %s", msg)
		}
		k := stateKey(s.URL)
		if seen[k] {
			return nil, fmt.Errorf("feed poller: feed %s listed twice", Redact(s.URL))
		}
		seen[k] = true
		iv := s.Interval
		if iv <= 0 {
			iv = o.Interval
		}
		p.feeds = append(p.feeds, &feedRun{src: s, key: k, name: Redact(s.URL), interval: iv})
	}
	// The state keeps only the feeds listed now, so that a status page
	// does not show a feed the user removed. Forgetting one costs at most
	// a re-offer of its current items should it come back, which the
	// corpus refuses as duplicates.
	loaded := loadOrFresh(o.StatePath, p.log.Warn)
	p.state = &stateFile{Version: stateVersion, Feeds: map[string]*feedState{}}
	for _, f := range p.feeds {
		st := loaded.Feeds[f.key]
		if st == nil {
			st = &feedState{}
		}
		st.URL = f.name
		p.state.Feeds[f.key] = st
	}
	return p, nil
}

// Run polls every feed until ctx is done, then saves the state and returns
// nil. Reads and Adder calls in flight are cancelled with ctx.
func (p *Poller) Run(ctx context.Context) error {
	if !p.running.CompareAndSwap(false, true) {
		return errors.New("feed poller is already running")
	}
	defer p.running.Store(false)
	p.log.Info("feed poller started", "feeds", len(p.feeds), "interval", p.opts.Interval.String(), "state", p.opts.StatePath)
	var wg sync.WaitGroup
	for _, f := range p.feeds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.loop(ctx, f)
		}()
	}
	wg.Wait()
	p.save()
	return nil
}

// Status returns a snapshot of every feed's polling, in feeds-file order.
func (p *Poller) Status() []FeedStatus {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]FeedStatus, 0, len(p.feeds))
	for _, f := range p.feeds {
		st := p.state.Feeds[f.key].status()
		st.Interval = f.interval
		out = append(out, st)
	}
	return out
}

func (p *Poller) loop(ctx context.Context, f *feedRun) {
	t := time.NewTimer(p.firstDelay(f))
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		next := p.poll(ctx, f)
		if ctx.Err() != nil {
			return
		}
		t.Reset(next)
	}
}

// firstDelay keeps the schedule of a previous run when it is still ahead,
// and otherwise spreads the first reads over Spread so that a restart does
// not fire every feed at once.
func (p *Poller) firstDelay(f *feedRun) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	st := p.state.Feeds[f.key]
	now := time.Now()
	if d := st.NextPoll.Sub(now); d > 0 && float64(d) <= float64(f.interval)*(1+p.opts.Jitter) {
		return d
	}
	spread := min(p.opts.Spread, f.interval)
	d := time.Duration(rand.Int64N(int64(spread) + 1))
	st.NextPoll = now.Add(d)
	return d
}

func (p *Poller) jittered(d time.Duration) time.Duration {
	j := p.opts.Jitter * (2*rand.Float64() - 1)
	return time.Duration(float64(d) * (1 + j))
}

// backoff is the wait after the n-th consecutive failure: RetryMin doubled
// per failure, capped at RetryMax, with half of it random so that feeds on
// one failing host do not retry in step.
func backoff(n int, lo, hi time.Duration) time.Duration {
	d := lo
	for i := 1; i < n && d < hi; i++ {
		d *= 2
	}
	d = min(d, hi)
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}

// poll reads a feed once, offers its new items, records the outcome and
// returns the wait until the next read.
func (p *Poller) poll(ctx context.Context, f *feedRun) time.Duration {
	start := time.Now()
	p.mu.Lock()
	st := p.state.Feeds[f.key]
	etag, lastMod := st.ETag, st.LastModified
	p.mu.Unlock()

	res, err := p.fetch(ctx, f, etag, lastMod)
	if ctx.Err() != nil {
		return 0 // stopping: not the feed's fault
	}
	if err != nil {
		return p.failed(f, start, res.retryAfter, errText(err, f.src.URL))
	}
	if res.notModified {
		next := p.succeeded(f, start, func(*feedState) {})
		p.log.Debug("feed not modified", "feed", f.name)
		p.observe(f, OutcomeNotModified, 0, 0, 0, start)
		return next
	}

	added, failed, lastItemErr := p.offer(ctx, f, res)
	if ctx.Err() != nil {
		// Keep what was added; the rest is offered after the restart.
		p.save()
		return 0
	}
	next := p.succeeded(f, start, func(st *feedState) {
		st.Title = res.feed.Title
		st.LastItemError = lastItemErr
		// Validators are kept only when every item was dealt with: a 304
		// next time must not hide an item still to retry.
		if failed == 0 {
			st.ETag, st.LastModified = res.etag, res.lastModified
		} else {
			st.ETag, st.LastModified = "", ""
		}
	})
	p.observe(f, OutcomeOK, added, failed, 0, start)
	lvl := slog.LevelDebug
	if added > 0 || failed > 0 {
		lvl = slog.LevelInfo
	}
	p.log.Log(ctx, lvl, "feed read", "feed", f.name, "items", len(res.feed.Items), "added", added, "failed", failed, "next_in", next.Round(time.Second).String())
	return next
}

func (p *Poller) failed(f *feedRun, start time.Time, retryAfter time.Duration, msg string) time.Duration {
	p.mu.Lock()
	st := p.state.Feeds[f.key]
	st.Failures++
	st.LastRead = time.Now().UTC()
	st.LastError = msg
	next := backoff(st.Failures, p.opts.RetryMin, p.opts.RetryMax)
	if retryAfter > next {
		next = min(retryAfter, p.opts.RetryMax)
	}
	st.NextPoll = time.Now().Add(next).UTC()
	failures := st.Failures
	p.mu.Unlock()
	p.save()
	p.observe(f, OutcomeError, 0, 0, failures, start)
	p.log.Warn("feed read failed", "feed", f.name, "err", msg, "failures", failures, "retry_in", next.Round(time.Second).String())
	return next
}

func (p *Poller) succeeded(f *feedRun, start time.Time, update func(*feedState)) time.Duration {
	next := p.jittered(f.interval)
	p.mu.Lock()
	st := p.state.Feeds[f.key]
	now := time.Now().UTC()
	st.LastRead, st.LastSuccess = now, now
	st.LastError, st.Failures = "", 0
	st.NextPoll = now.Add(next)
	update(st)
	p.mu.Unlock()
	p.save()
	return next
}

func (p *Poller) observe(f *feedRun, outcome string, added, failed, failures int, start time.Time) {
	if p.opts.Observer != nil {
		p.opts.Observer.PollDone(PollResult{Feed: f.name, Outcome: outcome, Added: added, Failed: failed, Failures: failures, Duration: time.Since(start)})
	}
}

// offer hands the feed's unseen items to the Adder, oldest first, and
// records what became of each.
func (p *Poller) offer(ctx context.Context, f *feedRun, res fetched) (added, failed int, lastErr string) {
	es := entries(res.feed, res.base, f.src.URL)
	inFeed := make(map[string]bool, len(es))
	for _, e := range es {
		inFeed[e.key] = true
	}

	p.mu.Lock()
	st := p.state.Feeds[f.key]
	first := st.LastSuccess.IsZero() && len(st.Seen) == 0
	seen := make(map[string]bool, len(st.Seen))
	for _, k := range st.Seen {
		seen[k] = true
	}
	for k := range st.Attempts {
		if !inFeed[k] {
			delete(st.Attempts, k) // gone from the feed: nothing left to retry
		}
	}
	p.mu.Unlock()

	var fresh []entry
	for _, e := range es {
		if !seen[e.key] {
			fresh = append(fresh, e)
		}
	}
	if first && len(fresh) > p.opts.FirstRead {
		newestFirst(fresh)
		var old []string
		for _, e := range fresh[p.opts.FirstRead:] {
			old = append(old, e.key)
		}
		fresh = fresh[:p.opts.FirstRead]
		p.mu.Lock()
		st.markSeen(old, inFeed)
		p.mu.Unlock()
		p.log.Info("first read of feed: adding only the newest items", "feed", f.name, "adding", len(fresh), "skipped", len(old))
	}
	newestFirst(fresh)
	for i := len(fresh) - 1; i >= 0; i-- { // oldest first
		e := fresh[i]
		id, err := p.add(ctx, e.item)
		if ctx.Err() != nil {
			break
		}
		p.mu.Lock()
		switch {
		case err == nil:
			added++
			st.Added++
			st.Recent = append(st.Recent, AddedArticle{ID: id, Title: e.item.Title, Link: e.item.Link, At: time.Now().UTC()})
			if n := len(st.Recent) - maxRecent; n > 0 {
				st.Recent = append(st.Recent[:0], st.Recent[n:]...)
			}
			st.markSeen([]string{e.key}, inFeed)
		case errors.Is(err, ErrDuplicate):
			st.markSeen([]string{e.key}, inFeed)
		case errors.Is(err, ErrRejected):
			st.markSeen([]string{e.key}, inFeed)
			lastErr = fmt.Sprintf("%s: %v", Redact(e.item.Link), err)
			p.log.Info("feed item not added", "feed", f.name, "link", Redact(e.item.Link), "err", err.Error())
		default:
			if st.Attempts == nil {
				st.Attempts = map[string]int{}
			}
			st.Attempts[e.key]++
			lastErr = fmt.Sprintf("%s: %v", e.item.Link, err)
			if st.Attempts[e.key] >= maxAttempts {
				st.markSeen([]string{e.key}, inFeed)
				p.log.Warn("feed item not added; giving up", "feed", f.name, "link", e.item.Link, "attempts", maxAttempts, "err", err.Error())
			} else {
				failed++
				p.log.Warn("feed item not added; will retry", "feed", f.name, "link", e.item.Link, "err", err.Error())
			}
		}
		p.mu.Unlock()
	}
	return added, failed, lastErr
}

// add calls the Adder, one call at a time across all feeds.
func (p *Poller) add(ctx context.Context, it Item) (string, error) {
	select {
	case p.addSem <- struct{}{}:
	case <-ctx.Done():
		return "", ctx.Err()
	}
	defer func() { <-p.addSem }()
	ctx, cancel := context.WithTimeout(ctx, p.opts.AddTimeout)
	defer cancel()
	return p.opts.Adder.Add(ctx, it)
}

// save writes the state file, if there is one. A failure is logged: the
// poller goes on, at worst re-offering items after a restart.
func (p *Poller) save() {
	if p.opts.StatePath == "" {
		return
	}
	p.saveMu.Lock()
	defer p.saveMu.Unlock()
	p.mu.Lock()
	p.state.Saved = time.Now().UTC()
	b, err := marshalState(p.state)
	p.mu.Unlock()
	if err == nil {
		err = writeStateBytes(p.opts.StatePath, b)
	}
	if err != nil {
		p.log.Warn("could not save feed state", "path", p.opts.StatePath, "err", err.Error())
	}
}
