package ingest

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"testing"

	"github.com/racebot/racebot/corpus/web"
)

// TestPermanent: which failures to fetch an item's page mean it will never
// be read, and which may pass.
func TestPermanent(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{fmt.Errorf("fetch x: %w", web.ErrDisallowed), true},
		{fmt.Errorf("fetch x: %w", web.ErrNotHTML), true},
		{fmt.Errorf("fetch x: %w", web.ErrTooShort), true},
		{fmt.Errorf("fetch x: redirected to file:///etc/passwd: %w", web.ErrScheme), true},
		{fmt.Errorf("fetch x: %w", &web.PrivateAddrError{Host: "a", Addr: netip.MustParseAddr("10.0.0.1")}), true},
		{fmt.Errorf("fetch x: could not reach x: %w", web.ErrRobotsUnavailable), false},
		{fmt.Errorf("fetch x: %w: %w", web.ErrRobotsUnavailable, &web.PrivateAddrError{Host: "a", Addr: netip.MustParseAddr("10.0.0.1")}), true},
		{errors.New("fetch x: the server answered 503 Service Unavailable"), false},
		{context.DeadlineExceeded, false},
	}
	for _, tt := range tests {
		if got := permanent(tt.err); got != tt.want {
			t.Errorf("permanent(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}
