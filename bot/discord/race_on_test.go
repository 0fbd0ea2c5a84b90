//go:build race

package discord_test

// raceEnabled says whether the race detector is on, for reports of
// timings.
const raceEnabled = true
