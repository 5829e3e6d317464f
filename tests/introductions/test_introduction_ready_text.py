"""The ready text: first names, who each is, the reason in the user's voice, the user's name."""

import re
from urllib.parse import unquote, urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from contacts.introductions.actions import make_introduction
from contacts.introductions.text import ask_text, first_name, introduction_text, who_they_are
from tests.factories import make_contact, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def jana(db):
    return make_user("jana", first_name="Jana", last_name="Berger")


@pytest.fixture
def intro(jana):
    ingrid = make_contact(
        jana, "Dr. Ingrid Svensson", email="ingrid@example.org",
        role="Head of welding research", organisation="Fraunhofer IWS",
    )  # fmt: skip
    finn = make_contact(jana, "Finn Schuster", organisation="Schuster Metallbau")
    return make_introduction(
        user=jana, a=ingrid, b=finn,
        reason="you both fight with welding robots, and Finn's line 3 stops every week.",
        about_b="taught himself Python to program the robot",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("Ingrid Svensson", "Ingrid"),
        ("Dr. Ingrid Svensson", "Ingrid"),
        ("Prof. Dr. Heinz Maier", "Heinz"),
        ("Svensson, Ingrid", "Ingrid"),
        ("Madonna", "Madonna"),
        ("Frau Dr. Yasmin Haddad", "Yasmin"),
    ],
)
def test_the_first_name_skips_titles(name, first):
    assert first_name(name) == first


def test_the_text_opens_with_first_names_and_signs_with_the_users_name(intro):
    body = introduction_text(intro).body

    assert body.startswith("Hi Ingrid, hi Finn,\n")
    assert "Svensson," not in body.splitlines()[0]
    assert body.endswith("Best wishes,\nJana Berger")


def test_the_text_says_in_one_line_who_each_is(intro):
    lines = introduction_text(intro).body.splitlines()

    assert "Ingrid – Head of welding research at Fraunhofer IWS." in lines
    assert "Finn – Schuster Metallbau; taught himself Python to program the robot." in lines
    assert who_they_are(intro.b) == "Schuster Metallbau"


def test_the_reason_reads_in_the_users_voice(intro):
    body = introduction_text(intro).body

    assert (
        "Why I think you should meet: you both fight with welding robots, "
        "and Finn's line 3 stops every week." in body
    )


def test_the_mail_goes_to_the_addresses_that_are_known(intro):
    ready = introduction_text(intro)
    assert ready.recipients == ("ingrid@example.org",)

    intro.b.email = "finn@example.org"
    intro.b.save()
    both = introduction_text(intro)
    assert both.recipients == ("ingrid@example.org", "finn@example.org")
    link = urlsplit(both.mailto)
    assert link.path == "ingrid@example.org,finn@example.org"
    assert unquote(link.query.split("&")[1].removeprefix("body=")) == both.body.replace(
        "\n", "\r\n"
    )


def test_the_page_offers_the_mail_to_both(client, jana, intro):
    intro.b.email = "finn@example.org"
    intro.b.save()
    client.force_login(jana)

    html = client.get(reverse("introductions:detail", args=[intro.pk])).content.decode()

    href = re.search(r'id="intro-mailto"[^>]*|href="(mailto:[^"]*)"', html)
    assert href is not None
    assert "Open in mail program, to both" in html
    assert "mailto:ingrid@example.org,finn@example.org?" in html


def test_the_question_to_one_side_names_the_other_and_why(intro):
    question = ask_text(intro, "a")

    assert question.subject == "Would you like to meet Finn Schuster?"
    assert question.recipients == ("ingrid@example.org",)
    assert question.body.startswith("Hi Ingrid,\n")
    assert (
        "I would like to introduce you to Finn Schuster – Schuster Metallbau; "
        "taught himself Python to program the robot." in question.body
    )
    assert ask_text(intro, "b").recipients == ()


def test_the_text_is_german_for_a_german_user(intro):
    with translation.override("de"):
        body = introduction_text(intro).body

    assert body.startswith("Hallo Ingrid, hallo Finn,\n")
    assert "Ingrid – Head of welding research bei Fraunhofer IWS." in body
    assert "Warum ihr euch kennenlernen solltet: you both fight" in body
    assert body.endswith("Viele Grüße\nJana Berger")
