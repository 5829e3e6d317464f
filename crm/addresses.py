"""The client's address, as the throttles and the login lockout count it, also behind proxies."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address of whoever sent `request`.

    Without a trusted proxy (TRUSTED_PROXY_COUNT=0) it is the peer of the connection: the
    X-Forwarded-For header is the client's own words then, and a guesser would pick a new address
    for every try. Behind N trusted proxies, each appends the address it received from, so the
    entry N from the right is the one the outermost proxy saw; what stands before it is again the
    client's own words. A header that is missing or not an address falls back to the peer.
    """
    peer = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return peer
    entries = [e.strip() for e in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    entries = [e for e in entries if e]
    if not entries:
        return peer
    candidate = entries[-proxies] if len(entries) >= proxies else entries[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return peer
