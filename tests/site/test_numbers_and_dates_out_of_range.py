"""Numbers and dates beyond what Python or the calendar can hold are refused or ignored, never a 500:
a huge day count in a filter, a "digit" int() does not read, a backup nested 200,000 deep, and a
date on the last day of the calendar."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from icalendar import Calendar

from contacts.models import ImportantDate
from encounters.models import Plan
from exchange.imports import jobs
from tests.factories import make_contact, make_important_date, make_introduction

pytestmark = pytest.mark.django_db

LAST_DAY = datetime.date(9999, 12, 31)


@pytest.mark.parametrize("days", ["99999999", "9" * 30, "9" * 5000, "²", "-1"])
def test_the_in_person_filter_ignores_a_day_count_beyond_the_calendar(user_client, user, days):
    make_contact(user, "Anna")
    response = user_client.get(reverse("contacts:list"), {"in_person_days": days})
    assert response.status_code == 200
    assert b"Anna" in response.content


@pytest.mark.parametrize("path", ["/quiet/{id}/snooze/", "/calendar/reset/"])
@pytest.mark.parametrize("target", ["-1", "NaN", "999999999999999999999999999999"])
def test_a_next_that_is_no_address_goes_to_the_default_page(user_client, user, path, target):
    contact = make_contact(user, "Anna")
    response = user_client.post(path.format(id=contact.pk), {"days": "14", "next": target})
    assert response.status_code == 302
    assert response["Location"].startswith("/")


def test_a_backup_nested_200000_deep_is_refused_with_a_message(user):
    job = jobs.start_import(
        user, b"[" * 200_000 + b"]" * 200_000, filename="deep.json", format="backup"
    )
    assert jobs.read_job(job.pk) == "refused"
    job.refresh_from_db()
    assert "nested" in job.summary["errors"][0]


def test_uploading_a_backup_nested_200000_deep_shows_the_message(
    user_client, django_capture_on_commit_callbacks
):
    deep = SimpleUploadedFile("deep.json", b"[" * 200_000 + b"]" * 200_000)
    with django_capture_on_commit_callbacks(execute=True):  # the reading task, in-process
        response = user_client.post(reverse("exchange:upload"), {"file": deep, "format": "backup"})
    assert response.status_code == 302
    assert b"nested" in user_client.get(response["Location"]).content


def test_the_important_date_form_refuses_the_last_day_of_the_calendar(user_client, user):
    anna = make_contact(user, "Anna")
    response = user_client.post(
        reverse("contacts:date_add", args=[anna.pk]), {"label": "Far", "date": "9999-12-31"}
    )
    assert not ImportantDate.objects.filter(contact=anna).exists()
    assert response.status_code in (200, 400)


def test_the_plan_form_refuses_a_day_beyond_reach(user_client, user):
    anna = make_contact(user, "Anna", cadence_days=30)
    user_client.post(reverse("quiet_plan", args=[anna.pk]), {"on": "9999-12-31"})
    assert not Plan.objects.filter(contact=anna).exists()


def test_the_calendar_feed_survives_every_date_on_the_last_day(client, user):
    anna = make_contact(user, "Anna")
    make_important_date(anna, label="Far", date=LAST_DAY)
    Plan.objects.create(owner=user, contact=anna, on=LAST_DAY)
    make_introduction(user, anna, make_contact(user, "Ben"), follow_up_on=LAST_DAY)

    response = client.get(f"/calendar/{user.calendar_token}.ics")

    assert response.status_code == 200
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert {event.decoded("DTSTART") for event in events} >= {LAST_DAY}


@pytest.mark.parametrize("not_an_id", ["²", "9" * 30, str(2**63)])
@pytest.mark.parametrize(
    "address",
    [
        "/encounters/?contact={}",
        "/encounters/picker/chip/?contact={}",
        "/encounters/picker/?who=a&participants={}",
        "/introductions/new/?a={}&b={}",
    ],
)
def test_an_id_that_is_no_id_answers_without_a_500(user_client, user, address, not_an_id):
    make_contact(user, "Anna")
    response = user_client.get(address.format(not_an_id, not_an_id))
    assert response.status_code in (200, 404)


@pytest.mark.parametrize("not_an_id", ["²", "9" * 30])
def test_a_posted_participant_that_is_no_id_keeps_the_form(user_client, user, not_an_id):
    response = user_client.post(
        reverse("encounters:log"),
        {"participants": not_an_id, "preselect": not_an_id, "kind": "coffee"},
    )
    assert response.status_code == 200
