"""Encounters and what is derived from them."""
