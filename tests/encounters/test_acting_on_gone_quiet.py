"""Acting on "gone quiet": not now, a plan, a new rhythm; each leaves the page, the dashboard,
the digest and the calendar feed consistent."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from encounters.calendar_feed import feed_events
from encounters.digest import build_digest
from encounters.models import Encounter, Plan, Snooze
from encounters.next_steps import open_plans, snooze, snooze_token
from encounters.quiet import quiet_ranking
from encounters.recording import update_encounter
from tests.factories import make_contact, make_encounter

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def ingrid(user, today):
    """Quiet: a monthly rhythm, last seen a quarter ago."""
    contact = make_contact(user, "Ingrid Svensson", cadence_days=30)
    make_encounter(user, [contact], occurred_on=today - days(90), learned="Welding robots.")
    return contact


def quiet_names(user, as_of) -> list[str]:
    return [item.name for item in quiet_ranking(user, as_of)]


def test_the_row_offers_each_action_and_labels_the_bar(user_client, ingrid):
    html = user_client.get(reverse("quiet")).content.decode()

    row = html.split(f'id="quiet-{ingrid.pk}"')[1].split("</li>")[0]
    assert "Log an encounter" in row
    assert "Not now" in row and "two weeks" in row and "a month" in row and "three months" in row
    assert "Plan it" in row
    assert "Rhythm" in row and 'name="days" min="1"' in row
    assert '<span class="strength-label">tie strength</span>' in row
    assert 'aria-label="tie strength: faint"' in row or 'aria-label="tie strength: light"' in row


def test_not_now_takes_them_off_the_list_and_the_digest_until_the_day(
    user_client, user, ingrid, today
):
    response = user_client.post(reverse("quiet_snooze", args=[ingrid.pk]), {"days": "14"}, **HTMX)

    back_on = today + days(14)
    assert response.status_code == 200
    assert "is back on" in response.content.decode() and "Undo" in response.content.decode()
    assert Snooze.objects.get(contact=ingrid).until == back_on
    assert quiet_names(user, today) == []
    assert quiet_names(user, back_on - days(1)) == []
    assert [q.name for q in build_digest(user, today).quiet] == []
    # Back on the day, in the list and in the Monday digest.
    assert quiet_names(user, back_on) == ["Ingrid Svensson"]
    assert [q.name for q in build_digest(user, back_on).quiet] == ["Ingrid Svensson"]
    assert "Ingrid" not in user_client.get(reverse("quiet")).content.decode()


def test_a_snooze_can_be_undone_and_a_second_one_replaces_the_first(
    user_client, user, ingrid, today
):
    url = reverse("quiet_snooze", args=[ingrid.pk])
    user_client.post(url, {"days": "14"}, **HTMX)
    user_client.post(url, {"days": "91"}, **HTMX)
    assert Snooze.objects.get(contact=ingrid).until == today + days(91)

    row = user_client.post(reverse("quiet_unsnooze", args=[ingrid.pk]), **HTMX)

    assert not Snooze.objects.exists()
    assert "Not now" in row.content.decode()  # the row is back with its actions
    assert quiet_names(user, today) == ["Ingrid Svensson"]


def test_not_now_refuses_a_length_it_does_not_offer(user_client, ingrid):
    response = user_client.post(reverse("quiet_snooze", args=[ingrid.pk]), {"days": "9999"}, **HTMX)

    assert response.status_code == 200
    assert "Choose two weeks, a month or three months." in response.content.decode()
    assert not Snooze.objects.exists()


def test_without_javascript_not_now_redirects_back_with_a_message(user_client, ingrid):
    response = user_client.post(
        reverse("quiet_snooze", args=[ingrid.pk]), {"days": "30"}, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("quiet")
    assert "Not now: Ingrid Svensson is back on" in response.content.decode()


def test_a_plan_takes_them_off_the_list_and_shows_on_the_dashboard_and_in_the_feed(
    user_client, user, ingrid, today
):
    on = today + days(5)
    response = user_client.post(
        reverse("quiet_plan", args=[ingrid.pk]),
        {"on": on.isoformat(), "kind": "coffee", "note": "Ask about line 3"},
        **HTMX,
    )

    assert "Planned for" in response.content.decode()
    planned = Plan.objects.get()
    assert (planned.contact, planned.on, planned.kind) == (ingrid, on, "coffee")
    assert quiet_names(user, today) == []
    dashboard = user_client.get(reverse("dashboard")).content.decode()
    assert "Coffee with Ingrid Svensson" in dashboard and "Ask about line 3" in dashboard
    events = {e.uid: e for e in feed_events(user, today)}
    assert events[f"plan-{planned.pk}@weitblick"].summary == "Coffee with Ingrid Svensson"
    assert events[f"plan-{planned.pk}@weitblick"].start == on
    # The day after the plan, without an encounter, she is overdue again and the plan asks.
    assert quiet_names(user, on + days(1)) == ["Ingrid Svensson"]


def test_a_reminder_is_a_plan_without_a_kind(user_client, user, ingrid, today):
    user_client.post(
        reverse("quiet_plan", args=[ingrid.pk]), {"on": today.isoformat(), "kind": ""}, **HTMX
    )

    [planned] = open_plans(user)
    assert planned.summary == "Get in touch with Ingrid Svensson"


def test_a_plan_in_the_past_or_with_a_bad_date_is_refused(user_client, ingrid, today):
    url = reverse("quiet_plan", args=[ingrid.pk])

    past = user_client.post(url, {"on": (today - days(1)).isoformat()}, **HTMX)
    garbled = user_client.post(url, {"on": "next week"}, **HTMX)
    unknown = user_client.post(url, {"on": today.isoformat(), "kind": "skydiving"}, **HTMX)

    assert "Choose a day from today on." in past.content.decode()
    assert "This is not a date." in garbled.content.decode()
    assert unknown.status_code == 200 and "errorlist" in unknown.content.decode()
    assert not Plan.objects.exists()


def test_an_encounter_near_the_day_fulfils_the_plan(user, ingrid, today):
    on = today + days(10)
    planned = Plan.objects.create(owner=user, contact=ingrid, on=on, kind="meal")
    # A call today, before the plan's week: the plan stays.
    make_encounter(user, [ingrid], kind="phone_call", occurred_on=today)
    assert [p.plan_id for p in open_plans(user)] == [planned.pk]

    make_encounter(user, [ingrid], kind="meal", occurred_on=today)
    Plan.objects.filter(pk=planned.pk).update(on=today + days(3))
    assert open_plans(user) == []


def test_dismissing_a_plan_from_the_dashboard(user_client, user, ingrid, today):
    planned = Plan.objects.create(owner=user, contact=ingrid, on=today - days(2), kind="coffee")
    dashboard = user_client.get(reverse("dashboard")).content.decode()
    assert "did it happen?" in dashboard

    response = user_client.post(
        reverse("plan_dismiss", args=[planned.pk]), {"from": "dashboard"}, **HTMX
    )

    assert response.content == b""
    planned.refresh_from_db()
    assert planned.done_at is not None
    assert open_plans(user) == []


def test_the_rhythm_changes_in_place(user_client, user, ingrid, today):
    response = user_client.post(reverse("quiet_rhythm", args=[ingrid.pk]), {"days": "120"}, **HTMX)

    ingrid.refresh_from_db()
    assert ingrid.cadence_days == 120
    html = response.content.decode()
    assert "every 120 days from now on" in html
    assert "is not overdue any more" in html
    assert quiet_names(user, today) == []


def test_an_empty_rhythm_goes_back_to_the_learned_one_and_nonsense_is_refused(user_client, ingrid):
    url = reverse("quiet_rhythm", args=[ingrid.pk])

    refused = user_client.post(url, {"days": "0"}, **HTMX)
    ingrid.refresh_from_db()
    assert ingrid.cadence_days == 30
    assert "errorlist" in refused.content.decode()

    user_client.post(url, {"days": ""}, **HTMX)
    ingrid.refresh_from_db()
    assert ingrid.cadence_days is None


def test_the_dashboard_shows_the_top_due_people_dates_and_follow_ups(
    user_client, user, ingrid, today
):
    for i in range(7):
        person = make_contact(user, f"Quiet {i}", cadence_days=30)
        make_encounter(user, [person], occurred_on=today - days(60 + i))
    birthday = make_contact(user, "Birthday Person")
    soon = today + days(3)
    birthday.birthday_month, birthday.birthday_day = soon.month, soon.day
    birthday.save()

    html = user_client.get(reverse("dashboard")).content.decode()

    due = html.split('id="due-people-heading"')[1].split("</section>")[0]
    assert due.count('class="quiet-row"') == 5
    assert "All 8 overdue" in due
    assert "Birthday Person" in html.split('id="upcoming-heading"')[1]


def test_the_one_tap_snooze_from_the_digest_needs_the_login_and_a_valid_link(
    user_client, user, other_user, ingrid, today
):
    link = reverse("quiet_snooze_link", args=[snooze_token(user, ingrid.pk)])

    anonymous = Client().get(link)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert not Snooze.objects.exists()

    page = user_client.get(link)
    assert page.status_code == 200
    assert "stays off" in page.content.decode()
    assert Snooze.objects.get(contact=ingrid).until == today + days(30)
    # Twice is the same as once.
    user_client.get(link)
    assert Snooze.objects.count() == 1

    forged = reverse("quiet_snooze_link", args=["not-a-token"])
    assert user_client.get(forged).status_code == 404
    theirs = reverse("quiet_snooze_link", args=[snooze_token(other_user, ingrid.pk)])
    assert user_client.get(theirs).status_code == 404


def test_a_snooze_of_another_users_contact_is_refused(user, other_user, ingrid):
    with pytest.raises(ValidationError):
        snooze(user=other_user, contact=ingrid, days=14)


# Committed as in production: the page cache moves on when a write commits (crm/page_cache.py), and
# a test transaction never commits.
@pytest.mark.django_db(transaction=True)
def test_the_kept_ranking_follows_every_change_it_depends_on(user_client, user, ingrid, today):
    """The dashboard and the quiet page keep the ranking between visits; any change shows at once."""

    def on_dashboard() -> bool:
        html = user_client.get(reverse("dashboard")).content.decode()
        return f'id="quiet-{ingrid.pk}"' in html

    assert on_dashboard()
    snooze(user=user, contact=ingrid, days=14)
    assert not on_dashboard()
    Snooze.objects.all().delete()
    assert on_dashboard()
    make_encounter(user, [ingrid], occurred_on=today)  # seen today
    assert not on_dashboard()
    Encounter.objects.filter(occurred_on=today).delete()
    assert on_dashboard()
    # Who took part changes on an encounter that stays: she was there after all.
    other = make_contact(user, "Someone Else")
    met_today = make_encounter(user, [other], occurred_on=today)
    assert on_dashboard()
    update_encounter(met_today, participants=[other, ingrid], kind="coffee", occurred_on=today)
    assert not on_dashboard()
    met_today.delete()
    assert on_dashboard()
    ingrid.archived = True
    ingrid.save()
    assert not on_dashboard()
    assert "Ingrid" not in user_client.get(reverse("quiet")).content.decode()


def test_a_visit_with_nothing_changed_reads_only_the_fingerprint(user, ingrid, today):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from encounters.quiet import cached_quiet_ranking

    first = cached_quiet_ranking(user, today)
    with CaptureQueriesContext(connection) as queries:
        second = cached_quiet_ranking(user, today)

    assert first == second and [q.name for q in second] == ["Ingrid Svensson"]
    assert len(queries) == 1
