"""What the weekly digest says: quiet contacts, celebrations, follow-ups, the week in numbers."""

import datetime

import pytest

from contacts.dates import Birthday
from contacts.models import Introduction
from encounters.digest import build_digest, digest_message, render_digest
from tests.factories import make_contact, make_encounter, make_important_date, make_introduction

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2026, 11, 23)


def test_it_names_the_quiet_contacts_with_what_you_last_talked_about(user):
    anna = make_contact(user, "Anna Quiet", cadence_days=30)
    make_encounter(
        user, [anna], occurred_on=AS_OF - datetime.timedelta(days=90), learned="Her plant in Porto"
    )
    digest = build_digest(user, AS_OF)
    assert [q.name for q in digest.quiet] == ["Anna Quiet"]
    subject, text, html = render_digest(user, digest)
    assert "Anna Quiet" in text and "Her plant in Porto" in text
    assert "Anna Quiet" in html and "1 person to see again" in subject


def test_it_lists_birthdays_and_dates_in_the_next_two_weeks_only(user):
    soon = make_contact(user, "Birthday Soon")
    soon.birthday = Birthday(month=11, day=30, year=1980)
    soon.save()
    later = make_contact(user, "Birthday Later")
    later.birthday = Birthday(month=12, day=31)
    later.save()
    make_important_date(
        make_contact(user, "Wed Ding"), label="Wedding anniversary", date=datetime.date(2016, 12, 1)
    )
    digest = build_digest(user, AS_OF)
    assert [(c.contact_name, c.years) for c in digest.celebrations] == [
        ("Birthday Soon", 46),
        ("Wed Ding", 10),
    ]


def test_it_lists_introductions_whose_follow_up_has_come(user):
    a, b, c = (make_contact(user, n) for n in ("Ada", "Ben", "Cem"))
    make_introduction(user, a, b, follow_up_on=AS_OF - datetime.timedelta(days=1), status="made")
    make_introduction(user, a, c, follow_up_on=AS_OF + datetime.timedelta(days=5), status="made")
    make_introduction(
        user,
        b,
        c,
        follow_up_on=AS_OF,
        status=Introduction.Status.MET,
        outcome=Introduction.Outcome.FRUITFUL,
    )
    digest = build_digest(user, AS_OF)
    assert [(i.a.name, i.b.name) for i in digest.follow_ups] == [("Ada", "Ben")]


def test_it_counts_the_week_in_numbers(user):
    old = make_contact(user, "Old Friend")
    make_encounter(user, [old], occurred_on=AS_OF - datetime.timedelta(days=100))
    make_encounter(user, [old], kind="coffee", occurred_on=AS_OF - datetime.timedelta(days=2))
    stranger = make_contact(user, "Seat 14C")
    make_encounter(user, [stranger], kind="travel", planned=False, occurred_on=AS_OF)
    make_encounter(user, [old], kind="phone_call", occurred_on=AS_OF - datetime.timedelta(days=6))
    make_encounter(user, [old], kind="phone_call", occurred_on=AS_OF - datetime.timedelta(days=7))
    digest = build_digest(user, AS_OF)
    assert (digest.week.total, digest.week.in_person, digest.week.by_chance, digest.new_people) == (
        3,
        2,
        1,
        1,
    )


def test_a_user_with_nothing_to_report_gets_a_short_friendly_digest(user):
    digest = build_digest(user, AS_OF)
    assert digest.is_empty
    subject, text, html = render_digest(user, digest)
    assert "A quiet week" in text and "A quiet week" in html
    assert subject == "Your week in Weitblick"


def test_it_is_written_in_the_users_language(user):
    user.language = "de"
    user.save()
    subject, text, html = render_digest(user, build_digest(user, AS_OF))
    assert "Deine Woche" in subject
    assert "Eine ruhige Woche" in text


def test_the_mail_is_multipart_with_one_click_unsubscribe_headers(user):
    message = digest_message(user, build_digest(user, AS_OF), message_id="<x@y>")
    assert message.to == [user.email]
    assert message.alternatives[0][1] == "text/html"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert "/digest/unsubscribe/" in message.extra_headers["List-Unsubscribe"]


def test_markup_in_names_is_escaped_in_the_html_part(user):
    anna = make_contact(user, "<b>Anna</b>", cadence_days=7)
    make_encounter(user, [anna], occurred_on=AS_OF - datetime.timedelta(days=60))
    _, _, html = render_digest(user, build_digest(user, AS_OF))
    assert "&lt;b&gt;Anna&lt;/b&gt;" in html
    assert "<b>Anna</b>" not in html
