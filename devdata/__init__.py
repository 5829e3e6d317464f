"""Generated data, in one place: the demo network, the benchmark networks, the planted test networks."""
