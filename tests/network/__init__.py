"""The network analysis: graph, circles, homogeneity, bubbles, snapshots and the circles pages."""
