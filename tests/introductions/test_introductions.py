"""Introductions as plain functions: making one, moving it on, the track record, the connectors."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from contacts.introductions.actions import (
    introduction_context,
    make_introduction,
    record_step,
)
from contacts.introductions.text import introduction_text
from contacts.introductions.track_record import connectors, track_record
from contacts.models import FOLLOW_UP_AFTER, Introduction, IntroductionEvent
from tests import factories
from tests.factories import make_contact, make_encounter

pytestmark = pytest.mark.django_db

Status = Introduction.Status
Outcome = Introduction.Outcome
TODAY = datetime.date(2025, 6, 16)


@pytest.fixture
def anna(user):
    return make_contact(user, "Anna Berger", email="anna@example.org", phone="+49 89 1234")


@pytest.fixture
def ben(user):
    return make_contact(user, "Ben Okafor", email="ben@example.org")


def history(introduction) -> list[tuple[str, str, str]]:
    return list(
        IntroductionEvent.objects.filter(introduction=introduction).values_list(
            "status", "outcome", "note"
        )
    )


def assert_nothing_saved():
    assert Introduction.objects.count() == 0
    assert IntroductionEvent.objects.count() == 0


# make_introduction


def test_it_introduces_two_contacts_with_a_follow_up_in_three_weeks(user, anna, ben):
    introduction = make_introduction(
        user=user, a=anna, b=ben, reason="  Both rebuild old mills.  ", made_on=TODAY
    )

    saved = Introduction.objects.get()
    assert saved == introduction
    assert (saved.owner, saved.a, saved.b) == (user, anna, ben)
    assert saved.reason == "Both rebuild old mills."
    assert (saved.status, saved.outcome, saved.channel) == (Status.MADE, Outcome.PENDING, "email")
    assert saved.made_on == TODAY
    assert saved.follow_up_on == TODAY + datetime.timedelta(days=21) == TODAY + FOLLOW_UP_AFTER


def test_the_follow_up_counts_from_today_when_no_date_is_given(user, anna, ben):
    make_introduction(user=user, a=anna, b=ben, reason="Mills.")

    saved = Introduction.objects.get()
    assert saved.made_on == timezone.localdate()
    assert saved.follow_up_on == timezone.localdate() + datetime.timedelta(weeks=3)


def test_it_keeps_the_follow_up_date_and_channel_the_user_chose(user, anna, ben):
    make_introduction(
        user=user,
        a=anna,
        b=ben,
        reason="Mills.",
        channel=Introduction.Channel.IN_PERSON,
        made_on=TODAY,
        follow_up_on=datetime.date(2025, 7, 1),
    )

    saved = Introduction.objects.get()
    assert saved.follow_up_on == datetime.date(2025, 7, 1)
    assert saved.channel == Introduction.Channel.IN_PERSON


def test_making_an_introduction_writes_the_first_history_row(user, anna, ben):
    introduction = make_introduction(user=user, a=anna, b=ben, reason="Mills.")

    assert history(introduction) == [(Status.MADE, Outcome.PENDING, "")]
    assert IntroductionEvent.objects.get().owner == user


def test_it_refuses_to_introduce_a_contact_to_themselves(user, anna):
    with pytest.raises(ValidationError) as refused:
        make_introduction(user=user, a=anna, b=anna, reason="Mills.")

    assert refused.value.messages == ["A contact cannot be introduced to themselves."]
    assert_nothing_saved()


def test_it_refuses_a_contact_of_another_user(user, other_user, anna):
    stranger = make_contact(other_user, "Mallory's friend")

    with pytest.raises(ValidationError) as refused:
        make_introduction(user=user, a=anna, b=stranger, reason="Mills.")

    assert refused.value.messages == ["Choose two of your own contacts."]
    assert_nothing_saved()


def test_it_refuses_to_introduce_two_contacts_of_another_user(user, other_user):
    one, two = make_contact(other_user, "One"), make_contact(other_user, "Two")

    with pytest.raises(ValidationError):
        make_introduction(user=user, a=one, b=two, reason="Mills.")

    assert_nothing_saved()


@pytest.mark.parametrize("reason", ["", "   \n  "])
def test_it_refuses_an_introduction_without_a_reason(user, anna, ben, reason):
    with pytest.raises(ValidationError) as refused:
        make_introduction(user=user, a=anna, b=ben, reason=reason)

    assert refused.value.message_dict == {"reason": ["Say why they should meet."]}
    assert_nothing_saved()


# record_step


@pytest.fixture
def made(user, anna, ben):
    return make_introduction(user=user, a=anna, b=ben, reason="Mills.", made_on=TODAY)


def test_it_moves_a_made_introduction_to_met(made):
    returned = record_step(made, status=Status.MET)

    made.refresh_from_db()
    assert made.status == returned.status == Status.MET
    assert made.outcome == Outcome.PENDING
    assert history(made) == [(Status.MADE, Outcome.PENDING, ""), (Status.MET, Outcome.PENDING, "")]


def test_it_records_the_outcome_and_a_note_once_they_have_met(made):
    record_step(made, status=Status.MET)

    record_step(made, outcome=Outcome.FRUITFUL, note="  A joint project already.  ")

    made.refresh_from_db()
    assert (made.status, made.outcome) == (Status.MET, Outcome.FRUITFUL)
    assert made.outcome_note == "A joint project already."
    assert history(made)[-1] == (Status.MET, Outcome.FRUITFUL, "A joint project already.")


def test_it_takes_the_meeting_and_the_outcome_in_one_step(made):
    record_step(made, status=Status.MET, outcome=Outcome.NEUTRAL)

    made.refresh_from_db()
    assert (made.status, made.outcome) == (Status.MET, Outcome.NEUTRAL)
    assert len(history(made)) == 2


def test_it_keeps_every_step_in_the_history_in_order(user, anna, ben):
    proposed = make_introduction(user=user, a=anna, b=ben, reason="Mills.", status=Status.PROPOSED)

    record_step(proposed, status=Status.DECLINED, note="Ben is too busy this year.")
    record_step(proposed, status=Status.MADE)
    record_step(proposed, status=Status.MET)
    record_step(proposed, outcome=Outcome.DID_NOT_FIT)

    assert history(proposed) == [
        (Status.PROPOSED, Outcome.PENDING, ""),
        (Status.DECLINED, Outcome.PENDING, "Ben is too busy this year."),
        (Status.MADE, Outcome.PENDING, ""),
        (Status.MET, Outcome.PENDING, ""),
        (Status.MET, Outcome.DID_NOT_FIT, ""),
    ]
    assert IntroductionEvent.objects.filter(owner=user).count() == 5


def test_it_refuses_to_move_a_met_introduction_back_to_made(made):
    record_step(made, status=Status.MET)

    with pytest.raises(ValidationError) as refused:
        record_step(made, status=Status.MADE)

    assert refused.value.messages == ["An introduction that is “met” cannot become “made”."]
    made.refresh_from_db()
    assert made.status == Status.MET
    assert len(history(made)) == 2


def test_it_refuses_an_outcome_before_they_have_met(made):
    with pytest.raises(ValidationError) as refused:
        record_step(made, outcome=Outcome.FRUITFUL, note="Too early.")

    assert refused.value.messages == ["An outcome can only be recorded once they have met."]
    made.refresh_from_db()
    assert (made.status, made.outcome, made.outcome_note) == (Status.MADE, Outcome.PENDING, "")
    assert len(history(made)) == 1


def test_a_refused_outcome_does_not_leave_a_status_change_behind(user, anna, ben):
    proposed = make_introduction(user=user, a=anna, b=ben, reason="Mills.", status=Status.PROPOSED)

    with pytest.raises(ValidationError):
        record_step(proposed, status=Status.MADE, outcome=Outcome.FRUITFUL)

    proposed.refresh_from_db()
    assert (proposed.status, proposed.outcome) == (Status.PROPOSED, Outcome.PENDING)
    assert len(history(proposed)) == 1


# track_record


def test_the_track_record_counts_a_hand_built_set(user, other_user):
    a, b, c, d = (make_contact(user, name) for name in ("Anna", "Ben", "Carla", "David"))
    soon, past = TODAY + datetime.timedelta(days=3), TODAY - datetime.timedelta(days=3)
    build = factories.make_introduction
    build(user, a, b, status=Status.MET, outcome=Outcome.FRUITFUL, follow_up_on=past)
    build(user, a, c, status=Status.MET, outcome=Outcome.DID_NOT_FIT)
    build(user, b, c, status=Status.MET, follow_up_on=past)  # met, outcome still open: due
    build(user, a, d, status=Status.MADE, follow_up_on=TODAY)  # due today
    build(user, c, d, status=Status.MADE, follow_up_on=soon)  # not yet due
    build(user, b, d, status=Status.DECLINED, follow_up_on=past)  # declined: nothing to follow
    build(user, a, b, status=Status.PROPOSED)  # proposed with no follow-up date: due
    stranger_a, stranger_b = make_contact(other_user, "X"), make_contact(other_user, "Y")
    build(other_user, stranger_a, stranger_b, status=Status.MET, outcome=Outcome.FRUITFUL)

    record = track_record(user, TODAY)

    assert (record.total, record.made, record.met, record.declined) == (7, 6, 3, 1)
    assert (record.fruitful, record.neutral, record.did_not_fit) == (1, 0, 1)
    assert record.judged == 2
    assert record.fruitful_share == 0.5
    assert record.met_share == 3 / 7
    assert record.follow_ups_due == 3
    assert record.per_contact == [
        {"contact_id": a.pk, "name": "Anna", "total": 4, "met": 2, "fruitful": 1, "did_not_fit": 1},
        {"contact_id": b.pk, "name": "Ben", "total": 4, "met": 2, "fruitful": 1, "did_not_fit": 0},
        {
            "contact_id": c.pk,
            "name": "Carla",
            "total": 3,
            "met": 2,
            "fruitful": 0,
            "did_not_fit": 1,
        },
        {
            "contact_id": d.pk,
            "name": "David",
            "total": 3,
            "met": 0,
            "fruitful": 0,
            "did_not_fit": 0,
        },
    ]


def test_the_track_record_of_someone_who_never_introduced_anyone_is_empty(user):
    record = track_record(user, TODAY)

    assert (record.total, record.met, record.judged, record.follow_ups_due) == (0, 0, 0, 0)
    assert record.fruitful_share is None
    assert record.met_share is None
    assert record.per_contact == []


# connectors


def test_connectors_are_ordered_by_how_many_people_they_brought_then_by_name(user, other_user):
    zoe, anna, ben = (make_contact(user, name) for name in ("Zoe", "anna", "Ben"))
    for i in range(3):
        make_contact(user, f"Through Ben {i}", met_through=ben)
    for name, through in (("Via Zoe 1", zoe), ("Via Zoe 2", zoe), ("Via anna", anna)):
        make_contact(user, name, met_through=through)
    make_contact(user, "Nobody brought anyone")
    theirs = make_contact(other_user, "Their hub")
    for i in range(5):
        make_contact(other_user, f"Theirs {i}", met_through=theirs)

    assert connectors(user) == [(ben, 3), (zoe, 2), (anna, 1)]


def test_connectors_stop_at_the_limit(user):
    hubs = [make_contact(user, f"Hub {i}") for i in range(3)]
    for hub in hubs:
        make_contact(user, f"Via {hub.name}", met_through=hub)

    assert connectors(user, limit=2) == [(hubs[0], 1), (hubs[1], 1)]


# introduction_context


def test_the_context_says_how_long_trust_and_earlier_introductions(user, other_user, anna, ben):
    added = timezone.make_aware(datetime.datetime(2024, 5, 1, 12, 0))
    anna.created_at, anna.trust = added, 4
    anna.save()
    ben.created_at = added
    ben.save()
    make_encounter(user, [anna], occurred_on=datetime.date(2019, 3, 2))
    make_encounter(user, [ben], occurred_on=datetime.date(2024, 9, 9))  # after he was added
    carla = make_contact(user, "Carla")
    earlier = factories.make_introduction(
        user,
        carla,
        anna,
        status=Status.MET,
        outcome=Outcome.DID_NOT_FIT,
        made_on=datetime.date(2024, 1, 5),
    )
    elsewhere = make_contact(other_user, "Anna Berger")
    factories.make_introduction(other_user, elsewhere, make_contact(other_user, "Z"))

    anna_context, ben_context = introduction_context(user, [anna, ben])

    assert anna_context.contact == anna
    assert anna_context.known_since == datetime.date(2019, 3, 2)
    assert anna_context.trust == 4
    assert anna_context.earlier == [earlier]
    assert anna_context.did_not_fit == [earlier]
    assert anna_context.fruitful == 0
    assert ben_context.known_since == datetime.date(2024, 5, 1)
    assert ben_context.trust is None
    assert ben_context.earlier == []
    assert ben_context.did_not_fit == []


def test_an_introduction_of_the_two_counts_for_both_of_them(user, anna, ben):
    between = factories.make_introduction(
        user, anna, ben, status=Status.MET, outcome=Outcome.FRUITFUL
    )

    anna_context, ben_context = introduction_context(user, [anna, ben])

    assert anna_context.earlier == ben_context.earlier == [between]
    assert anna_context.fruitful == ben_context.fruitful == 1
    assert anna_context.did_not_fit == []


def test_the_context_takes_two_queries_however_many_earlier_introductions(
    user, anna, ben, django_assert_num_queries
):
    for i in range(6):
        factories.make_introduction(user, anna, make_contact(user, f"Other {i}"))

    with django_assert_num_queries(2):
        anna_context, _ = introduction_context(user, [anna, ben])
        names = [(i.a.name, i.b.name) for i in anna_context.earlier]

    assert len(names) == 6


# introduction_text


def test_the_text_names_both_gives_the_reason_and_how_to_reach_each_other(user, anna, ben):
    introduction = factories.make_introduction(user, anna, ben, reason="Both rebuild old mills.")

    ready = introduction_text(introduction)

    assert ready.subject == "Introduction: Anna Berger and Ben Okafor"
    assert ready.body.startswith("Hi Anna, hi Ben,")
    assert "Both rebuild old mills." in ready.body
    assert "Anna: anna@example.org, +49 89 1234" in ready.body
    assert "Ben: ben@example.org" in ready.body


def test_the_text_leaves_out_how_to_reach_when_nothing_is_known(user):
    one, two = make_contact(user, "One"), make_contact(user, "Two")
    introduction = factories.make_introduction(user, one, two, reason="Chess.")

    text = introduction_text(introduction).body

    assert "Chess." in text
    assert "How to reach each other" not in text


def test_the_text_is_written_in_the_active_language(user, anna, ben):
    introduction = factories.make_introduction(
        user, anna, ben, reason="Beide bauen alte Mühlen um."
    )

    with translation.override("de"):
        ready = introduction_text(introduction)
    subject, text = ready.subject, ready.body

    for part in ("Anna Berger", "Ben Okafor"):
        assert part in subject
    assert text.startswith("Hallo Anna, hallo Ben,")
    for part in (
        "Beide bauen alte Mühlen um.",
        "anna@example.org",
        "+49 89 1234",
        "ben@example.org",
    ):
        assert part in text
