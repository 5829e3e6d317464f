"""Introductions: making one, following it up, the track record, the pages and the admin review."""
