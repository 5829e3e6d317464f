"""The private calendar feed: an unguessable address, revoked by a reset; yearly dates, follow-ups, quiet reminders."""

import datetime

import icalendar
import pytest
from django.utils import timezone

from contacts.dates import Birthday
from contacts.models import Introduction
from encounters.calendar_feed import build_calendar
from tests.factories import make_contact, make_encounter, make_important_date, make_introduction


def _events(body: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(body)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def _feed_url(user) -> str:
    return f"/calendar/{user.calendar_token}.ics"


def test_the_feed_opens_with_its_token_and_no_login(client, user):
    response = client.get(_feed_url(user))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, max-age=900"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "Weitblick: Alice"


def test_the_token_is_long_and_unguessable(user, other_user):
    assert len(user.calendar_token) >= 43
    assert user.calendar_token != other_user.calendar_token


@pytest.mark.parametrize("token", ["wrong-token", "x" * 200, ""])
def test_a_wrong_token_answers_404(client, user, token):
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_resetting_the_token_revokes_the_old_address(client, user):
    old = _feed_url(user)
    client.force_login(user)
    response = client.post("/calendar/reset/", {"next": "/exchange/"})
    assert response.status_code == 302 and response["Location"] == "/exchange/"
    user.refresh_from_db()
    assert client.get(old).status_code == 404
    assert client.get(_feed_url(user)).status_code == 200


def test_resetting_needs_a_post_and_a_login(client, user):
    token = user.calendar_token
    assert client.post("/calendar/reset/").status_code == 302  # to the login page
    client.force_login(user)
    assert client.get("/calendar/reset/").status_code == 405
    user.refresh_from_db()
    assert user.calendar_token == token


def test_the_exchange_page_shows_the_feed_address(user_client, user):
    page = user_client.get("/exchange/").content.decode()
    assert f"http://testserver/calendar/{user.calendar_token}.ics" in page
    assert f"webcal://testserver/calendar/{user.calendar_token}.ics" in page


def test_birthdays_with_and_without_a_year_are_yearly_all_day_events(user):
    anna = make_contact(user, "Anna Schmidt")
    anna.birthday = Birthday(month=4, day=12, year=1979)
    anna.save()
    ben = make_contact(user, "Ben Berger")
    ben.birthday = Birthday(month=9, day=28)
    ben.save()
    leap = make_contact(user, "Leap Day")
    leap.birthday = Birthday(month=2, day=29)
    leap.save()
    gone = make_contact(user, "Archived", archived=True)
    gone.birthday = Birthday(month=1, day=1)
    gone.save()
    events = _events(build_calendar(user, datetime.date(2026, 11, 20)))
    anna_event = events[f"birthday-{anna.pk}@weitblick"]
    assert str(anna_event["SUMMARY"]) == "Birthday: Anna Schmidt"
    assert anna_event.decoded("DTSTART") == datetime.date(1979, 4, 12)
    assert anna_event.decoded("DTEND") == datetime.date(1979, 4, 13)
    assert anna_event["RRULE"]["FREQ"] == ["YEARLY"]
    assert str(anna_event["DESCRIPTION"]) == "Born in 1979."
    assert anna_event["URL"].endswith(f"/contacts/{anna.pk}/")
    ben_event = events[f"birthday-{ben.pk}@weitblick"]
    assert ben_event.decoded("DTSTART") == datetime.date(2000, 9, 28)
    assert "DESCRIPTION" not in ben_event
    leap_event = events[f"birthday-{leap.pk}@weitblick"]
    assert leap_event["RRULE"]["BYMONTHDAY"] == [-1] and leap_event["RRULE"]["BYMONTH"] == [2]
    assert f"birthday-{gone.pk}@weitblick" not in events


def test_important_dates_are_yearly_events(user):
    anna = make_contact(user, "Anna Schmidt")
    date = make_important_date(anna, label="Founding day", date=datetime.date(2016, 3, 18))
    event = _events(build_calendar(user, datetime.date(2026, 11, 20)))[f"date-{date.pk}@weitblick"]
    assert str(event["SUMMARY"]) == "Founding day: Anna Schmidt"
    assert event.decoded("DTSTART") == datetime.date(2016, 3, 18)
    assert event["RRULE"]["FREQ"] == ["YEARLY"]


def test_introductions_to_follow_up_are_one_day_events_until_their_story_ends(user):
    anna, ben, cleo = (
        make_contact(user, "Anna"),
        make_contact(user, "Ben"),
        make_contact(user, "Cleo"),
    )
    open_one = make_introduction(
        user, anna, ben, follow_up_on=datetime.date(2026, 12, 1), reason="Both build sensors."
    )
    declined = make_introduction(
        user,
        anna,
        cleo,
        follow_up_on=datetime.date(2026, 12, 2),
        status=Introduction.Status.DECLINED,
    )
    finished = make_introduction(
        user,
        ben,
        cleo,
        follow_up_on=datetime.date(2026, 12, 3),
        status=Introduction.Status.MET,
        outcome=Introduction.Outcome.FRUITFUL,
    )
    events = _events(build_calendar(user, datetime.date(2026, 11, 20)))
    event = events[f"introduction-{open_one.pk}@weitblick"]
    assert str(event["SUMMARY"]) == "Follow up: Anna and Ben"
    assert event.decoded("DTSTART") == datetime.date(2026, 12, 1)
    assert "RRULE" not in event
    assert str(event["DESCRIPTION"]) == "Both build sensors."
    assert f"introduction-{declined.pk}@weitblick" not in events
    assert f"introduction-{finished.pk}@weitblick" not in events


def test_each_quiet_contact_with_a_cadence_gets_a_reminder_today(user):
    today = datetime.date(2026, 11, 20)
    created = timezone.now() - datetime.timedelta(days=400)
    quiet = make_contact(user, "Quiet Quentin", cadence_days=30, created_at=created)
    make_encounter(user, [quiet], occurred_on=today - datetime.timedelta(days=45))
    fresh = make_contact(user, "Seen Sarah", cadence_days=30, created_at=created)
    make_encounter(user, [fresh], occurred_on=today - datetime.timedelta(days=5))
    no_cadence = make_contact(user, "No Cadence", created_at=created)
    make_encounter(user, [no_cadence], occurred_on=today - datetime.timedelta(days=300))
    events = _events(build_calendar(user, today))
    event = events[f"quiet-{quiet.pk}@weitblick"]
    assert str(event["SUMMARY"]) == "Get in touch with Quiet Quentin"
    assert event.decoded("DTSTART") == today
    assert (
        str(event["DESCRIPTION"])
        == "You wanted to see each other every 30 days; you last met on 6 October 2026."
    )
    assert f"quiet-{fresh.pk}@weitblick" not in events
    assert f"quiet-{no_cadence.pk}@weitblick" not in events


def test_the_feed_holds_nothing_of_another_person(client, user, other_user):
    eve = make_contact(other_user, "Eve Secret")
    eve.birthday = Birthday(month=1, day=2)
    eve.save()
    assert b"Eve Secret" not in client.get(_feed_url(user)).content


def test_the_feed_takes_a_fixed_number_of_queries(user, django_assert_max_num_queries):
    for i in range(30):
        contact = make_contact(user, f"Person {i}", cadence_days=10)
        contact.birthday = Birthday(month=i % 12 + 1, day=1)
        contact.save()
        make_important_date(contact)
    with django_assert_max_num_queries(7):
        build_calendar(user, datetime.date(2026, 11, 20))
