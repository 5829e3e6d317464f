"""Every response carries the security headers: a strict CSP, no framing, no sniffing."""

import pytest
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db


def csp_directives(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    directives = {}
    for directive in header.split(";"):
        name, *values = directive.split()
        directives[name] = values
    return directives


@pytest.fixture(
    params=[
        ("anonymous", "login", 200),
        ("anonymous", "admin:login", 200),
        ("anonymous", "admin:index", 302),
        ("user", "login", 302),
        ("user", "admin:index", 302),
        ("staff", "admin:index", 200),
        ("staff", "admin:contacts_introduction_changelist", 200),
        ("staff", "admin:contacts_contact_add", 200),
    ],
    ids=lambda param: f"{param[0]}-{param[1]}",
)
def response(request, client):
    who, url_name, status = request.param
    if who == "user":
        client.force_login(make_user("alice"))
    elif who == "staff":
        client.force_login(make_user("reviewer", is_staff=True, is_superuser=True))
    response = client.get(reverse(url_name))
    assert response.status_code == status
    return response


def test_it_sends_a_content_security_policy(response):
    directives = csp_directives(response)

    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]


def test_its_policy_allows_no_inline_script(response):
    directives = csp_directives(response)

    script_src = directives.get("script-src", directives["default-src"])
    assert "'unsafe-inline'" not in script_src
    assert "'unsafe-eval'" not in script_src
    assert "*" not in script_src


def test_its_policy_allows_no_inline_style(response):
    directives = csp_directives(response)

    assert "'unsafe-inline'" not in directives.get("style-src", directives["default-src"])


def test_it_forbids_framing(response):
    assert response.headers["X-Frame-Options"] == "DENY"


def test_it_forbids_content_sniffing(response):
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_it_sends_a_referrer_policy(response):
    assert response.headers["Referrer-Policy"] == "same-origin"
