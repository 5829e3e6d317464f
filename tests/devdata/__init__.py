"""Generated data: the demo network and the benchmark generator."""
