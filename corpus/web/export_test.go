package web

import "time"

// SetClock makes c read the time from now, so that tests can move past the
// robots.txt cache's lifetimes without waiting.
func SetClock(c *Client, now func() time.Time) { c.now = now }
