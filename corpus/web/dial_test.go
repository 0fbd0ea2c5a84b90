package web

import (
	"context"
	"net/netip"
	"testing"
)

func TestPublic(t *testing.T) {
	tests := map[string]bool{
		"8.8.8.8": true, "2606:4700::1111": true, "151.101.1.69": true,
		"127.0.0.1": false, "10.0.0.7": false, "172.16.0.1": false, "192.168.1.1": false,
		"169.254.169.254": false, "100.64.0.1": false, "0.0.0.0": false, "0.1.2.3": false,
		"192.0.0.8": false, "198.18.0.1": false, "240.0.0.1": false, "255.255.255.255": false,
		"::1": false, "::": false, "fe80::1": false, "fd00:ec2::254": false, "fec0::1": false,
		"::ffff:10.0.0.1": false, "::ffff:127.0.0.1": false, "64:ff9b::a00:1": false, "2002:a00:1::1": false,
	}
	for addr, want := range tests {
		if got := public(netip.MustParseAddr(addr)); got != want {
			t.Errorf("public(%s) = %v, want %v", addr, got, want)
		}
	}
}

// TestWithPrivateFeed: only a feed the operator named by a private address
// or as localhost may lead racebot to a private address, never a feed
// named by a DNS name, whose owner could point it anywhere.
func TestWithPrivateFeed(t *testing.T) {
	tests := map[string]string{
		"http://10.0.0.5/feed.xml":        "10.0.0.5",
		"http://[::1]:8080/feed":          "::1",
		"http://localhost:8080/feed":      "localhost",
		"http://LOCALHOST/feed":           "localhost",
		"https://evil.example/feed.xml":   "",
		"https://intranet.corp/feed":      "",
		"https://8.8.8.8/feed":            "",
		"http://169.254.169.254.nip.io/f": "",
		"::not a url":                     "",
	}
	for feedURL, want := range tests {
		got, _ := WithPrivateFeed(context.Background(), feedURL).Value(privateOK{}).(string)
		if got != want {
			t.Errorf("WithPrivateFeed(%q) allows %q, want %q", feedURL, got, want)
		}
	}
}

// TestEnvProxies: the proxies the environment names are reached wherever
// they are, on their port only, whether or not their URL has a scheme.
func TestEnvProxies(t *testing.T) {
	t.Setenv("HTTP_PROXY", "127.0.0.1:3128")
	t.Setenv("HTTPS_PROXY", "https://Proxy.Corp")
	got := envProxies()
	for _, want := range []string{"127.0.0.1:3128", "proxy.corp:443"} {
		if !got[want] {
			t.Errorf("envProxies() = %v, lacks %s", got, want)
		}
	}
	if got["127.0.0.1:80"] || len(got) != 2 {
		t.Errorf("envProxies() = %v, want exactly the two proxies", got)
	}
}
