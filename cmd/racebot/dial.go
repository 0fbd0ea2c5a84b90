package main

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

// withPrivateHost lets requests made with ctx connect to host even when it
// resolves to a loopback, private or link-local address. A feed on a
// company's intranet may name pages on the same intranet host; a feed on
// the internet may not make racebot fetch, and quote, an intranet page or
// a cloud metadata service.
func withPrivateHost(ctx context.Context, host string) context.Context {
	return context.WithValue(ctx, privateOK{}, strings.ToLower(host))
}

// publicTransport is an HTTP transport that connects only to public
// addresses, except to the host withPrivateHost names and to the proxies
// the environment configures. The check is on the address actually dialled,
// after DNS and at each redirect, so neither a name that resolves to
// 10.0.0.1 nor a redirect to 169.254.169.254 gets past it.
func publicTransport() *http.Transport {
	proxies := make(map[string]bool)
	cfg := httpproxy.FromEnvironment()
	for _, p := range []string{cfg.HTTPProxy, cfg.HTTPSProxy} {
		if u, err := url.Parse(p); err == nil && u.Hostname() != "" {
			proxies[strings.ToLower(u.Hostname())] = true
		}
	}
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, _, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		host = strings.ToLower(host)
		allowed, _ := ctx.Value(privateOK{}).(string)
		if proxies[host] || host == allowed {
			return dialer.DialContext(ctx, network, addr)
		}
		d := *dialer
		d.Control = func(_, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("refused to connect to %s: not an address", address)
			}
			if !public(ap.Addr()) {
				return &privateAddrError{host: host, addr: ap.Addr()}
			}
			return nil
		}
		return d.DialContext(ctx, network, addr)
	}
	return t
}

// public reports whether an address is on the public internet.
func public(a netip.Addr) bool {
	a = a.Unmap()
	return a.IsGlobalUnicast() && !a.IsPrivate() && !cgnat.Contains(a)
}

// cgnat is carrier-grade NAT space, private in all but name.
var cgnat = netip.MustParsePrefix("100.64.0.0/10")

// privateAddrError is a refused connection to a private address.
type privateAddrError struct {
	host string
	addr netip.Addr
}

func (e *privateAddrError) Error() string {
	return fmt.Sprintf("refused to connect to %s (%s): a private address, named by a feed on another host", e.host, e.addr)
}
