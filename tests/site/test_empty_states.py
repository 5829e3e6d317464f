"""A fresh account's pages say what will appear on them and how to get it, instead of showing zeros."""

import re

import pytest
from django.urls import reverse

from tests.factories import make_contact

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


# page, what the empty page says will appear there, and where it sends the person to get it
EMPTY_PAGES = [
    ("contacts:list", "Your contacts appear here", ["exchange:home", "contacts:create"]),
    ("encounters:list", "Your encounters appear here", []),
    ("quiet", "People you have not seen for longer than usual appear here", []),
    ("circles", "Your circles appear here", []),
    (
        "introductions:record",
        "The people you introduce to each other appear here",
        ["introductions:new"],
    ),
    ("introductions:connectors", "The people who brought others into your life appear here", []),
]


@pytest.mark.parametrize(("name", "says", "links"), EMPTY_PAGES, ids=[p[0] for p in EMPTY_PAGES])
def test_an_empty_page_says_what_will_appear_and_how(user_client, name, says, links):
    response = user_client.get(reverse(name))

    assert response.status_code == 200
    assert says in _text(response)
    for link in links:
        assert f'href="{reverse(link)}"' in response.content.decode()


def test_a_contact_without_encounters_or_ties_says_how_to_add_them(user_client, user):
    anna = make_contact(user, "Anna")

    text = _text(user_client.get(reverse("contacts:detail", args=[anna.pk])))

    assert "Each one you log appears here" in text
    assert "Add whom they know below" in text
