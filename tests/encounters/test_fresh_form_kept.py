"""The fresh quick log a log answers with is rendered once and kept (encounters/views.py,
_fresh_form): each answer still carries its own key and a CSRF token that works, the page to go
back to as posted, and the chosen contact's chip as the contact is now, in the person's language."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from encounters.models import Encounter
from tests.factories import make_contact, make_user, quick_log_form

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _freshquick_log_form(response) -> str:
    html = response.content.decode()
    return html[: html.index("hx-swap-oob")]


def _value(name: str, html: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


def test_each_answer_carries_a_new_key_and_a_token_that_works(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    anna = make_contact(user, "Anna")
    page = client.get(reverse("dashboard")).content.decode()
    token = _value("csrfmiddlewaretoken", page)

    answers = []
    for _ in range(3):
        response = client.post(
            reverse("encounters:log"),
            quick_log_form(participants=[anna.pk], csrfmiddlewaretoken=token),
            **HTMX,
        )
        assert response.status_code == 200
        form = _freshquick_log_form(response)
        answers.append(form)
        token = _value("csrfmiddlewaretoken", form)  # the next log is sent with the answer's

    keys = [_value("client_key", form) for form in answers]
    assert len(set(keys)) == 3
    assert Encounter.objects.for_user(user).count() == 3


def test_the_page_to_go_back_to_is_the_one_posted_and_escaped(user_client, user):
    anna = make_contact(user, "Anna")
    for next_url in ["/contacts/", '/contacts/?q=a&b="<c>"']:
        response = user_client.post(
            reverse("encounters:log"), quick_log_form(participants=[anna.pk], next=next_url), **HTMX
        )
        form = _freshquick_log_form(response)
        expected = next_url.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
        assert f'name="next" value="{expected.replace(">", "&gt;")}"' in form


def test_the_chosen_contact_is_shown_as_they_are_now_and_only_to_their_owner(user_client, user):
    anna = make_contact(user, "Anna")
    log = quick_log_form(participants=[anna.pk], preselect=str(anna.pk))
    assert "Anna" in _freshquick_log_form(user_client.post(reverse("encounters:log"), log, **HTMX))

    anna.name = "Anna Berg"
    anna.save()
    form = _freshquick_log_form(user_client.post(reverse("encounters:log"), log, **HTMX))
    assert "Anna Berg" in form
    assert f'name="participants" value="{anna.pk}"' in form

    other = Client()
    other.force_login(make_user("mallory"))
    response = other.post(reverse("encounters:log"), log, **HTMX)
    assert "Anna Berg" not in response.content.decode()
    assert f'name="participants" value="{anna.pk}"' not in response.content.decode()


def test_the_fresh_form_follows_the_language(user):
    anna = make_contact(user, "Anna")
    for language, label in [("en", "Planned or by chance?"), ("de", "Geplant oder zufällig?")]:
        user.language = language
        user.save()
        client = Client()
        client.force_login(user)
        form = _freshquick_log_form(
            client.post(reverse("encounters:log"), quick_log_form(participants=[anna.pk]), **HTMX)
        )
        assert label in form


def test_a_contact_named_like_a_hole_stays_a_name(user_client, user):
    from encounters.views import _HOLE_NEXT, _HOLE_TOKEN

    odd = make_contact(user, f'{_HOLE_TOKEN} "{_HOLE_NEXT}"')
    log = quick_log_form(participants=[odd.pk], preselect=str(odd.pk))
    form = _freshquick_log_form(user_client.post(reverse("encounters:log"), log, **HTMX))
    assert f"{_HOLE_TOKEN} &quot;{_HOLE_NEXT}&quot;" in form
    assert 'name="next" value="/contacts/"' in form
