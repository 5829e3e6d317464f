"""The network: the graph, its circles and bubbles, their snapshots, task and pages."""
