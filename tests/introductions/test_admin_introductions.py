"""A reviewer goes through introductions in the admin: filters, search, review, CSV export."""

import csv
import datetime
import io

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from contacts.models import Introduction
from tests.factories import make_contact, make_introduction, make_user

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:contacts_introduction_changelist")

Status = Introduction.Status
Outcome = Introduction.Outcome


@pytest.fixture
def introductions():
    """Two introducers with a mix of statuses, outcomes and reviews."""
    alice = make_user("alice")
    bob = make_user("bob")
    ada, grace, linus = (
        make_contact(alice, name) for name in ("Ada Lovelace", "Grace Hopper", "Linus")
    )
    ken, dennis = (make_contact(bob, name) for name in ("Ken Thompson", "Dennis Ritchie"))
    earlier_reviewer = make_user("earlier", is_staff=True)
    return {
        "proposed": make_introduction(alice, ada, grace, made_on=datetime.date(2024, 1, 10)),
        "fruitful": make_introduction(
            alice,
            grace,
            linus,
            status=Status.MET,
            outcome=Outcome.FRUITFUL,
            made_on=datetime.date(2024, 3, 5),
            follow_up_on=datetime.date(2024, 4, 1),
        ),
        "reviewed": make_introduction(
            bob,
            ken,
            dennis,
            status=Status.MADE,
            made_on=datetime.date(2023, 11, 20),
            reason='=HYPERLINK("http://evil.example")',
            reviewed_at=datetime.datetime(2024, 2, 1, 9, 30, tzinfo=datetime.UTC),
            reviewed_by=earlier_reviewer,
        ),
    }


def listed(response) -> set[Introduction]:
    assert response.status_code == 200
    return set(response.context["cl"].result_list)


def test_it_lists_the_review_columns(admin_client, introductions):
    response = admin_client.get(CHANGELIST)

    assert response.context["cl"].list_display == [
        "action_checkbox",
        "introducer",
        "a",
        "b",
        "made_on",
        "status",
        "outcome",
        "follow_up_on",
        "reviewed",
    ]
    assert listed(response) == set(introductions.values())


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status__exact": "proposed"}, {"proposed"}),
        ({"status__exact": "met"}, {"fruitful"}),
        ({"outcome__exact": "fruitful"}, {"fruitful"}),
        ({"outcome__exact": "pending"}, {"proposed", "reviewed"}),
        ({"reviewed": "yes"}, {"reviewed"}),
        ({"reviewed": "no"}, {"proposed", "fruitful"}),
        ({"made_on__year": "2024"}, {"proposed", "fruitful"}),
    ],
)
def test_it_narrows_the_list_with_a_filter(admin_client, introductions, query, expected):
    response = admin_client.get(CHANGELIST, query)

    assert listed(response) == {introductions[key] for key in expected}


def test_it_narrows_the_list_to_one_introducer(admin_client, introductions):
    bob = introductions["reviewed"].owner

    response = admin_client.get(CHANGELIST, {"owner__id__exact": bob.pk})

    assert listed(response) == {introductions["reviewed"]}


def test_it_offers_only_introducers_who_made_introductions(admin_client, introductions):
    response = admin_client.get(CHANGELIST)

    introducer_filter = next(
        spec for spec in response.context["cl"].filter_specs if str(spec.title) == "introducer"
    )
    assert {label for _, label in introducer_filter.lookup_choices} == {"alice", "bob"}


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("Lovelace", {"proposed"}),  # a
        ("Hopper", {"proposed", "fruitful"}),  # a in one, b in the other
        ("Linus", {"fruitful"}),  # b
        ("bob", {"reviewed"}),  # the introducer's username
        ("Nobody", set()),
    ],
)
def test_it_finds_an_introduction_by_either_persons_name(
    admin_client, introductions, term, expected
):
    response = admin_client.get(CHANGELIST, {"q": term})

    assert listed(response) == {introductions[key] for key in expected}


def test_it_marks_the_selected_introductions_as_reviewed(admin_client, admin_user, introductions):
    selected = [introductions["proposed"], introductions["fruitful"]]
    before = timezone.now()

    response = admin_client.post(
        CHANGELIST,
        {"action": "mark_reviewed", "_selected_action": [i.pk for i in selected]},
    )

    assert response.status_code == 302
    for introduction in selected:
        introduction.refresh_from_db()
        assert introduction.reviewed_by == admin_user
        assert before <= introduction.reviewed_at <= timezone.now()
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert messages == ["2 introductions marked as reviewed."]


def test_it_leaves_an_already_reviewed_introduction_alone(admin_client, introductions):
    reviewed = introductions["reviewed"]
    earlier_at, earlier_by = reviewed.reviewed_at, reviewed.reviewed_by

    response = admin_client.post(
        CHANGELIST,
        {
            "action": "mark_reviewed",
            "_selected_action": [reviewed.pk, introductions["proposed"].pk],
        },
    )

    reviewed.refresh_from_db()
    assert (reviewed.reviewed_at, reviewed.reviewed_by) == (earlier_at, earlier_by)
    introductions["proposed"].refresh_from_db()
    assert introductions["proposed"].reviewed
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert messages == [
        "1 introduction marked as reviewed. 1 was already reviewed and was left as it was."
    ]


def test_it_does_not_touch_introductions_that_were_not_selected(admin_client, introductions):
    admin_client.post(
        CHANGELIST,
        {"action": "mark_reviewed", "_selected_action": [introductions["proposed"].pk]},
    )

    introductions["fruitful"].refresh_from_db()
    assert introductions["fruitful"].reviewed_at is None
    assert introductions["fruitful"].reviewed_by is None


def test_it_exports_the_selected_introductions_as_csv(admin_client, introductions):
    selected = [introductions["fruitful"], introductions["reviewed"]]

    response = admin_client.post(
        CHANGELIST,
        {"action": "export_csv", "_selected_action": [i.pk for i in selected]},
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "introducer",
        "a",
        "b",
        "made_on",
        "status",
        "outcome",
        "follow_up_on",
        "reason",
        "reviewed_at",
        "reviewed_by",
    ]
    assert sorted(rows[1:]) == sorted(
        [
            [
                "alice",
                "Grace Hopper",
                "Linus",
                "2024-03-05",
                "met",
                "fruitful",
                "2024-04-01",
                "Both care about plant safety.",
                "",
                "",
            ],
            [
                "bob",
                "Ken Thompson",
                "Dennis Ritchie",
                "2023-11-20",
                "made",
                "pending",
                "",
                # A reason that looks like a formula is written so a spreadsheet shows it as text.
                '\'=HYPERLINK("http://evil.example")',
                "2024-02-01T09:30:00+00:00",
                "earlier",
            ],
        ]
    )


def test_it_shows_the_reason_and_the_review_read_only(admin_client, introductions):
    reviewed = introductions["reviewed"]

    response = admin_client.get(reverse("admin:contacts_introduction_change", args=[reviewed.pk]))

    assert response.status_code == 200
    form_fields = response.context["adminform"].form.fields
    assert "reason" not in form_fields
    assert "reviewed_at" not in form_fields
    assert "reviewed_by" not in form_fields
    readonly = response.context["adminform"].readonly_fields
    assert {"reason", "reviewed_at", "reviewed_by"} <= set(readonly)
    assert b"HYPERLINK" in response.content
    assert b"earlier" in response.content


def test_it_keeps_the_reason_when_a_reviewer_saves_the_change_form(admin_client, introductions):
    introduction = introductions["proposed"]
    url = reverse("admin:contacts_introduction_change", args=[introduction.pk])

    response = admin_client.post(
        url,
        {
            "a": introduction.a_id,
            "b": introduction.b_id,
            "made_on": "2024-01-10",
            "channel": "email",
            "reason": "Rewritten by the reviewer.",
            "status": "made",
            "outcome": "pending",
            "outcome_note": "",
            "follow_up_on": "",
            "reviewed_at": "2020-01-01 00:00",
        },
    )

    assert response.status_code == 302
    introduction.refresh_from_db()
    assert introduction.status == Status.MADE
    assert introduction.reason == "Both care about plant safety."
    assert introduction.reviewed_at is None


def test_it_adds_an_introduction_with_its_reason(admin_client):
    alice = make_user("alice")
    ada, grace = make_contact(alice, "Ada"), make_contact(alice, "Grace")

    response = admin_client.post(
        reverse("admin:contacts_introduction_add"),
        {
            "owner": alice.pk,
            "a": ada.pk,
            "b": grace.pk,
            "made_on": "2024-06-01",
            "channel": "in_person",
            "reason": "Both build compilers.",
            "status": "proposed",
            "outcome": "pending",
        },
    )

    assert response.status_code == 302
    introduction = Introduction.objects.get()
    assert (introduction.owner, introduction.a, introduction.b) == (alice, ada, grace)
    assert introduction.reason == "Both build compilers."


def test_it_refuses_to_introduce_a_contact_of_another_account(admin_client):
    alice, bob = make_user("alice"), make_user("bob")
    ada, kens = make_contact(alice, "Ada"), make_contact(bob, "Ken")

    response = admin_client.post(
        reverse("admin:contacts_introduction_add"),
        {
            "owner": alice.pk,
            "a": ada.pk,
            "b": kens.pk,
            "made_on": "2024-06-01",
            "channel": "email",
            "reason": "Both build compilers.",
            "status": "proposed",
            "outcome": "pending",
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["b"] == ["This belongs to another account."]
    assert not Introduction.objects.exists()
