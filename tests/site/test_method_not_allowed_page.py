"""A visit to an address that only takes a form gets a page saying so, not a blank 405."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_opening_the_quick_log_address_shows_a_page_with_a_way_on(user_client):
    response = user_client.get(reverse("encounters:log"))

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    html = response.content.decode()
    assert "Nothing to see at this address" in html
    assert f'href="{reverse("dashboard")}"' in html
    assert "<header" in html  # the whole site around it, navigation included


def test_it_speaks_the_persons_language(user_client, user):
    user.language = "de"
    user.save()

    response = user_client.get(reverse("encounters:log"))

    assert "Hier gibt es nichts zu sehen" in response.content.decode()


def test_every_post_only_address_answers_a_visit_with_the_page(user_client):
    paths = [
        reverse("encounters:log"),
        reverse("calendar:reset"),
        reverse("circles_recompute"),
        reverse("exchange:upload"),
    ]
    for path in paths:
        response = user_client.get(path)
        assert response.status_code == 405, path
        assert "Nothing to see at this address" in response.content.decode(), path


def test_an_htmx_request_keeps_the_bare_answer(user_client):
    response = user_client.get(reverse("encounters:log"), HTTP_HX_REQUEST="true")

    assert response.status_code == 405
    assert response.content == b""


def test_a_post_answer_is_left_alone(user_client):
    response = user_client.post(reverse("logout"))

    assert response.status_code == 302
