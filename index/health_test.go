package index_test

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/racebot/racebot/index"
)

// damagedIndex is an index whose check finds it damaged until repaired.
type damagedIndex struct {
	mu      sync.Mutex
	fault   error
	checks  int
	repairs int
	failFor int // repairs that fail before one works
}

func (d *damagedIndex) Check(context.Context) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.checks++
	if d.checks == 2 {
		d.fault = errors.New("search: index read inconsistency detected")
	}
	return d.fault
}

func (d *damagedIndex) Fault() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.fault
}

func (d *damagedIndex) Dir() string { return "/var/cache/racebot/index" }

func (d *damagedIndex) repair(context.Context) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.repairs++
	if d.repairs <= d.failFor {
		return errors.New("no space left on device")
	}
	d.fault = nil
	return nil
}

// TestKeepHealthy: while serving, a damaged index is found by the periodic
// check and rebuilt, again and again until a rebuild works, then left be.
func TestKeepHealthy(t *testing.T) {
	d := &damagedIndex{failFor: 2}
	var sawDamage bool
	stop := index.KeepHealthy(context.Background(), slog.New(slog.DiscardHandler), d, time.Millisecond, time.Millisecond, func(ctx context.Context) error {
		if d.Fault() != nil {
			sawDamage = true
		}
		return d.repair(ctx)
	})
	deadline := time.Now().Add(10 * time.Second)
	for {
		d.mu.Lock()
		repaired := d.repairs > d.failFor && d.fault == nil
		d.mu.Unlock()
		if repaired {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("not repaired within 10 s: %d checks, %d repairs", d.checks, d.repairs)
		}
		time.Sleep(time.Millisecond)
	}
	stop()
	if !sawDamage {
		t.Error("repaired without being found damaged")
	}
	if d.repairs != d.failFor+1 {
		t.Errorf("%d repairs, want %d (two failed, then one that worked, then none)", d.repairs, d.failFor+1)
	}
}
