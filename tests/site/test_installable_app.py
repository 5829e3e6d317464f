"""Weitblick as an installable app: the manifest, the service worker and what the phone keeps."""

import datetime
import json
import uuid

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from contacts.models import Contact
from encounters.models import Encounter
from tests.factories import make_contact

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_the_manifest_names_the_app_its_icons_and_the_quick_log_as_start(client):
    response = client.get("/manifest.webmanifest")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Weitblick"
    assert manifest["start_url"] == reverse("encounters:log_page")
    assert manifest["display"] == "standalone"
    assert {"192x192", "512x512"} <= {icon["sizes"] for icon in manifest["icons"]}
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix(settings.STATIC_URL)), icon["src"]


def test_the_service_worker_is_served_from_the_root_with_its_shell(client):
    response = client.get("/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    source = response.content.decode()
    config = json.loads(source.split("self.WEITBLICK = ", 1)[1].split(";\n", 1)[0])
    assert config["page"] == reverse("encounters:log_page")
    assert "/static/js/offline.js" in config["shell"]
    assert "caches.open" in source


def test_the_device_copy_holds_only_the_users_own_contacts_and_what_the_picker_needs(
    user_client, user, other_user
):
    make_contact(user, "Anna Berger", organisation="Stadtwerke", email="anna@example.org")
    make_contact(user, "Egon Alt", archived=True)
    make_contact(other_user, "Eve Secret")

    response = user_client.get(reverse("encounters:device_contacts"))

    assert response["Cache-Control"] == "private, no-store"
    (anna,) = response.json()["contacts"]
    assert set(anna) == {"id", "name", "organisation"}
    assert (anna["name"], anna["organisation"]) == ("Anna Berger", "Stadtwerke")


def test_the_device_copy_needs_a_login(client):
    response = client.get(reverse("encounters:device_contacts"))

    assert response.status_code == 302


def test_the_quick_log_page_opens_with_a_fresh_form(user_client):
    response = user_client.get(reverse("encounters:log_page"))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="quick-log"' in html and 'name="client_key"' in html
    assert 'id="new-person-template"' in html


def test_a_replayed_outbox_entry_is_stored_once_and_answered_as_logged(user_client, user):
    anna = make_contact(user, "Anna")
    key = str(uuid.uuid4())
    data = {
        "kind": "coffee",
        "occurred_on": (datetime.date.today() - datetime.timedelta(days=1)).isoformat(),
        "planned": "1",
        "participants": [anna.pk],
        "new_people": ["Lena"],
        "new_organisation": ["Varvet"],
        "client_key": key,
    }

    first = user_client.post(reverse("encounters:log"), data, **HTMX)
    again = user_client.post(reverse("encounters:log"), data, **HTMX)

    encounter = Encounter.objects.get()
    assert first["X-Encounter-Logged"] == again["X-Encounter-Logged"] == str(encounter.pk)
    assert Contact.objects.for_user(user).filter(name="Lena").count() == 1


def test_a_refused_entry_comes_back_without_the_logged_header(user_client, user):
    response = user_client.post(
        reverse("encounters:log"),
        {"kind": "coffee", "occurred_on": "2999-01-01", "planned": "1", "new_people": ["Lena"]},
        **HTMX,
    )

    assert response.status_code == 200
    assert "X-Encounter-Logged" not in response
    assert "errorlist" in response.content.decode()
