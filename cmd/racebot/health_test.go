package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
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
// check, /readyz says so, and it is rebuilt, again and again until a
// rebuild works; then it is ready again.
func TestKeepHealthy(t *testing.T) {
	d := &damagedIndex{failFor: 2}
	s := &server{log: slog.New(slog.DiscardHandler), fault: d.Fault}
	s.ready.Store(true)
	readyz := func() int {
		w := httptest.NewRecorder()
		s.routes().ServeHTTP(w, httptest.NewRequest("GET", "/readyz", nil))
		return w.Code
	}
	if code := readyz(); code != http.StatusOK {
		t.Fatalf("/readyz before any damage: %d", code)
	}
	var sawDamage bool
	stop := keepHealthy(context.Background(), s.log, d, time.Millisecond, time.Millisecond, func(ctx context.Context) error {
		if readyz() == http.StatusServiceUnavailable {
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
		t.Error("/readyz did not answer 503 while the index was damaged")
	}
	if code := readyz(); code != http.StatusOK {
		t.Errorf("/readyz after the repair: %d", code)
	}
	if d.repairs != d.failFor+1 {
		t.Errorf("%d repairs, want %d (two failed, then one that worked, then none)", d.repairs, d.failFor+1)
	}
}
