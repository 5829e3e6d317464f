"""Dates, relative times, percentages and quotations read as each language writes them."""

import datetime

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from contacts.models import Dimension
from tests.factories import make_contact, make_encounter

pytestmark = pytest.mark.django_db

WEDNESDAY = datetime.date(2026, 12, 2)


def _render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load weitblick %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("name", "english", "german"),
    [
        ("DATE_FORMAT", "2 December 2026", "2. Dezember 2026"),
        ("ABBR_DATE_FORMAT", "2 Dec 2026", "2. Dez. 2026"),
        ("MONTH_DAY_FORMAT", "2 December", "2. Dezember"),
        ("YEAR_MONTH_FORMAT", "December 2026", "Dezember 2026"),
        ("ABBR_YEAR_MONTH_FORMAT", "Dec 2026", "Dez. 2026"),
        ("WEEKDAY_DATE_FORMAT", "Wednesday, 2 December 2026", "Mittwoch, 2. Dezember 2026"),
        ("WEEKDAY_MONTH_DAY_FORMAT", "Wednesday, 2 December", "Mittwoch, 2. Dezember"),
        ("ABBR_WEEKDAY_MONTH_DAY_FORMAT", "Wed 2 Dec", "Mi., 2. Dez."),
    ],
)
def test_each_named_date_format_reads_right_in_both_languages(name, english, german):
    with translation.override("en"):
        assert date_format(WEDNESDAY, name) == english
    with translation.override("de"):
        assert date_format(WEDNESDAY, name) == german


def test_a_month_german_does_not_shorten_keeps_its_whole_name():
    with translation.override("de"):
        assert date_format(datetime.date(2026, 5, 2), "ABBR_DATE_FORMAT") == "2. Mai 2026"


@pytest.mark.parametrize(
    ("days", "english", "german"),
    [
        (0, "today", "heute"),
        (1, "yesterday", "gestern"),
        (3, "3 days ago", "vor 3 Tagen"),
        (7, "1 week ago", "vor 1 Woche"),
        (21, "3 weeks ago", "vor 3 Wochen"),
        (250, "8 months ago", "vor 8 Monaten"),
        (400, "1 year ago", "vor 1 Jahr"),
        (800, "2 years ago", "vor 2 Jahren"),
    ],
)
def test_a_time_ago_is_said_naturally_in_both_languages(days, english, german):
    source = "{{ day|days_since:today }}"
    context = {"day": WEDNESDAY - datetime.timedelta(days=days), "today": WEDNESDAY}
    # Number and unit never part at a line's end (timesince joins them with a no-break space).
    assert _render(source, "en", **context).replace("\xa0", " ") == english
    assert _render(source, "de", **context).replace("\xa0", " ") == german


def test_a_percentage_has_a_space_before_the_sign_in_german_only():
    assert _render("{{ 61|percent }}", "en") == "61%"
    assert _render("{{ 61|percent }}", "de") == "61\u00a0%"


def test_a_quotation_takes_the_marks_of_the_language_and_stays_escaped():
    assert _render("{{ text|quoted }}", "en", text="Less <b>is</b> more") == (
        "“Less &lt;b&gt;is&lt;/b&gt; more”"
    )
    assert _render("{{ text|quoted }}", "de", text="Weniger ist mehr") == "„Weniger ist mehr“"


def test_the_german_dashboard_writes_the_day_and_the_share_the_german_way(user_client, user):
    user.language = "de"
    user.save()
    anna = make_contact(user, "Anna")
    make_encounter(user, [anna], occurred_on=datetime.date.today() - datetime.timedelta(days=3))

    page = user_client.get(reverse("dashboard")).content.decode()

    with translation.override("de"):
        assert date_format(datetime.date.today(), "WEEKDAY_DATE_FORMAT") in page
    assert "100\u00a0%" in page


def test_the_gone_quiet_page_says_when_in_german_with_german_quotes(user_client, user):
    user.language = "de"
    user.save()
    anna = make_contact(user, "Anna", cadence_days=30)
    make_encounter(
        user,
        [anna],
        occurred_on=datetime.date.today() - datetime.timedelta(days=250),
        learned="Anna knows every bakery in town.",
    )

    page = user_client.get(reverse("quiet")).content.decode().replace("\xa0", " ")

    assert "zuletzt gesehen vor 8 Monaten" in page
    assert "„Anna knows every bakery in town.“" in page
    assert " her<" not in page and "her\n" not in page


def test_the_confirmation_after_switching_language_is_in_the_new_language(user_client, user):
    response = user_client.post(
        reverse("settings"),
        {
            "first_name": "Alice",
            "email": "alice@example.org",
            "time_zone": "Europe/Berlin",
            "language": "de",
            "digest_weekday": "0",
            "digest_hour": "7",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Deine Einstellungen sind gespeichert." in page
    assert "Your settings are saved." not in page


def test_default_dimensions_follow_a_language_switch_and_own_names_stay(user_client, user):
    assert user.language == "en"
    Dimension.objects.filter(owner=user, name="Field").update(name="Sports club")

    user_client.post(
        reverse("settings"),
        {
            "first_name": "Alice",
            "email": "alice@example.org",
            "time_zone": "Europe/Berlin",
            "language": "de",
            "digest_weekday": "0",
            "digest_hour": "7",
        },
    )

    names = list(Dimension.objects.for_user(user).values_list("name", flat=True))
    assert names == ["Branche", "Land/Kultur", "Generation", "Hierarchieebene", "Sports club"]


def test_english_says_one_day_not_one_days(user_client, user):
    anna = make_contact(user, "Anna", cadence_days=30)
    make_encounter(user, [anna], occurred_on=datetime.date.today() - datetime.timedelta(days=31))
    daily = make_contact(user, "Dora", cadence_days=1)

    quiet = user_client.get(reverse("quiet")).content.decode().replace("\xa0", " ")
    contact_page = user_client.get(reverse("contacts:detail", args=[daily.pk])).content.decode()

    assert "1 day overdue" in quiet and "1 days" not in quiet
    assert "every day" in contact_page and "every 1 days" not in contact_page
