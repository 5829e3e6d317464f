"""No input gives a 5xx: every URL pattern, with hostile values in each query parameter and form field
its view reads, as a visitor without login, as the owner of the objects and as another user.

Which names a view reads is learned, not listed: a first, ordinary request records every key looked
up in request.GET, request.POST and request.FILES (forms read their fields the same way). Hypothesis
then fills those names (and the path's own arguments) with NUL, huge and negative numbers, 10,000
characters, invalid UTF-8, SQL and template metacharacters, impossible dates, and text of its own.
"""

import contextlib
import datetime
import os
from collections import Counter
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.factories import make_user
from tests.site.routes import converter_kinds, fill, walk, world_ids

pytestmark = pytest.mark.django_db

HOSTILE_TEXT = [
    "\x00",
    "a\x00b",
    "9" * 30,
    "99999999",
    "-1",
    "-99999999999999999999",
    "0",
    "²",  # a digit to str.isdigit(), not to int()
    "1e309",
    "NaN",
    "x" * 10_000,
    "9999-12-31",
    "0001-01-01",
    "10000-01-01",
    "2026-02-30",
    "' OR 1=1 --",
    '"; DROP TABLE contacts_contact; --',
    "%",
    "_",
    "\\",
    "{{ request }}{% debug %}",
    "{% load x %}",
    "<script>alert(1)</script>",
    "\ud800",  # a lone surrogate: no valid UTF-8 at all
    "\u202e\ufeff",
    " ",
    "",
    "1:2:3",
    "6:\x00",
    "../../etc/passwd",
]
# Bytes for the query string as sent, percent-escaped: invalid UTF-8 and an overlong NUL.
RAW_ESCAPES = ["%ff", "%c0%80", "%e2%28%a1", "%00", "%", "%zz"]
HOSTILE_PATH_TEXT = [v for v in HOSTILE_TEXT if "/" not in v and v] + ["%ff", "%00", "a.b"]
HOSTILE_IDS = ["0", "9" * 30, "99999999999", str(2**63), str(2**31)]

hostile_text = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.text(max_size=40),
    st.integers().map(str),
    st.dates().map(datetime.date.isoformat),
)

# Examples per URL pattern (each a GET and a POST as one of the three visitors): about 60 seconds
# for the whole site on PostgreSQL. HOSTILE_EXAMPLES=200 for a long hunt.
EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "5"))
TALLY: Counter[str] = Counter()


@contextlib.contextmanager
def recording_reads() -> Iterator[dict[int, set[str]]]:
    """The keys read from each MultiValueDict (request.GET, POST, FILES are ones) meanwhile."""
    reads: dict[int, set[str]] = {}
    originals = {name: getattr(MultiValueDict, name) for name in ("__getitem__", "get", "getlist")}
    originals["__contains__"] = dict.__contains__

    def recorder(name: str):
        original = originals[name]

        def read(self, key, *args, **kwargs):
            if isinstance(key, str):
                reads.setdefault(id(self), set()).add(key)
            return original(self, key, *args, **kwargs)

        return read

    for name in originals:
        setattr(MultiValueDict, name, recorder(name))
    try:
        yield reads
    finally:
        for name, original in originals.items():
            if name == "__contains__":
                del MultiValueDict.__contains__
            else:
                setattr(MultiValueDict, name, original)


def learn_reads(client: Client, path: str) -> dict[str, set[str]]:
    """The names the view at `path` reads from the query string, the form and the files."""
    learned: dict[str, set[str]] = {"GET": set(), "POST": set(), "FILES": set()}
    for method in ("get", "post"):
        with recording_reads() as reads, rolled_back():
            response = getattr(client, method)(path)
        request = response.wsgi_request
        learned["GET"] |= reads.get(id(request.GET), set())
        if method == "post":
            learned["POST"] |= reads.get(id(request.__dict__.get("_post")), set())
            learned["FILES"] |= reads.get(id(request.__dict__.get("_files")), set())
    learned["POST"].discard("csrfmiddlewaretoken")
    return learned


@contextlib.contextmanager
def rolled_back() -> Iterator[None]:
    """What a request writes is undone, so each example starts from the same world."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


ROUTES = [(route, pattern) for route, pattern in walk() if not route.startswith("accounts/logout")]


@pytest.fixture(scope="module", autouse=True)
def tally_report():
    """The figures for the record (shown with -s): requests sent and 5xx answers seen."""
    yield
    print(f"\nhostile requests: {TALLY['requests']}, 5xx: {TALLY['5xx']}")


@pytest.fixture
def cast(db, settings):
    settings.SIGNUP_MODE = "open"
    owner = make_user("owner", first_name="Olga")
    stranger = make_user("stranger")
    ids = world_ids(owner)
    clients = {"anonymous": Client(raise_request_exception=False)}
    for name, user in (("owner", owner), ("stranger", stranger)):
        clients[name] = Client(raise_request_exception=False)
        clients[name].force_login(user)
    return ids, clients


def query_string(values: dict[str, str], raw: str) -> str:
    parts = [
        f"{quote(k, safe='')}={quote(v, safe='', errors='surrogatepass')}"
        for k, v in values.items()
    ]
    if raw:
        parts.append(f"q={raw}")
    return "&".join(parts)


def form_body(values: dict[str, str]) -> dict[str, Any]:
    return {
        k: v.encode("utf-8", "surrogatepass") if "\ud800" in v else v for k, v in values.items()
    }


@pytest.mark.parametrize("route,pattern", ROUTES, ids=[route for route, _ in ROUTES])
def test_no_hostile_input_gives_a_server_error(cast, route, pattern):
    ids, clients = cast
    kinds = converter_kinds(pattern)
    owner_path = fill(route, {name: ids.get(name, "x") for name in kinds})
    reads = learn_reads(clients["owner"], owner_path)

    path_values = st.fixed_dictionaries(
        {
            name: st.one_of(st.just(ids.get(name, 1)), st.sampled_from(HOSTILE_IDS))
            if kind == "int"
            else st.one_of(st.sampled_from(HOSTILE_PATH_TEXT), st.text(min_size=1, max_size=20))
            for name, kind in kinds.items()
        }
    )
    names = sorted(reads["GET"] | reads["POST"])

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        # Each example is two requests against PostgreSQL; a failure names its request as it is.
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        who=st.sampled_from(sorted(clients)),
        path_args=path_values,
        values=st.fixed_dictionaries({name: hostile_text for name in names}),
        raw=st.sampled_from(["", *RAW_ESCAPES]),
        file_bytes=st.sampled_from([b"\x00\xff", b"BEGIN:VCARD\r\nFN:\x00\r\n", b"[" * 5000, b""]),
    )
    def requests_never_fail(who, path_args, values, raw, file_bytes):
        client = clients[who]
        path = fill(route, {name: quote(str(v), safe="%") for name, v in path_args.items()})
        get_values = {k: values[k] for k in reads["GET"]}
        post_values = form_body({k: values[k] for k in reads["POST"]})
        for name in reads["FILES"]:
            post_values[name] = SimpleUploadedFile("hostile.vcf", file_bytes)
        for method, send in (
            ("GET", lambda: client.get(f"{path}?{query_string(get_values, raw)}")),
            ("POST", lambda: client.post(f"{path}?{query_string({}, raw)}", post_values)),
        ):
            with rolled_back():
                status = send().status_code
            TALLY["requests"] += 1
            if status >= 500:
                TALLY["5xx"] += 1
            assert status < 500, f"{method} {path} as {who}: {status}"

    requests_never_fail()
