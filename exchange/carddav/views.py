"""The CardDAV resources: discovery, the principal, the address-book home, the address book, cards.

Every resource but /.well-known/carddav answers only to HTTP Basic with an app password (never the
account password, never the session): phones keep it, and it can be revoked alone. Another
person's name in the path is a 404, as an id of theirs is on the pages.
"""

import base64
import binascii
import xml.etree.ElementTree as ET
from collections.abc import Callable
from functools import wraps
from urllib.parse import quote, unquote, urlsplit

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from contacts.account import User
from exchange.formats.records import fit_to_fields
from exchange.formats.vcard import parse_vcards
from exchange.formats.vcard_mapping import VERSIONS, CardSource, write_card
from exchange.keys import check_app_password, is_locked_out
from exchange.problems import ImportFileError

from . import book
from .query import matches
from .xml import (
    CALENDARSERVER,
    CARDDAV,
    DAV,
    BadRequestBody,
    PropRequest,
    Response,
    Value,
    element,
    error_body,
    href_element,
    hrefs_of,
    multistatus,
    parse,
    prop_request,
    tag,
)

DAV_HEADER = "1, 3, addressbook"
XML = "application/xml; charset=utf-8"
VCARD = "text/vcard; charset=utf-8"
# A card with a photo is a few hundred kilobytes; anything far larger is not a card.
MAX_CARD_BYTES = 1_000_000
REALM = 'Basic realm="Weitblick", charset="UTF-8"'
DEFAULT_VERSION = "3.0"
DISPLAY_NAME = "Weitblick"

View = Callable[..., HttpResponse]


def _text(status: int, message: str, **headers: str) -> HttpResponse:
    response = HttpResponse(message + "\n", status=status, content_type="text/plain; charset=utf-8")
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _credentials(request: HttpRequest) -> tuple[str, str] | None:
    kind, _space, encoded = request.headers.get("Authorization", "").partition(" ")
    if kind.lower() != "basic" or not encoded:
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    username, colon, password = decoded.partition(":")
    return (username, password) if colon and username and password else None


def dav_resource(*methods: str) -> Callable[[View], View]:
    """A DAV resource taking `methods`: answers OPTIONS, authenticates, 404s other people's paths,
    and turns a bad body into a 400. The view gets the account: view(request, user, **kwargs)."""
    allowed = ", ".join(["OPTIONS", *methods])

    def decorate(view: View) -> View:
        @login_not_required
        @csrf_exempt
        @wraps(view)
        def resource(request: HttpRequest, username: str = "", **kwargs: object) -> HttpResponse:
            if request.method == "OPTIONS":
                return _text(200, "", Allow=allowed, DAV=DAV_HEADER)
            if request.method not in methods:
                return _text(
                    405, _("This address does not take %s.") % request.method, Allow=allowed
                )
            credentials = _credentials(request)
            if credentials is None:
                return _text(401, _("Sign in with an app password."), WWW_Authenticate=REALM)
            if is_locked_out(request, credentials[0]):
                return _text(429, _("Too many failed sign-ins; wait a quarter of an hour."))
            key = check_app_password(request, *credentials)
            if key is None:
                return _text(401, _("Wrong user name or app password."), WWW_Authenticate=REALM)
            user = key.owner
            if username and username != user.username:
                return _text(404, _("Not found."))
            try:
                response = view(request, user, **kwargs)
            except BadRequestBody as error:
                return _text(400, str(error))
            response["DAV"] = DAV_HEADER
            return response

        return resource

    return decorate


@login_not_required
@csrf_exempt
def well_known(request: HttpRequest) -> HttpResponse:
    """RFC 6764: the server's address alone leads a client to the CardDAV context path."""
    return HttpResponsePermanentRedirect(reverse("dav:root"))


# --- Addresses and properties ---------------------------------------------------------------------


def _principal(user: User) -> str:
    return reverse("dav:principal", kwargs={"username": user.username})


def _home(user: User) -> str:
    return reverse("dav:home", kwargs={"username": user.username})


def _book(user: User) -> str:
    return reverse("dav:book", kwargs={"username": user.username})


def _card_href(user: User, name: str) -> str:
    return _book(user) + quote(name)


def _depth(request: HttpRequest) -> int:
    depth = request.headers.get("Depth", "infinity").strip().lower()
    if depth not in ("0", "1", "infinity"):
        raise BadRequestBody("Depth must be 0, 1 or infinity")
    # "infinity" is answered like 1: the tree is two levels deep under any collection.
    return 0 if depth == "0" else 1


def _answer(
    href: str, props: dict[str, Callable[[], Value]], wanted: PropRequest, *, all_names: list[str]
) -> Response:
    """The properties `wanted` asks for from those `props` can give, the rest reported missing."""
    if wanted.names_only:
        return Response(href, found={name: None for name in props})
    names = all_names if wanted.all else wanted.names
    response = Response(href)
    for name in names:
        if name in props:
            response.found[name] = props[name]()
        else:
            response.missing.append(name)
    return response


def _resourcetype(*kinds: str) -> Callable[[], Value]:
    return lambda: [element(kind) for kind in kinds]


def _principal_props(user: User) -> dict[str, Callable[[], Value]]:
    return {
        tag(DAV, "current-user-principal"): lambda: href_element(_principal(user)),
        tag(DAV, "principal-URL"): lambda: href_element(_principal(user)),
        tag(DAV, "owner"): lambda: href_element(_principal(user)),
        tag(CARDDAV, "addressbook-home-set"): lambda: href_element(_home(user)),
        tag(DAV, "principal-collection-set"): lambda: href_element(reverse("dav:root")),
        tag(DAV, "displayname"): lambda: user.get_full_name() or user.username,
    }


_PRINCIPAL_NAMES = [
    tag(DAV, "resourcetype"),
    tag(DAV, "current-user-principal"),
    tag(DAV, "displayname"),
    tag(CARDDAV, "addressbook-home-set"),
]


def _multistatus(responses: list[Response], *, sync_token: str = "") -> HttpResponse:
    return HttpResponse(multistatus(responses, sync_token=sync_token), status=207, content_type=XML)


# --- Discovery: the root, the principal, the home -------------------------------------------------


@dav_resource("PROPFIND")
def root(request: HttpRequest, user: User) -> HttpResponse:
    wanted = prop_request(parse(request.body))
    props = {
        **_principal_props(user),
        tag(DAV, "resourcetype"): _resourcetype(tag(DAV, "collection")),
    }
    responses = [_answer(reverse("dav:root"), props, wanted, all_names=_PRINCIPAL_NAMES)]
    return _multistatus(responses)


@dav_resource("PROPFIND")
def principal(request: HttpRequest, user: User) -> HttpResponse:
    wanted = prop_request(parse(request.body))
    props = {
        **_principal_props(user),
        tag(DAV, "resourcetype"): _resourcetype(tag(DAV, "principal")),
    }
    return _multistatus([_answer(_principal(user), props, wanted, all_names=_PRINCIPAL_NAMES)])


@dav_resource("PROPFIND")
def home(request: HttpRequest, user: User) -> HttpResponse:
    wanted = prop_request(parse(request.body))
    depth = _depth(request)
    props = {
        **_principal_props(user),
        tag(DAV, "resourcetype"): _resourcetype(tag(DAV, "collection")),
    }
    responses = [_answer(_home(user), props, wanted, all_names=_PRINCIPAL_NAMES)]
    if depth:
        responses.append(_book_response(user, wanted, None))
    return _multistatus(responses)


# --- The address book -----------------------------------------------------------------------------


_BOOK_NAMES = [
    tag(DAV, "resourcetype"),
    tag(DAV, "displayname"),
    tag(CALENDARSERVER, "getctag"),
    tag(DAV, "sync-token"),
    tag(DAV, "supported-report-set"),
    tag(CARDDAV, "supported-address-data"),
]


def _supported_reports() -> Value:
    return [
        element(tag(DAV, "supported-report"), element(tag(DAV, "report"), element(tag(ns, name))))
        for ns, name in (
            (CARDDAV, "addressbook-multiget"),
            (CARDDAV, "addressbook-query"),
            (DAV, "sync-collection"),
        )
    ]


def _address_data_types() -> Value:
    types = []
    for version in VERSIONS:
        node = element(tag(CARDDAV, "address-data-type"))
        node.set("content-type", "text/vcard")
        node.set("version", version)
        types.append(node)
    return types


def _privileges() -> Value:
    return [
        element(tag(DAV, "privilege"), element(tag(DAV, name)))
        for name in (
            "read",
            "write",
            "write-content",
            "bind",
            "unbind",
            "read-current-user-privilege-set",
        )
    ]


def _book_response(user: User, wanted: PropRequest, sources: list[CardSource] | None) -> Response:
    """The address book's own properties; the cards are loaded only when one asks for them."""
    loaded: list[list[CardSource]] = [sources] if sources is not None else []

    def current() -> list[CardSource]:
        if not loaded:
            loaded.append(book.cards(user))
        return loaded[0]

    props: dict[str, Callable[[], Value]] = {
        **_principal_props(user),
        tag(DAV, "resourcetype"): _resourcetype(
            tag(DAV, "collection"), tag(CARDDAV, "addressbook")
        ),
        tag(DAV, "displayname"): lambda: DISPLAY_NAME,
        tag(CARDDAV, "addressbook-description"): lambda: _("Your contacts in Weitblick"),
        tag(CALENDARSERVER, "getctag"): lambda: book.ctag(current()),
        tag(DAV, "sync-token"): lambda: book.sync_token(book.sync_state(user, current())),
        tag(DAV, "supported-report-set"): _supported_reports,
        tag(CARDDAV, "supported-address-data"): _address_data_types,
        tag(CARDDAV, "max-resource-size"): lambda: str(MAX_CARD_BYTES),
        tag(DAV, "current-user-privilege-set"): _privileges,
    }
    return _answer(_book(user), props, wanted, all_names=_BOOK_NAMES)


def _card_response(
    user: User, source: CardSource, wanted: PropRequest, version: str = DEFAULT_VERSION
) -> Response:
    props: dict[str, Callable[[], Value]] = {
        tag(DAV, "getetag"): source.etag,
        tag(DAV, "getcontenttype"): lambda: VCARD,
        tag(DAV, "resourcetype"): lambda: None,
        tag(CARDDAV, "address-data"): lambda: write_card(source, version),
    }
    return _answer(
        _card_href(user, source.href),
        props,
        wanted,
        all_names=[tag(DAV, "getetag"), tag(DAV, "getcontenttype"), tag(DAV, "resourcetype")],
    )


def _version(asked: str) -> str:
    return asked if asked in VERSIONS else DEFAULT_VERSION


@dav_resource("PROPFIND", "REPORT")
def address_book(request: HttpRequest, user: User) -> HttpResponse:
    root_element = parse(request.body)
    if request.method == "PROPFIND":
        wanted = prop_request(root_element)
        sources = book.cards(user) if _depth(request) else None
        responses = [_book_response(user, wanted, sources)]
        responses += [_card_response(user, source, wanted) for source in sources or []]
        return _multistatus(responses)
    if root_element is None:
        raise BadRequestBody("REPORT needs a body")
    wanted = prop_request(root_element)
    version = _version(wanted.vcard_version)
    if root_element.tag == tag(CARDDAV, "addressbook-multiget"):
        return _multiget(user, wanted, version, hrefs_of(root_element))
    if root_element.tag == tag(CARDDAV, "addressbook-query"):
        sources = [
            source
            for source in book.cards(user)
            if matches(source, root_element.find(tag(CARDDAV, "filter")))
        ]
        return _multistatus([_card_response(user, s, wanted, version) for s in sources])
    if root_element.tag == tag(DAV, "sync-collection"):
        return _sync_collection(user, wanted, version, root_element)
    return HttpResponse(
        error_body(DAV, "supported-report", _("This report is not supported here.")),
        status=403,
        content_type=XML,
    )


def _name_in_book(user: User, href: str) -> str | None:
    """The card name an href in a REPORT points at, None when it is not in this address book."""
    path = unquote(urlsplit(href).path)
    prefix = unquote(_book(user))
    name = path.removeprefix(prefix)
    return name if path.startswith(prefix) and name and "/" not in name else None


def _multiget(user: User, wanted: PropRequest, version: str, hrefs: list[str]) -> HttpResponse:
    names = {href: _name_in_book(user, href) for href in hrefs}
    found = {s.href: s for s in book.cards(user, [n for n in names.values() if n is not None])}
    responses = []
    for href, name in names.items():
        source = found.get(name) if name is not None else None
        if source is None:
            responses.append(Response(href, status="404 Not Found"))
        else:
            responses.append(_card_response(user, source, wanted, version))
    return _multistatus(responses)


def _sync_collection(
    user: User, wanted: PropRequest, version: str, report: ET.Element
) -> HttpResponse:
    token_node = report.find(tag(DAV, "sync-token"))
    token = (token_node.text or "").strip() if token_node is not None else ""
    before = None
    if token:
        before = book.state_of_token(user, token)
        if before is None:
            return HttpResponse(
                error_body(DAV, "valid-sync-token", _("This sync token is unknown or too old.")),
                status=403,
                content_type=XML,
            )
    sources = book.cards(user)
    state = book.sync_state(user, sources)
    changes = book.changes_since(before, sources)
    responses = [_card_response(user, s, wanted, version) for s in changes.changed]
    responses += [
        Response(_card_href(user, name), status="404 Not Found") for name in changes.removed
    ]
    return _multistatus(responses, sync_token=book.sync_token(state))


# --- Cards ----------------------------------------------------------------------------------------


def _asked_version(request: HttpRequest) -> str:
    accept = request.headers.get("Accept", "")
    return "4.0" if "version=4.0" in accept.replace(" ", "") else DEFAULT_VERSION


@dav_resource("GET", "HEAD", "PUT", "DELETE", "PROPFIND")
def card(request: HttpRequest, user: User, name: str) -> HttpResponse:
    if request.method == "PUT":
        return _put(request, user, name)
    if request.method == "DELETE":
        try:
            deleted = book.delete_card(user, name, if_match=request.headers.get("If-Match", ""))
        except book.PreconditionFailed:
            return _text(412, _("The card has changed since you read it."))
        return HttpResponse(status=204) if deleted else _text(404, _("Not found."))
    sources = book.cards(user, [name])
    if not sources:
        return _text(404, _("Not found."))
    source = sources[0]
    if request.method == "PROPFIND":
        wanted = prop_request(parse(request.body))
        return _multistatus([_card_response(user, source, wanted)])
    version = _asked_version(request)
    response = HttpResponse(write_card(source, version), content_type=VCARD)
    response["ETag"] = source.etag()
    return response


def _put(request: HttpRequest, user: User, name: str) -> HttpResponse:
    if int(request.headers.get("Content-Length") or 0) > MAX_CARD_BYTES:
        return _text(413, _("A card may have at most %d bytes.") % MAX_CARD_BYTES)
    kind = request.content_type or ""
    if kind and kind not in ("text/vcard", "text/x-vcard", "text/directory"):
        return _text(415, _("Send the card as text/vcard."))
    try:
        text = request.body.decode("utf-8")
    except UnicodeDecodeError:
        return _text(400, _("The card is not UTF-8 text."))
    try:
        records = parse_vcards(text)
    except ImportFileError as error:
        return _text(400, "\n".join(error.errors))
    if len(records) != 1:
        return _text(400, _("Send exactly one card."))
    record = fit_to_fields(records[0])
    if record.skip_reason:
        return _text(403, _("This card cannot be kept: %s.") % record.skip_reason)
    try:
        _contact, created = book.put_card(
            user,
            name,
            record,
            if_match=request.headers.get("If-Match", ""),
            if_none_match=request.headers.get("If-None-Match", ""),
        )
    except book.PreconditionFailed:
        return _text(412, _("The card has changed since you read it."))
    except book.CardConflict as conflict:
        return HttpResponse(
            error_body(CARDDAV, conflict.condition, str(conflict)), status=409, content_type=XML
        )
    except ValidationError as error:
        return _text(400, " ".join(error.messages))
    # No ETag: the card is stored as Weitblick writes it, not byte for byte as sent (RFC 9110
    # 9.3.4), so a client fetches it again to learn its ETag.
    return HttpResponse(status=201 if created else 204)
