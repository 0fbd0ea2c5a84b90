package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

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
