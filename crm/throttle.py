"""Counting requests in a fixed window, in the cache (Redis in production), for the throttles."""

import datetime
import hashlib
import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)


def count_attempt(scope: str, value: str, window: datetime.timedelta) -> int:
    """How often `value` has come in `scope` during the current window, this time included.

    The value (an address, an email) is hashed: the cache holds no one's address in clear. A fixed
    window is enough to stop a flood, and simple to reason about.
    """
    seconds = max(1, int(window.total_seconds()))
    key = f"throttle:{scope}:{hashlib.sha256(value.encode()).hexdigest()[:32]}"
    try:
        cache.add(key, 0, seconds)
        try:
            return cache.incr(key)
        except ValueError:  # expired between add() and incr(): the first of a new window
            cache.set(key, 1, seconds)
            return 1
    except Exception:  # Redis away: counted as the first (the throttle opens, the page works)
        logger.warning("throttle %s: the cache is away; not counted", scope)
        return 1
