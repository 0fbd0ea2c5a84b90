package discord

// RenderAt is renderAt, for golden files that say how long ago a feed was
// read as of a fixed time.
var RenderAt = renderAt
