"""The introduction pages: the form and its context panel, the card's steps, the track record."""

import datetime
import re
from urllib.parse import unquote, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts.introductions.text import introduction_text
from contacts.models import Introduction, IntroductionEvent
from tests import factories
from tests.factories import make_contact

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
NEW = reverse("introductions:new")
Status = Introduction.Status
Outcome = Introduction.Outcome


def _text(response) -> str:
    """The page as a reader sees it: tags dropped, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def _value_of(response, name: str) -> str:
    """The value attribute of the input called `name`, as the browser would show it."""
    html = response.content.decode()
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
    value = re.search(r'value="([^"]*)"', tag)
    return value.group(1) if value else ""


@pytest.fixture
def anna(user):
    return make_contact(user, "Anna Berger", email="anna@example.org", trust=4)


@pytest.fixture
def ben(user):
    return make_contact(user, "Ben Okafor", email="ben@example.org", phone="+49 170 555")


@pytest.fixture
def made(user, anna, ben):
    return factories.make_introduction(
        user, anna, ben, reason="Both rebuild old mills.", status=Status.MADE
    )


def _post_new(client, **fields):
    data = {
        "first": "Anna Berger",
        "second": "Ben Okafor",
        "reason": "Both rebuild old mills & barns.",
        "channel": "email",
        "follow_up_on": "",
    }
    data.update(fields)
    return client.post(NEW, data)


def assert_nothing_saved():
    assert Introduction.objects.count() == 0
    assert IntroductionEvent.objects.count() == 0


# The form


def test_the_form_prefills_both_people_from_the_link_and_shows_what_you_know(
    user_client, user, anna, ben
):
    carla = make_contact(user, "Carla Romero")
    factories.make_introduction(
        user, carla, ben, reason="Banking.", status=Status.MET, outcome=Outcome.DID_NOT_FIT
    )

    response = user_client.get(NEW, {"a": anna.pk, "b": ben.pk})

    assert response.status_code == 200
    assert _value_of(response, "first") == "Anna Berger"
    assert _value_of(response, "second") == "Ben Okafor"
    text = _text(response)
    assert "What you know" in text
    assert f"Known since {timezone.localdate():%B %Y}" in text
    assert "trust 4/5" in text
    assert "trust not noted" in text
    assert "Carla Romero ↔ Ben Okafor · met · did not fit" in text
    assert "An earlier introduction of theirs did not fit." in text
    assert "No earlier introductions." in text


def test_the_form_from_one_contact_prefills_only_the_first(user_client, anna):
    response = user_client.get(NEW, {"a": anna.pk})

    assert _value_of(response, "first") == "Anna Berger"
    assert _value_of(response, "second") == ""
    assert "Pick both people to see" in _text(response)


def test_the_form_ignores_another_users_contact_in_the_link(user_client, other_user, anna):
    theirs = make_contact(other_user, "Mallory's Secret Friend")

    response = user_client.get(NEW, {"a": anna.pk, "b": theirs.pk})

    assert response.status_code == 200
    assert _value_of(response, "second") == ""
    assert "Mallory" not in response.content.decode()


def test_the_form_names_a_namesake_so_that_it_can_be_submitted(user_client, user, ben):
    twin = make_contact(user, "Anna Berger", organisation="Siemens")
    make_contact(user, "Anna Berger", organisation="Stadtwerke")

    response = user_client.get(NEW, {"a": twin.pk, "b": ben.pk})
    assert _value_of(response, "first") == "Anna Berger (Siemens)"

    _post_new(user_client, first="Anna Berger (Siemens)")
    assert Introduction.objects.get().a == twin


def test_the_context_endpoint_shows_what_you_know_about_the_two(user_client, anna, ben):
    response = user_client.get(
        reverse("introductions:context"), {"first": "anna berger", "second": "Ben Okafor"}, **HTMX
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert html.strip().startswith('<section class="card" id="intro-context"')
    text = _text(response)
    assert "Anna Berger" in text and "Ben Okafor" in text
    assert "trust 4/5" in text


@pytest.mark.parametrize(
    "second",
    ["", "Nobody Known", "Anna Berger", "Mallory's Friend"],
    ids=["empty", "unknown", "same", "theirs"],
)
def test_the_context_endpoint_waits_for_two_of_your_contacts(user_client, other_user, anna, second):
    make_contact(other_user, "Mallory's Friend")

    response = user_client.get(
        reverse("introductions:context"), {"first": "Anna Berger", "second": second}
    )

    assert response.status_code == 200
    assert "Pick both people to see" in _text(response)
    assert "intro-person" not in response.content.decode()


# Making it


def test_it_makes_an_introduction_and_goes_to_its_page(user_client, user, anna, ben):
    response = _post_new(user_client, channel="in_person")

    introduction = Introduction.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("introductions:detail", args=[introduction.pk])
    assert (introduction.owner, introduction.a, introduction.b) == (user, anna, ben)
    assert introduction.reason == "Both rebuild old mills & barns."
    assert introduction.channel == "in_person"
    assert introduction.status == Status.MADE
    assert introduction.follow_up_on == timezone.localdate() + datetime.timedelta(weeks=3)
    assert list(introduction.events.values_list("status", "outcome")) == [
        (Status.MADE, Outcome.PENDING)
    ]


def test_it_keeps_the_follow_up_date_typed_in_the_form(user_client, anna, ben):
    _post_new(user_client, follow_up_on="2031-02-03")

    assert Introduction.objects.get().follow_up_on == datetime.date(2031, 2, 3)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"second": "anna berger"}, "A contact cannot be introduced to themselves."),
        ({"second": "Nobody Known"}, "None of your contacts is called “Nobody Known”."),
        (
            {"second": "Mallory's Friend"},
            "None of your contacts is called “Mallory&#x27;s Friend”.",
        ),
        ({"reason": "   "}, "Say why they should meet."),
        ({"follow_up_on": "next week"}, "Enter a valid date."),
    ],
    ids=["self", "unknown", "theirs", "empty-reason", "bad-date"],
)
def test_bad_input_shows_the_form_again_with_an_error_and_saves_nothing(
    user_client, other_user, anna, ben, fields, message
):
    make_contact(other_user, "Mallory's Friend")
    typed = {
        "first": "Anna Berger",
        "second": "Ben Okafor",
        "reason": "Both rebuild old mills & barns.",
        "channel": "in_person",
        "follow_up_on": "2031-02-03",
        **fields,
    }

    response = user_client.post(NEW, typed)

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'class="field has-error"' in html
    assert _value_of(response, "first") == "Anna Berger"
    assert _value_of(response, "second") == typed["second"].replace("'", "&#x27;")
    if typed["reason"].strip():
        assert "Both rebuild old mills &amp; barns.</textarea>" in html
    assert _value_of(response, "follow_up_on") == typed["follow_up_on"]
    assert re.search(r'<input[^>]*value="in_person"[^>]*checked', html)
    assert_nothing_saved()


def test_a_failed_form_still_shows_what_you_know_when_both_are_known(user_client, anna, ben):
    response = _post_new(user_client, reason="")

    assert "Say why they should meet." in _text(response)
    assert "trust 4/5" in _text(response)
    assert_nothing_saved()


# The introduction's page


def test_the_page_shows_the_text_to_copy(user_client, made):
    response = user_client.get(reverse("introductions:detail", args=[made.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-copy-target="#intro-text"' in html
    copy_text = re.search(r'<pre class="intro-text" id="intro-text">(.*?)</pre>', html, re.S).group(
        1
    )
    assert copy_text.startswith("Hi Anna, hi Ben,")
    assert "Both rebuild old mills." in copy_text
    assert (
        "anna@example.org" in copy_text
        and "ben@example.org" in copy_text
        and "+49 170 555" in copy_text
    )


def test_the_mail_link_is_addressed_to_both_with_the_subject_and_text_encoded(user_client, made):
    response = user_client.get(reverse("introductions:detail", args=[made.pk]))

    href = (
        re.search(r'href="(mailto:[^"]*)"', response.content.decode())
        .group(1)
        .replace("&amp;", "&")
    )
    link = urlsplit(href)
    assert link.path == "anna@example.org,ben@example.org"
    subject_part, body_part = link.query.split("&")
    assert " " not in href and "\n" not in href
    assert subject_part == "subject=Introduction%3A%20Anna%20Berger%20and%20Ben%20Okafor"
    # RFC 6068: line breaks in a mailto body are CRLF.
    assert body_part.startswith("body=Hi%20Anna%2C%20hi%20Ben%2C%0D%0A")
    ready = introduction_text(made)
    assert unquote(subject_part.removeprefix("subject=")) == ready.subject
    assert unquote(body_part.removeprefix("body=")) == ready.body.replace("\n", "\r\n")


def test_a_reason_with_an_ampersand_does_not_break_the_mail_link(user_client, user, anna, ben):
    intro = factories.make_introduction(user, anna, ben, reason="Mills & barns? Yes=1")

    response = user_client.get(reverse("introductions:detail", args=[intro.pk]))

    href = (
        re.search(r'href="(mailto:[^"]*)"', response.content.decode())
        .group(1)
        .replace("&amp;", "&")
    )
    assert href.count("&") == 1
    assert "Mills%20%26%20barns%3F%20Yes%3D1" in href


# One click on the card


def test_marking_them_met_returns_the_card_and_keeps_the_history(user_client, made):
    response = user_client.post(
        reverse("introductions:step", args=[made.pk]), {"status": "met"}, **HTMX
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert html.strip().startswith('<section class="card intro-card" id="intro-card"')
    assert "How did it turn out?" in html
    made.refresh_from_db()
    assert made.status == Status.MET
    assert list(made.events.values_list("status", "outcome")) == [(Status.MET, Outcome.PENDING)]


def test_recording_a_fruitful_outcome_with_a_note(user_client, made):
    step = reverse("introductions:step", args=[made.pk])
    user_client.post(step, {"status": "met"}, **HTMX)

    response = user_client.post(
        step, {"outcome": "fruitful", "note": "They start a project."}, **HTMX
    )

    made.refresh_from_db()
    assert (made.status, made.outcome, made.outcome_note) == (
        Status.MET,
        Outcome.FRUITFUL,
        "They start a project.",
    )
    assert made.events.last().note == "They start a project."
    assert 'aria-pressed="true">fruitful' in " ".join(response.content.decode().split())
    assert "They start a project." in _text(response)


def test_an_outcome_before_they_met_is_refused_with_a_visible_error(user_client, made):
    response = user_client.post(
        reverse("introductions:step", args=[made.pk]),
        {"outcome": "fruitful", "note": "Too soon"},
        **HTMX,
    )

    assert response.status_code == 200
    assert re.search(
        r'role="alert">An outcome can only be recorded once they have met.<',
        response.content.decode(),
    )
    made.refresh_from_db()
    assert (made.status, made.outcome, made.outcome_note) == (Status.MADE, Outcome.PENDING, "")
    assert made.events.count() == 0


def test_a_met_introduction_cannot_be_sent_back_to_made(user_client, user, anna, ben):
    met = factories.make_introduction(user, anna, ben, status=Status.MET)

    response = user_client.post(
        reverse("introductions:step", args=[met.pk]), {"status": "made"}, **HTMX
    )

    assert "cannot become “made”" in response.content.decode()
    met.refresh_from_db()
    assert met.status == Status.MET
    assert met.events.count() == 0


def test_an_unknown_outcome_is_refused(user_client, user, anna, ben):
    met = factories.make_introduction(user, anna, ben, status=Status.MET)

    response = user_client.post(
        reverse("introductions:step", args=[met.pk]), {"outcome": "great"}, **HTMX
    )

    assert 'role="alert"' in response.content.decode()
    met.refresh_from_db()
    assert met.outcome == Outcome.PENDING
    assert met.events.count() == 0


def test_without_htmx_a_step_goes_back_to_the_page(user_client, made):
    response = user_client.post(reverse("introductions:step", args=[made.pk]), {"status": "met"})

    assert response.status_code == 302
    assert response.url == reverse("introductions:detail", args=[made.pk])
    made.refresh_from_db()
    assert made.status == Status.MET


def test_without_htmx_a_refused_step_says_why_on_the_page(user_client, made):
    response = user_client.post(
        reverse("introductions:step", args=[made.pk]), {"outcome": "fruitful"}, follow=True
    )

    assert "An outcome can only be recorded once they have met." in _text(response)
    made.refresh_from_db()
    assert made.outcome == Outcome.PENDING


def test_a_step_must_be_posted(user_client, made):
    response = user_client.get(reverse("introductions:step", args=[made.pk]), {"status": "met"})

    assert response.status_code == 405
    made.refresh_from_db()
    assert made.status == Status.MADE


# Track record, connectors, dashboard


def test_the_track_record_page_shows_the_numbers(user_client, user, anna, ben):
    carla = make_contact(user, "Carla Romero")
    past = timezone.localdate() - datetime.timedelta(days=1)
    factories.make_introduction(user, anna, ben, status=Status.MET, outcome=Outcome.FRUITFUL)
    factories.make_introduction(user, anna, carla, status=Status.MET, outcome=Outcome.NEUTRAL)
    factories.make_introduction(user, ben, carla, status=Status.MET, outcome=Outcome.DID_NOT_FIT)
    factories.make_introduction(user, carla, ben, status=Status.MADE, follow_up_on=past)

    response = user_client.get(reverse("introductions:record"))

    text = _text(response)
    assert "4 introductions" in text
    assert "3 have met" in text
    assert "33% fruitful, of 3 with an outcome" in text
    assert "1 follow-ups due" in text
    assert "Carla Romero 3 2 0 1" in text  # introduced, met, fruitful, did not fit
    assert "Anna Berger 2 2 1 0" in text
    assert "To follow up now Carla Romero ↔ Ben Okafor" in text
    assert text.count("· follow up") == 1  # the badge in the list of all


def test_the_track_record_page_without_introductions(user_client):
    text = _text(user_client.get(reverse("introductions:record")))

    assert "0 introductions" in text
    assert "– fruitful, of 0 with an outcome" in text
    assert "No introductions yet." in text


def test_the_connectors_page_lists_who_brought_people(user_client, user, anna, ben):
    for name in ("Carla", "David"):
        make_contact(user, name, met_through=ben)
    make_contact(user, "Egon", met_through=anna)

    text = _text(user_client.get(reverse("introductions:connectors")))

    assert "Ben Okafor 2 people" in text
    assert "Anna Berger 1 person" in text
    assert text.index("Ben Okafor") < text.index("Anna Berger")


def test_the_connectors_page_without_anyone(user_client, anna):
    assert "Nobody yet." in _text(user_client.get(reverse("introductions:connectors")))


def test_the_dashboard_lists_a_due_follow_up(user_client, user, anna, ben):
    carla = make_contact(user, "Carla Romero")
    today = timezone.localdate()
    due = factories.make_introduction(user, anna, ben, status=Status.MADE, follow_up_on=today)
    factories.make_introduction(
        user, anna, carla, status=Status.MADE, follow_up_on=today + datetime.timedelta(days=1)
    )
    factories.make_introduction(
        user, ben, carla, status=Status.MET, outcome=Outcome.FRUITFUL, follow_up_on=today
    )

    response = user_client.get(reverse("dashboard"))

    assert "Introductions to follow up" in _text(response)
    html = response.content.decode()
    assert f'href="{reverse("introductions:detail", args=[due.pk])}"' in html
    assert html.count(reverse("introductions:record") + f"{due.pk}/") == 1
    assert "Anna Berger ↔ Carla Romero" not in html
    assert "Ben Okafor ↔ Carla Romero" not in html


# Access


@pytest.fixture
def theirs(other_user):
    one, two = make_contact(other_user, "Their One"), make_contact(other_user, "Their Two")
    return factories.make_introduction(other_user, one, two, status=Status.MADE)


@pytest.mark.parametrize("name", ["detail", "step"])
def test_another_users_introduction_is_not_found(user_client, theirs, name):
    url = reverse(f"introductions:{name}", args=[theirs.pk])

    response = (
        user_client.get(url)
        if name == "detail"
        else user_client.post(url, {"status": "met"}, **HTMX)
    )

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Status.MADE
    assert theirs.events.count() == 0


@pytest.mark.parametrize(
    "url",
    [
        NEW,
        reverse("introductions:record"),
        reverse("introductions:connectors"),
        reverse("introductions:context"),
    ],
)
def test_the_pages_ask_to_log_in(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
