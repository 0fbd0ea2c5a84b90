package main

import (
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
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

// TestHealthCommand: racebot health exits 0 when the address answers 200,
// and 1, saying why, when it answers otherwise or not at all.
func TestHealthCommand(t *testing.T) {
	status := http.StatusOK
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(status) }))
	defer srv.Close()
	if code, out, errOut := racebot(t, "", "health", "--url", srv.URL+"/readyz"); code != 0 || out != "ok\n" {
		t.Errorf("ready: exit %d, %q %q", code, out, errOut)
	}
	status = http.StatusServiceUnavailable
	if code, _, errOut := racebot(t, "", "health", "--url", srv.URL+"/readyz"); code != 1 || !strings.Contains(errOut, "503") {
		t.Errorf("not ready: exit %d, %q", code, errOut)
	}
	srv.Close()
	if code, _, errOut := racebot(t, "", "health", "--url", srv.URL+"/readyz"); code != 1 || !strings.Contains(errOut, "not answering") {
		t.Errorf("not running: exit %d, %q", code, errOut)
	}
}
