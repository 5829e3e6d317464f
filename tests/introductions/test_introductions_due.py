"""Introductions cannot stall unseen: one rule for "due", everywhere, and a follow-up that ends."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from contacts.introductions.actions import make_introduction, postpone_follow_up, record_step
from contacts.introductions.track_record import track_record
from contacts.models import FOLLOW_UP_AFTER, Introduction
from tests import factories
from tests.factories import make_contact

pytestmark = pytest.mark.django_db

Status, Outcome, Due = Introduction.Status, Introduction.Outcome, Introduction.DueBecause
AS_OF = datetime.date(2026, 6, 30)


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


@pytest.fixture
def hand_built(user, other_user):
    """One introduction per case of the rule, named by what should happen on AS_OF."""
    people = [make_contact(user, name) for name in ("Ada", "Ben", "Cem", "Dora", "Emil", "Fay")]
    ada, ben, cem, dora, emil, fay = people
    build = factories.make_introduction
    cases = {
        "date passed": build(user, ada, ben, status=Status.MET, follow_up_on=AS_OF - days(1)),
        "date today": build(user, ada, cem, status=Status.PROPOSED, follow_up_on=AS_OF),
        # Made in April 2025, the follow-up date far ahead: stalled all the same.
        "made long ago": build(
            user,
            ben,
            cem,
            status=Status.MADE,
            made_on=datetime.date(2025, 4, 8),
            follow_up_on=AS_OF + days(150),
        ),  # fmt: skip
        "proposed, no date": build(
            user, cem, dora, status=Status.PROPOSED, made_on=AS_OF - days(2)
        ),
        # Not due:
        "made recently": build(
            user,
            dora,
            emil,
            status=Status.MADE,
            made_on=AS_OF - FOLLOW_UP_AFTER + days(1),
            follow_up_on=AS_OF + days(20),
        ),  # fmt: skip
        "proposed, dated ahead": build(
            user, emil, fay, status=Status.PROPOSED, follow_up_on=AS_OF + days(3)
        ),
        "met, outcome recorded": build(
            user,
            fay,
            ada,
            status=Status.MET,
            outcome=Outcome.FRUITFUL,
            follow_up_on=AS_OF - days(9),
        ),  # fmt: skip
        "declined": build(
            user, ada, dora, status=Status.DECLINED, made_on=datetime.date(2025, 1, 1)
        ),
    }
    x, y = make_contact(other_user, "X"), make_contact(other_user, "Y")
    build(other_user, x, y, status=Status.PROPOSED)  # due, but someone else's
    return cases


DUE = {
    "date passed": Due.FOLLOW_UP_DATE,
    "date today": Due.FOLLOW_UP_DATE,
    "made long ago": Due.NOT_MET_YET,
    "proposed, no date": Due.NO_DATE,
}


def test_the_rule_finds_each_case_and_says_why(user, hand_built):
    due = Introduction.objects.for_user(user).due(AS_OF)

    assert {i.pk for i in due} == {hand_built[name].pk for name in DUE}
    for name, intro in hand_built.items():
        assert intro.due_because(AS_OF) == DUE.get(name), name


def test_a_made_introduction_becomes_due_the_day_the_default_period_is_over(user, hand_built):
    recent = hand_built["made recently"]

    assert recent.due_because(AS_OF) is None
    assert recent.due_because(AS_OF + days(1)) == Due.NOT_MET_YET
    assert Introduction.objects.for_user(user).due(AS_OF + days(1)).filter(pk=recent.pk).exists()


def test_the_command_applies_the_rule_as_of_the_day_given(user, hand_built):
    out = StringIO()
    call_command(
        "introductions_due", "--user", user.username, "--as-of", AS_OF.isoformat(),
        "--format", "json", stdout=out,
    )  # fmt: skip
    rows = json.loads(out.getvalue())

    assert {(row["a"], row["b"], row["due_because"]) for row in rows} == {
        (hand_built[name].a.name, hand_built[name].b.name, str(why)) for name, why in DUE.items()
    }

    earlier = StringIO()
    call_command(
        "introductions_due", "--user", user.username, "--as-of", "2025-04-09",
        "--format", "json", stdout=earlier,
    )  # fmt: skip
    # On 9 April 2025 only the undated proposal is due: the rest did not exist or were not due.
    assert [row["due_because"] for row in json.loads(earlier.getvalue())] == ["no_date"]


def test_the_command_refuses_a_date_it_cannot_read(user):
    with pytest.raises(CommandError, match="not a date"):
        call_command("introductions_due", "--user", user.username, "--as-of", "30.06.2026")


def test_the_track_record_counts_the_same_due_introductions(user, hand_built):
    assert track_record(user, AS_OF).follow_ups_due == len(DUE)


def test_the_page_lists_what_is_due_with_the_reason(user_client, user):
    ada, ben, cem = (make_contact(user, n) for n in ("Ada Stall", "Ben Stall", "Cem Fresh"))
    factories.make_introduction(
        user, ada, ben, status=Status.MADE, made_on=timezone.localdate() - days(200),
        follow_up_on=timezone.localdate() + days(60),
    )  # fmt: skip
    factories.make_introduction(user, ben, cem, status=Status.MADE)

    html = user_client.get(reverse("introductions:record")).content.decode()

    due_section = html.split('id="due-heading"')[1].split("</section>")[0]
    assert "Ada Stall ↔ Ben Stall" in due_section
    assert "made a while ago, and no meeting recorded" in due_section
    assert "Cem Fresh" not in due_section
    assert "<strong>1</strong><span>follow-ups due" in html


# A follow-up ends


def test_recording_an_outcome_removes_the_follow_up(user):
    ada, ben = make_contact(user, "Ada"), make_contact(user, "Ben")
    intro = make_introduction(user=user, a=ada, b=ben, reason="Mills.")
    intro = record_step(intro, status=Status.MET)
    assert intro.follow_up_on is not None

    intro = record_step(intro, outcome=Outcome.FRUITFUL, note="They work together now.")

    intro.refresh_from_db()
    assert intro.follow_up_on is None
    assert intro.finished
    assert not Introduction.objects.for_user(user).due(timezone.localdate() + days(400)).exists()


def test_declining_removes_the_follow_up(user):
    ada, ben = make_contact(user, "Ada"), make_contact(user, "Ben")
    intro = make_introduction(user=user, a=ada, b=ben, reason="Mills.")

    intro = record_step(intro, status=Status.DECLINED)

    assert intro.follow_up_on is None


def test_making_a_proposal_starts_the_follow_up_clock_on_that_day(user):
    ada, ben = make_contact(user, "Ada"), make_contact(user, "Ben")
    long_ago = timezone.localdate() - days(90)
    intro = make_introduction(
        user=user, a=ada, b=ben, reason="Mills.", status=Status.PROPOSED, made_on=long_ago
    )

    intro = record_step(intro, status=Status.MADE)

    today = timezone.localdate()
    assert (intro.made_on, intro.follow_up_on) == (today, today + FOLLOW_UP_AFTER)
    assert intro.due_because(today) is None


def test_after_the_outcome_the_card_shows_neither_date_nor_outcome_buttons(user_client, user):
    ada, ben = make_contact(user, "Ada"), make_contact(user, "Ben")
    intro = make_introduction(user=user, a=ada, b=ben, reason="Mills.")
    record_step(intro, status=Status.MET)
    url = reverse("introductions:step", args=[intro.pk])

    before = user_client.get(reverse("introductions:detail", args=[intro.pk])).content.decode()
    response = user_client.post(url, {"outcome": "fruitful"}, HTTP_HX_REQUEST="true")

    card = response.content.decode()
    assert "follow up " in before and 'name="follow_up_on"' in before
    assert "How did it turn out?" in before.split("Change the outcome")[0]
    assert "follow up " not in card and 'name="follow_up_on"' not in card
    assert "Change the outcome" in card  # the buttons fold away behind one line
    assert '<div class="outcome-form">' not in card


def test_the_follow_up_date_can_be_moved_but_not_into_the_past(user_client, user):
    ada, ben = make_contact(user, "Ada"), make_contact(user, "Ben")
    intro = make_introduction(user=user, a=ada, b=ben, reason="Mills.", status=Status.PROPOSED)
    url = reverse("introductions:follow_up", args=[intro.pk])
    later = timezone.localdate() + days(10)

    user_client.post(url, {"follow_up_on": later.isoformat()}, HTTP_HX_REQUEST="true")
    intro.refresh_from_db()
    assert intro.follow_up_on == later

    refused = user_client.post(url, {"follow_up_on": "2001-01-01"}, HTTP_HX_REQUEST="true")
    assert "Choose a day from today on." in refused.content.decode()
    bad = user_client.post(url, {"follow_up_on": "soon"}, HTTP_HX_REQUEST="true")
    assert bad.status_code == 200 and "This is not a date." in bad.content.decode()
    intro.refresh_from_db()
    assert intro.follow_up_on == later


def test_a_finished_introduction_has_no_follow_up_to_move(user):
    ada, ben = make_contact(user, "Ada"), make_contact(user, "Ben")
    intro = make_introduction(user=user, a=ada, b=ben, reason="Mills.", status=Status.DECLINED)
    with pytest.raises(Exception, match="nothing left to follow up"):
        postpone_follow_up(intro, until=timezone.localdate() + days(3))


def test_the_calendar_feed_shows_a_due_introduction_today_and_others_on_their_date(
    user, hand_built
):
    from encounters.calendar_feed import feed_events

    events = {e.uid: e.start for e in feed_events(user, AS_OF) if e.uid.startswith("introduction")}

    def uid(name: str) -> str:
        return f"introduction-{hand_built[name].pk}@weitblick"

    assert events[uid("made long ago")] == AS_OF  # its date is months ahead: due all the same
    assert events[uid("proposed, no date")] == AS_OF
    assert events[uid("date passed")] == AS_OF
    assert events[uid("made recently")] == hand_built["made recently"].follow_up_on
    assert uid("met, outcome recorded") not in events and uid("declined") not in events
