"""Whole pages cached per account and keyed by the account's data version, which every write bumps.

The read pages most people open most often (PAGES) are stored whole after they are rendered, under a
key made of everything the page depends on besides the data:

- the account (its id: no one is ever served another account's page) and its data version;
- the language, the time zone and today's date in that zone (gone quiet and the dashboard count
  days);
- the browser's CSRF secret (the cached forms carry tokens masked from it, which stay valid for
  exactly that secret) — a browser without a CSRF cookie yet gets a fresh page that sets one;
- the path with its query, and whether htmx asked (htmx gets the fragment, a visit the page).

The data version (`User.data_version`) grows with every write to the account's rows: Django's
post_save and m2m_changed for every OwnedModel and for the account itself;
`owned_rows_changed` for deletes and bulk writes (contacts/models.py; a post_delete receiver would
cost every cascade its fast delete); and every POST, PUT, PATCH or DELETE
of a signed-in person, whatever it wrote. A request's writes bump the version once, after its
transaction, when the request ends; elsewhere (tasks, commands) when the transaction commits. A
writer that sends `account_writes_in_transaction` (the quick log) gets the bump inside its own
transaction instead, and the request none after it unless something writes again. A page
read before a write and stored after it is stored under the old version, which nobody asks for
again; the version is read (with the session's user) before the page's data, so a page is never
stored under a version newer than its data.

A contact's page (CONTACT_PAGE) is keyed instead by the contact pages' version
(`User.contact_pages_version`, which every bump above moves too) and a stamp of that contact's own
(contact_stamp, random, kept in the cache). A quick log changes only its participants' pages (new
people included): their timeline, counts and tie strength; no other page shows anything of an
encounter it was not at (tests/site/test_contact_page_cache.py renders them all before and after
to prove it). So the quick log's bump moves the data version alone, and once it has committed its
participants' stamps are renewed (_RenewStamps), before the log's response leaves: every other
contact page is still served. The stamp is read before the page's data as the version is, so a page read before the log and stored
after it is stored under the old stamp; a stamp that is missing (evicted, expired) is made anew and
matches nothing stored before. The bump is wide as for any write whenever that is not sure: outside
a request, when the request wrote before the log (its bump covers those writes), when the log
rolls back or its row was taken, when the stamps cannot be written (Redis away), and when the
cache is each process's own (no Redis), where one process cannot renew another's stamps.

What is never cached: a request with flash messages waiting (they are shown once), a request that
itself wrote, anything but a 200, a response that sets a cookie. The quick log's form carries a key
made when it is shown (a double submit stores once): each copy served from the cache gets a new
one. Pages without such a key answer a matching If-None-Match with 304 (their ETag is the key's
hash), so an unchanged page is not even sent again. Entries live CACHE_SECONDS at most, which also
bounds any wording that depends on the hour ("3 hours ago").

After a write every worker misses at once on the page everyone reads next (a dogpile): the first
takes a short lock on the page's key and renders it, the others wait up to WAIT_SECONDS for its
copy under the same key (the same account, version and everything else: what a hit would serve) and
render it themselves if it does not come, or as soon as the lock is gone without a copy (the page
was not stored: a message, a cookie, an error). Without the cache nobody waits.
"""

import contextvars
import hashlib
import logging
import re
import time
import uuid
from collections.abc import Callable, Collection, Iterable
from typing import Any

from django.apps import apps
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models import F, Model
from django.db.models.signals import m2m_changed, post_save
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

from contacts.models import OwnedModel, account_writes_in_transaction, owned_rows_changed

from .models import User

# The pages served from the cache, by URL name: the ones read on every visit. Pages that write on a
# GET are safe too (a request that wrote is never stored), but none of the rest is read often
# enough to be worth a test of its own.
PAGES = frozenset(
    {
        "dashboard",
        "contacts:list",
        "contacts:detail",
        "encounters:list",
        "encounters:picker",
        "search",
        "quiet",
        "circles",
    }
)
CACHE_SECONDS = 600
# The contact page, keyed by the contact pages' version and a stamp per contact (contact_stamp),
# which outlives the pages stored under it.
CONTACT_PAGE = "contacts:detail"
STAMP_SECONDS = 24 * 3600
# The headers a view sets that belong to the page (htmx's among them); the rest the outer
# middleware adds again to every response, cached or not.
KEPT_HEADERS = ("Content-Type", "Vary", "Cache-Control", "ETag")
CLIENT_KEY = re.compile(rb'(name="client_key" value=")[0-9a-fA-F-]{36}(")')
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# The dogpile guard: how long a lock may stand (a worker that died holding it), how long the others
# wait for its copy, and how often they look.
RENDER_LOCK_SECONDS = 10
WAIT_SECONDS = 1.5
WAIT_STEP_SECONDS = 0.01
logger = logging.getLogger(__name__)


class _RequestWrites:
    """The accounts a request has written to and not yet bumped, and those whose bump went out
    with the request's own transaction (bump_with_transaction) after its last write so far."""

    def __init__(self) -> None:
        self.waiting: dict[int, int] = {}  # account -> number of the latest write noted
        self.settled: set[int] = set()
        self.writes = 0
        # Accounts whose quick log under way may leave the other contact pages be: none of the
        # request's writes before it waits for a bump (a bump it settles covers only its own).
        self.narrow: set[int] = set()

    def note(self, ids: Iterable[int]) -> None:
        for pk in ids:
            self.writes += 1
            self.waiting[pk] = self.writes

    def settle(self, owner_id: int, covered: int) -> None:
        """Writes up to number `covered` go out with a bump in their own transaction; any noted
        after it (an on-commit callback's) still wait."""
        if self.waiting.get(owner_id, 0) <= covered:
            self.waiting.pop(owner_id, None)
        self.settled.add(owner_id)

    def unsettle(self, owner_id: int) -> None:
        """The transaction that bumped rolled back (its bump with it): the request bumps after all."""
        self.settled.discard(owner_id)
        self.note([owner_id])


# The request's writes so far; None outside a request (a task, a command).
_written: contextvars.ContextVar[_RequestWrites | None] = contextvars.ContextVar(
    "page_cache_written", default=None
)


# --- The data version ------------------------------------------------------------------------------


def bump_data_versions(owner_ids: Iterable[int]) -> None:
    """Move the accounts' data version on: their cached pages are not served again, contact
    pages included."""
    ids = sorted(set(owner_ids))
    if ids:
        User.objects.filter(pk__in=ids).update(
            data_version=F("data_version") + 1,
            contact_pages_version=F("contact_pages_version") + 1,
        )


def _stamp_key(owner_id: int, contact_id: int | str) -> str:
    return f"page-stamp:{owner_id}:{contact_id}"


def contact_stamp(owner_id: int, contact_id: int | str) -> str:
    """The contact page's stamp: random, renewed after each quick log with the contact. One that is
    missing (never made, expired, evicted) is made anew, so it never matches a page stored before."""
    key = _stamp_key(owner_id, contact_id)
    stamp = cache.get(key)
    if stamp is None:
        fresh = uuid.uuid4().hex
        stamp = fresh if cache.add(key, fresh, STAMP_SECONDS) else cache.get(key)
    if stamp is None:  # gone again at once: a key no page was or will be stored under
        stamp = uuid.uuid4().hex
    return str(stamp)


def _cache_is_shared() -> bool:
    """Whether every process reads the same cache (Redis): a stamp renewed in one process's own
    memory would leave the others serving the page as it was, so then every write is wide."""
    return not isinstance(caches["default"], LocMemCache | DummyCache)


class _RenewStamps:
    """After a quick log's commit: its participants' pages are new, every other contact page stays."""

    def __init__(self, owner_id: int, contact_ids: Collection[int]) -> None:
        self.owner_id = owner_id
        self.contact_ids = sorted(set(contact_ids))

    def __call__(self) -> None:
        try:
            cache.set_many(
                {_stamp_key(self.owner_id, pk): uuid.uuid4().hex for pk in self.contact_ids},
                STAMP_SECONDS,
            )
        except Exception:  # Redis away: every contact page goes, as after any other write
            logger.warning("page cache unavailable", exc_info=True)
            bump_data_versions([self.owner_id])


class _BumpAfterCommit:
    """One account's bump, waiting for its transaction's commit; at most one per account waits."""

    def __init__(self, owner_id: int) -> None:
        self.owner_id = owner_id
        self.done = False

    def __call__(self) -> None:
        self.done = True
        bump_data_versions([self.owner_id])


def bump_with_transaction(owner_id: int, *, wait: bool, narrow: bool = False) -> bool:
    """Move the account's version on inside the current transaction; True if it did.

    `narrow` (a quick log's bump, _account_writes) leaves the contact pages' version be: the
    caller renews the stamps of the pages it changed after the commit.

    Readers see the new version and the rows it covers at the same instant (the commit), which is
    all the cache needs, and the request bumps no more after it unless something writes again
    later (an on-commit callback's write), so a quick log commits once instead of twice. For a
    transaction that holds all of the request's writes so far, called after them (or again with
    `settle_request` once they are done): a rolled-back transaction takes its bump and its writes
    with it, and anything the request wrote before would not be covered.

    With `wait` the row is held from here to the commit, as lock_account would (the caller has
    the account's lock from the same statement). Without, the row is taken only if free (SKIP
    LOCKED): an account held by a longer writer (an import, a log with new people, which lock it
    first and then write participants) must never wait on this transaction while it waits on
    them; then the bump comes after the request as before.
    """
    connection = transaction.get_connection()
    table = connection.ops.quote_name(User._meta.db_table)
    moved = "data_version = data_version + 1"
    if not narrow:
        moved += ", contact_pages_version = contact_pages_version + 1"
    if connection.vendor != "postgresql":  # SQLite: one writer at a time, no row to skip
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET {moved} WHERE id = %s", [owner_id])  # noqa: S608 - names
    else:
        free = "" if wait else " FOR NO KEY UPDATE SKIP LOCKED"
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {moved} WHERE id = "  # noqa: S608 - a table and column names
                f"(SELECT id FROM {table} WHERE id = %s{free})",
                [owner_id],
            )
            if cursor.rowcount != 1:
                return False
    settle_request(owner_id)
    return True


def settle_request(owner_id: int) -> None:
    """The request's writes to the account so far go out with the version its transaction bumped."""
    writes = _written.get()
    if writes is not None:
        writes.settle(owner_id, writes.writes)


def data_changed(owner_ids: Iterable[int]) -> None:
    """The accounts' rows changed: in a request when it ends, elsewhere when the transaction commits."""
    ids = {pk for pk in owner_ids if pk is not None}
    written = _written.get()
    if written is not None:
        written.note(ids)
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        bump_data_versions(ids)
        return
    waiting = {
        callback.owner_id
        for _savepoints, callback, _robust in connection.run_on_commit
        if isinstance(callback, _BumpAfterCommit) and not callback.done
    }
    for owner_id in ids - waiting:
        transaction.on_commit(_BumpAfterCommit(owner_id))


def _owned_row_saved(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    data_changed([getattr(instance, "owner_id", None)])  # type: ignore[list-item]


def _account_saved(sender: type[Model], instance: User, raw: bool = False, **kwargs: Any) -> None:
    if not raw and not kwargs.get("created"):
        data_changed([instance.pk])


def _participants_changed(sender: type[Model], instance: Model, action: str, **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        data_changed([getattr(instance, "owner_id", None)])  # type: ignore[list-item]


def _bulk_written(sender: type[Model], owner_ids: set[int], **kwargs: Any) -> None:
    data_changed(owner_ids)


def _account_writes(
    sender: type[Model],
    owner_id: int,
    stage: str,
    contacts: Collection[int] = (),
    **kwargs: Any,
) -> bool:
    """The quick log's bookkeeping (contacts/models.py, account_writes_in_transaction).

    Its bump leaves the contact pages' version be when all the request wrote before it is bumped
    already ("beginning"); the participants' stamps are renewed after the commit ("ending" or
    "ended", with `contacts`). Anywhere else (a task, a command, a request with writes waiting)
    and on every failure the bump is wide, as for any write.
    """
    writes = _written.get()
    if stage == "beginning":
        if writes is not None:
            if owner_id in writes.waiting or not _cache_is_shared():
                writes.narrow.discard(owner_id)
            else:
                writes.narrow.add(owner_id)
        return True
    narrow = writes is not None and owner_id in writes.narrow
    if stage == "rolled back":
        if writes is not None:
            writes.narrow.discard(owner_id)
            writes.unsettle(owner_id)
        return True
    if stage == "ended":  # bumped when "locking", narrow or not as now
        settle_request(owner_id)
        bumped = True
    else:
        bumped = bump_with_transaction(owner_id, wait=stage == "locking", narrow=narrow)
    if bumped and narrow and stage != "locking":
        transaction.on_commit(_RenewStamps(owner_id, contacts))
    return bumped


def connect_signals() -> None:
    """Called once from CrmConfig.ready: every owned model's writes move its owner's version on."""
    for model in apps.get_models():
        if issubclass(model, OwnedModel):
            post_save.connect(
                _owned_row_saved, sender=model, dispatch_uid=f"page_cache_{model._meta.label}"
            )
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                assert through is not None
                m2m_changed.connect(
                    _participants_changed,
                    sender=through,
                    dispatch_uid=f"page_cache_m2m_{through._meta.label}",
                )
    post_save.connect(_account_saved, sender=User, dispatch_uid="page_cache_account")
    owned_rows_changed.connect(_bulk_written, dispatch_uid="page_cache_bulk")
    account_writes_in_transaction.connect(_account_writes, dispatch_uid="page_cache_in_transaction")


# --- The cached pages --------------------------------------------------------------------------------


def _version_of(request: HttpRequest, user: User) -> str:
    """What the page's data is known by: the data version, or for a contact page the contact
    pages' version and that contact's stamp (a quick log with others leaves both be)."""
    match = request.resolver_match
    if match is not None and match.view_name == CONTACT_PAGE:
        stamp = contact_stamp(user.pk, match.kwargs["contact_id"])
        return f"contact:{user.contact_pages_version}:{stamp}"
    return str(user.data_version)


def page_key(request: HttpRequest, user: User, csrf_secret: str) -> str:
    parts = [
        str(user.pk),
        _version_of(request, user),
        translation.get_language() or "",
        timezone.get_current_timezone_name(),
        timezone.localdate().isoformat(),
        csrf_secret,
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-Target", ""),
        request.get_full_path(),
    ]
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return f"page:{user.pk}:{digest}"


def _with_fresh_client_keys(body: bytes) -> bytes:
    return CLIENT_KEY.sub(lambda m: m.group(1) + str(uuid.uuid4()).encode() + m.group(2), body)


def _etag_matches(request: HttpRequest, etag: str) -> bool:
    asked = request.headers.get("If-None-Match", "")
    return etag in [tag.strip().removeprefix("W/") for tag in asked.split(",")]


class PageCacheMiddleware:
    """The last middleware: serves PAGES from the cache in process_view (after login, language,
    time zone and CSRF are settled), stores them on the way out, and bumps the data version of
    every account the request wrote to."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = getattr(request, "user", None)
        signed_in = user.pk if isinstance(user, User) and user.is_authenticated else None
        written = _RequestWrites()
        token = _written.set(written)
        try:
            response = self.get_response(request)
        finally:
            _written.reset(token)
            if (
                signed_in is not None
                and request.method in UNSAFE_METHODS
                and signed_in not in written.settled
            ):
                written.note([signed_in])
            bump_data_versions(written.waiting)
        key = getattr(request, "page_cache_key", None)
        if key is not None and not written.writes:
            self._store(request, key, response)
        if getattr(request, "page_cache_lock", None) is not None:
            _release(request.page_cache_lock)  # type: ignore[attr-defined]
        return response

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponseBase | None:
        match = request.resolver_match
        user = getattr(request, "user", None)
        if (
            request.method != "GET"
            or match is None
            or match.view_name not in PAGES
            or not isinstance(user, User)
            or not user.is_authenticated
        ):
            return None
        csrf_secret = request.META.get("CSRF_COOKIE")
        waiting = getattr(request, "_messages", None)
        if not csrf_secret or (waiting is not None and len(waiting)):
            return None
        try:
            key = page_key(request, user, csrf_secret)
            request.page_cache_key = key  # type: ignore[attr-defined]
            entry = cache.get(key)
            if entry is None:
                entry = _wait_for_the_renderer(request, key)
        except Exception:  # Redis away: the page is rendered, as without a cache
            logger.warning("page cache unavailable", exc_info=True)
            return None
        if entry is None:
            return None
        etag = entry.get("etag")
        if etag and _etag_matches(request, etag):
            response: HttpResponseBase = HttpResponseNotModified()
            response["ETag"] = etag
        else:
            response = HttpResponse(_with_fresh_client_keys(entry["body"]))
        for name, value in entry["headers"].items():
            if name != "Content-Type" or response.status_code == 200:
                response[name] = value
        # As a fresh render would: the CSRF cookie is sent again with its expiry moved on.
        get_token(request)
        request.page_cache_key = None  # type: ignore[attr-defined]  # nothing to store again
        return response

    def _store(self, request: HttpRequest, key: str, response: HttpResponseBase) -> None:
        if (
            response.status_code != 200
            or response.streaming
            or response.cookies
            or not isinstance(response, HttpResponse)
        ):
            return
        waiting = getattr(request, "_messages", None)
        if waiting is not None and len(waiting):  # queued by this request
            return
        patch_vary_headers(response, ["HX-Request"])
        response.headers.setdefault("Cache-Control", "private, no-cache")
        body = response.content
        etag = None
        if not CLIENT_KEY.search(body):
            etag = f'"{key.rsplit(":", 1)[1][:32]}"'
            response["ETag"] = etag
        headers = {name: response[name] for name in KEPT_HEADERS if name in response}
        try:
            cache.set(key, {"body": body, "headers": headers, "etag": etag}, CACHE_SECONDS)
        except Exception:  # Redis away: the page goes out all the same
            logger.warning("page cache unavailable", exc_info=True)


def _wait_for_the_renderer(request: HttpRequest, key: str) -> dict[str, Any] | None:
    """On a miss: the lock to render the page (None, render it), or the copy of the worker that
    holds it, once stored; None after WAIT_SECONDS or once that worker let go without a copy."""
    lock = f"{key}:rendering"
    if cache.add(lock, 1, RENDER_LOCK_SECONDS):
        request.page_cache_lock = lock  # type: ignore[attr-defined]  # released in __call__
        return None
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(WAIT_STEP_SECONDS)
        found = cache.get_many([key, lock])
        if key in found:
            return found[key]
        if lock not in found:
            return None
    return None


def _release(lock: str) -> None:
    try:
        cache.delete(lock)
    except Exception:  # Redis away: the lock lapses by itself
        logger.warning("page cache unavailable", exc_info=True)
