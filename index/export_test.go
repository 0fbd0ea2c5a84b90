package index

// Weights exposes the ranking weights to TestTuneWeights.
var Weights = &weights
