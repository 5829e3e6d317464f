"""People and the network between them."""
