package main

import (
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestReadyzDamaged: /readyz answers 503 while the index is damaged and
// being rebuilt, and 200 once it answers again.
func TestReadyzDamaged(t *testing.T) {
	var fault error
	s := &server{log: slog.New(slog.DiscardHandler), fault: func() error { return fault }}
	s.ready.Store(true)
	readyz := func() int {
		w := httptest.NewRecorder()
		s.routes().ServeHTTP(w, httptest.NewRequest("GET", "/readyz", nil))
		return w.Code
	}
	if code := readyz(); code != http.StatusOK {
		t.Fatalf("/readyz before any damage: %d", code)
	}
	fault = errors.New("index is damaged")
	if code := readyz(); code != http.StatusServiceUnavailable {
		t.Errorf("/readyz with the index damaged: %d, want 503", code)
	}
	fault = nil
	if code := readyz(); code != http.StatusOK {
		t.Errorf("/readyz after the repair: %d", code)
	}
}
