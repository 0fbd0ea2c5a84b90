package bot

import (
	"context"
	"time"
)

// Pending is an answer worked out in the background, for the adapters of
// platforms that want a first response sooner than an answer may take
// (Discord's three seconds, Slack's acknowledgement): they wait for it as
// long as the platform allows and defer otherwise. A panic in the Handler
// becomes Apology, and an answer that does not come in time TooSlow:
// every adapter answers through a Pending, so that these notices come
// from here only.
type Pending struct {
	ch      chan Reply
	timeout time.Duration
}

// lateGrace is how long past its timeout a Pending still waits for a
// Handler that ignores its context.
const lateGrace = 5 * time.Second

// Ask starts answering req with h in its own goroutine, for at most
// timeout and while ctx lasts. onPanic, when set, is told of a panic in
// the Handler, for the adapter to log and count.
func Ask(ctx context.Context, h Handler, req Request, timeout time.Duration, onPanic func(p any)) *Pending {
	p := &Pending{ch: make(chan Reply, 1), timeout: timeout}
	go func() {
		ctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		defer func() {
			if v := recover(); v != nil {
				if onPanic != nil {
					onPanic(v)
				}
				p.ch <- Reply{Kind: ReplyNotice, Failed: true, Text: Apology}
			}
		}()
		p.ch <- h.Handle(ctx, req)
	}()
	return p
}

// Wait returns the reply if it comes within d; with d at most zero, only
// if it has come already. A reply Wait returns is not returned again.
func (p *Pending) Wait(d time.Duration) (Reply, bool) {
	if d <= 0 {
		select {
		case r := <-p.ch:
			return r, true
		default:
			return Reply{}, false
		}
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case r := <-p.ch:
		return r, true
	case <-t.C:
		return Reply{}, false
	}
}

// Reply waits for the reply until ctx is done or the answer's timeout has
// passed, with a grace, and returns TooSlow when it has not come.
func (p *Pending) Reply(ctx context.Context) Reply {
	t := time.NewTimer(p.timeout + lateGrace)
	defer t.Stop()
	select {
	case r := <-p.ch:
		return r
	case <-ctx.Done():
	case <-t.C:
	}
	return Reply{Kind: ReplyNotice, Failed: true, Text: TooSlow}
}
