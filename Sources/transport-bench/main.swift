// Filled in by the transport benchmark.
