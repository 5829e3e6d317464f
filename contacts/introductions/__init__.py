"""Introductions: making one you can stand behind, following it up, the track record."""
