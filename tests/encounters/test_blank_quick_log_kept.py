"""The quick log's fields as first shown are rendered once per language, time zone and day and kept
(crm/templatetags/weitblick.py, blank_form_fragment); a form with what was typed never is."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_contact, make_encounter, make_user

pytestmark = pytest.mark.django_db


def _dashboard(user) -> str:
    client = Client()
    client.force_login(user)
    return client.get(reverse("dashboard")).content.decode()


def test_the_kept_fields_follow_the_language_and_the_day(monkeypatch):
    ann = make_user("ann", language="en")
    english = _dashboard(ann)
    german = _dashboard(make_user("bernd", language="de"))
    assert "Planned or by chance?" in english and "Planned or by chance?" not in german
    # Today where the account lives: the pages count days in its zone, not the server's UTC.
    today = timezone.localdate(timezone=ann.zone)
    assert f'value="{today.isoformat()}"' in english
    tomorrow = today + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    assert f'value="{tomorrow.isoformat()}"' in _dashboard(make_user("carl", language="en"))


def test_a_form_sent_back_with_errors_shows_what_was_typed(user_client, user):
    _dashboard(user)  # the blank fields are kept now
    response = user_client.post(
        reverse("encounters:log"),
        {
            "kind": "meal",
            "occurred_on": "2001-13-45",
            "location": "Trattoria Zanetti",
            "planned": "0",
        },
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "Trattoria Zanetti" in html
    assert re.search(r'<input[^>]*name="kind" value="meal"[^>]*checked', html)
    assert not re.search(r'<input[^>]*name="kind" value="coffee"[^>]*checked', html)


def test_the_edit_form_shows_the_encounter_not_the_blank_fields(user_client, user):
    _dashboard(user)
    anna = make_contact(user, "Anna Berg")
    encounter = make_encounter(user, [anna], kind="meal", location="Café Laumer")
    html = user_client.get(reverse("encounters:edit", args=[encounter.pk])).content.decode()
    assert "Café Laumer" in html
