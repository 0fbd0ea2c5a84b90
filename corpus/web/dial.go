package web

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"

	"golang.org/x/net/http/httpproxy"
)

// privateOK marks a context whose requests may reach a private address of
// one host: the host of the feed that named the page.
type privateOK struct{}

// WithPrivateFeed returns a context whose requests, made for an item of the feed
// at feedURL, may connect to the feed's own host when the operator named that
// host by a private address or as localhost: a feed on a company's
// intranet may name pages on the same intranet host. A feed named by a DNS
// name gets no such leave, since whoever runs its DNS could point the name
// at 127.0.0.1 or a cloud metadata service, and racebot would fetch and
// quote what is there.
func WithPrivateFeed(ctx context.Context, feedURL string) context.Context {
	u, err := url.Parse(feedURL)
	if err != nil {
		return ctx
	}
	host := strings.ToLower(u.Hostname())
	if a, err := netip.ParseAddr(host); (err == nil && !public(a)) || host == "localhost" {
		return context.WithValue(ctx, privateOK{}, host)
	}
	return ctx
}

// PublicTransport returns an HTTP transport that connects only to public
// addresses, except to the host WithPrivateFeed allows and to the proxies
// the environment configures (host and port). The check is on the address
// actually dialled, after DNS and at each redirect, so neither a name that
// resolves to 10.0.0.1 nor a redirect to 169.254.169.254 gets past it.
// Through a proxy it is the proxy that connects: it must refuse private
// addresses itself.
func PublicTransport() *http.Transport {
	proxies := envProxies()
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, _, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		host = strings.ToLower(host)
		allowed, _ := ctx.Value(privateOK{}).(string)
		if proxies[strings.ToLower(addr)] || host == allowed {
			return dialer.DialContext(ctx, network, addr)
		}
		d := *dialer
		d.Control = func(_, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("refused to connect to %s: not an address", address)
			}
			if !public(ap.Addr()) {
				return &PrivateAddrError{Host: host, Addr: ap.Addr()}
			}
			return nil
		}
		return d.DialContext(ctx, network, addr)
	}
	return t
}

// envProxies are the host:port of the proxies the environment names
// (HTTP_PROXY, HTTPS_PROXY), which racebot connects to wherever they are.
func envProxies() map[string]bool {
	proxies := make(map[string]bool)
	cfg := httpproxy.FromEnvironment()
	for _, p := range []string{cfg.HTTPProxy, cfg.HTTPSProxy} {
		if p == "" {
			continue
		}
		if !strings.Contains(p, "://") {
			p = "http://" + p // as the go command and curl read it
		}
		u, err := url.Parse(p)
		if err != nil || u.Hostname() == "" {
			continue
		}
		port := u.Port()
		if port == "" {
			port = map[string]string{"https": "443", "socks5": "1080"}[u.Scheme]
			if port == "" {
				port = "80"
			}
		}
		proxies[net.JoinHostPort(strings.ToLower(u.Hostname()), port)] = true
	}
	return proxies
}

// public reports whether an address is on the public internet.
func public(a netip.Addr) bool {
	a = a.Unmap()
	if !a.IsGlobalUnicast() || a.IsPrivate() {
		return false
	}
	for _, p := range notPublic {
		if p.Contains(a) {
			return false
		}
	}
	return true
}

// notPublic are the special-purpose ranges (RFC 6890) that IsGlobalUnicast
// and IsPrivate let through.
var notPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),     // "this network"
	netip.MustParsePrefix("100.64.0.0/10"), // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),  // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"), // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),   // reserved
	netip.MustParsePrefix("64:ff9b::/96"),  // NAT64, which reaches IPv4 behind it
	netip.MustParsePrefix("2002::/16"),     // 6to4, likewise
	netip.MustParsePrefix("fec0::/10"),     // site-local
}

// PrivateAddrError is a refused connection to a private address.
type PrivateAddrError struct {
	Host string     // as the URL named it
	Addr netip.Addr // what it resolved to
}

func (e *PrivateAddrError) Error() string {
	return fmt.Sprintf("refused to connect to %s (%s): a private address, named by a feed on another host", e.Host, e.Addr)
}
