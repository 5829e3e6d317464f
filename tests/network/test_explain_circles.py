"""Circles in plain words: why a bubble is one (the demo's, the karate club's), names that only
use values most members share, and why a concentrated circle is not flagged."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from contacts.models import Dimension, NetworkSnapshot
from contacts.network.analysis import analyse_network
from contacts.network.explain import (
    circle_name,
    explain_bubble,
    explain_not_a_bubble,
    explain_shared,
    explain_ties,
    phrase,
)
from contacts.network.snapshots import analyse_user_network
from contacts.network.tasks import compute_network_snapshot
from devdata.management.commands.load_demo import DEMO_FILE
from exchange.backup import import_backup, shift_dates
from tests.factories import make_attribute, make_contact, make_encounter, make_tie, make_user

from .test_network_karate import ENCOUNTERS, FACTION, _members


@pytest.fixture(scope="module")
def demo_report(django_db_setup, django_db_blocker):
    """The demo network's report, computed once for the module."""
    with django_db_blocker.unblock():
        user = make_user("explained-demo")
        document = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
        import_backup(user, shift_dates(document, 0))
        report, _graph = analyse_user_network(user, timezone.localdate())
        user.delete()
    return report


def _cluster(report, name):
    return next(c for c in report["clusters"] if circle_name(c) == name)


def test_the_demos_bubble_reads_as_two_plain_sentences(demo_report):
    bubble = next(c for c in demo_report["clusters"] if c["homogeneous"])
    assert explain_bubble(bubble) == [
        "All 12 work in Banking, live in Germany and are Gen X.",
        "Nine of them work in the field Finance and eight of them are at the level Senior "
        "management.",
        "In your whole network: Banking 17%, Germany 40%, Gen X 42%, Senior management 24% and "
        "Finance 14%.",
    ]
    assert circle_name(bubble) == "Banking · Germany · Gen X"


def test_the_demos_bubble_reads_in_german(demo_report):
    bubble = next(c for c in demo_report["clusters"] if c["homogeneous"])
    with override("de"):
        assert explain_bubble(bubble) == [
            "Alle 12 arbeiten in der Branche Banking, leben in Germany und gehören zur "
            "Generation Gen X.",
            "Neun von ihnen arbeiten im Fachgebiet Finance und acht von ihnen sind auf der Ebene "
            "Senior management.",
            "In deinem ganzen Netzwerk: Banking 17 %, Germany 40 %, Gen X 42 %, Senior management "
            "24 % und Finance 14 %.",
        ]


def test_a_circle_is_not_named_after_a_value_only_some_members_share(demo_report):
    # The old name of this circle was "Germany": five of its eight members (62 %).
    names = [circle_name(c) for c in demo_report["clusters"]]
    assert "Germany" not in names
    germans = [
        c
        for c in demo_report["clusters"]
        if c["dimensions"]["Country/Culture"]["dominant"] == "Germany"
        and c["dimensions"]["Country/Culture"]["count"] / c["size"] < 2 / 3
    ]
    assert germans and not any("Germany" in circle_name(c) for c in germans)


@pytest.mark.parametrize(("germans", "name"), [(5, "Circle around Member 0"), (6, "Germany")])
def test_a_name_needs_two_in_three_of_all_members(germans, name):
    cluster = {
        "size": 8,
        "label_parts": ["Germany"],
        "label_around": "Member 0",
        "dimensions": {
            "Country/Culture": {"known": 8, "dominant": "Germany", "count": germans, "share": 0.7}
        },
    }
    assert circle_name(cluster) == name


def test_a_concentrated_circle_that_is_no_bubble_says_why(demo_report):
    workshop = _cluster(demo_report, "Manufacturing")
    assert not workshop["homogeneous"]
    assert explain_not_a_bubble(workshop) == (
        "13 of the 14 work in Manufacturing. That is the only thing most of them share, so it "
        "is not a bubble: a bubble is a circle alike in at least two ways at once."
    )


def test_a_diverse_circle_needs_no_excuse(demo_report):
    diverse = [
        c
        for c in demo_report["clusters"]
        if not c["homogeneous"] and all((d["share"] or 0) <= 0.5 for d in c["dimensions"].values())
    ]
    assert diverse
    assert all(explain_not_a_bubble(c) is None for c in diverse)


def test_the_karate_clubs_circles_are_explained_by_their_faction():
    report = analyse_network(_members(), shared_encounters=ENCOUNTERS, dimensions=["Faction"])
    for cluster in report.as_dict()["clusters"]:
        sentence, comparison = explain_bubble(cluster)
        assert comparison.startswith("In your whole network: ")
        faction = cluster["reason_details"][0]["value"]
        count = cluster["reason_details"][0]["count"]
        assert faction in {"Mr. Hi", "Officer"}
        assert f"have Faction “{faction}”." in sentence
        if count == cluster["size"]:
            assert sentence.startswith(f"All {count} have")
        else:
            assert " of the " in sentence and str(cluster["size"]) in sentence


def _small_cluster(size, count, known, categories, *, homogeneous=False):
    share = count / known
    return {
        "size": size,
        "homogeneous": homogeneous,
        "members": [f"Member {i}" for i in range(size)],
        "label_parts": ["Gen X"],
        "label_around": "Member 0",
        "dimensions": {
            "Generation": {
                "known": known,
                "categories": categories,
                "dominant": "Gen X",
                "count": count,
                "share": share,
                "iqv": 0.0 if share == 1 else 0.7,
            }
        },
    }


def test_a_majority_of_a_value_common_in_the_network_is_not_unusual():
    cluster = _small_cluster(8, 5, 8, 4)
    cluster["dimensions"]["Generation"] |= {
        "network_count": 40, "network_known": 100, "beyond_network": 0.16
    }  # fmt: skip
    assert explain_not_a_bubble(cluster) == (
        "Five of the 8 are Gen X. Not unusual for you: in your whole network 40% do, so a group "
        "of 8 of your contacts picked at random is often this alike."
    )


def test_a_small_circle_all_alike_on_a_two_valued_dimension_is_too_small_to_judge():
    cluster = _small_cluster(4, 4, 4, 2)
    assert explain_not_a_bubble(cluster) == (
        "All 4 are Gen X. Too small to judge: with 4 people and only 2 values of Generation in "
        "your network, even all of them alike happens by chance too often."
    )


def test_a_majority_that_chance_often_gives_is_said_to_be_close_to_chance():
    cluster = _small_cluster(10, 8, 10, 2)
    # 8 of 10 on two values: 2 × P(X ≥ 8), X ~ Bin(10, 1/2) = 112/1024, about one time in nine.
    assert explain_not_a_bubble(cluster) == (
        "Eight of the 10 are Gen X. Close to what chance would give: with only 2 values of "
        "Generation in your network, 8 of 10 alike happens by chance about one time in 9."
    )


def test_values_only_some_know_say_of_how_many():
    assert explain_shared(
        [{"dimension": "Industry", "value": "Energy", "count": 6, "known": 7}], 10
    ) == ["Six of the 7 whose value you know work in Energy."]


def test_phrases_agree_with_their_number_in_both_languages():
    assert phrase("Industry", "Energy", 1) == "works in Energy"
    assert phrase("Industry", "Energy", 3) == "work in Energy"
    with override("de"):
        assert phrase("Branche", "Energie", 1) == "arbeitet in der Branche Energie"
        assert phrase("Branche", "Energie", 3) == "arbeiten in der Branche Energie"
        # A German account's default dimension under its English name reads the same.
        assert phrase("Industry", "Energie", 3) == "arbeiten in der Branche Energie"
        assert phrase("Hobby", "Segeln", 3) == "haben Hobby „Segeln“"


def test_the_reasons_of_a_german_account_read_in_german():
    with override("de"):
        assert explain_shared(
            [{"dimension": "Branche", "value": "Energie", "count": 6, "known": 7}], 10
        ) == ["Sechs der 7, deren Wert du kennst, arbeiten in der Branche Energie."]
        assert explain_not_a_bubble(_small_cluster(4, 4, 4, 2)).startswith(
            "Alle 4 gehören zur Generation Gen X. Zu klein für ein Urteil:"
        )


@pytest.mark.django_db
def test_the_page_shows_the_sentences_and_escapes_the_values(user_client, user):
    people = [make_contact(user, f"Person {i}") for i in range(6)]
    for person in people:
        make_attribute(person, "Industry", "<b>Banking</b>")
        make_attribute(person, "Country/Culture", "Germany")
        make_attribute(person, "Generation", "Gen X")
    # Six outsiders: six alike among nine contacts could be chance (one time in 84).
    outsiders = [make_contact(user, f"Outsider {i}") for i in range(6)]
    for person, (industry, country, generation) in zip(
        outsiders,
        [("Arts", "Ghana", "Gen Z"), ("Energy", "Japan", "Boomer"), ("Health", "Peru", "Gen Z"),
         ("Crafts", "Chile", "Boomer"), ("Retail", "India", "Gen Z"), ("Law", "Spain", "Boomer")],
        strict=True,
    ):  # fmt: skip
        make_attribute(person, "Industry", industry)
        make_attribute(person, "Country/Culture", country)
        make_attribute(person, "Generation", generation)
    for i, a in enumerate(people):
        for b in people[i + 1 :]:
            make_tie(user, a, b)
    compute_network_snapshot(NetworkSnapshot.objects.create(owner=user).pk)
    content = user_client.get(reverse("circles")).content.decode()
    assert "All 6 work in &lt;b&gt;Banking&lt;/b&gt;, live in Germany and are Gen X." in content
    assert "<b>Banking" not in content


@pytest.mark.django_db
def test_the_digest_explains_each_bubble_in_the_readers_language(user, demo_report):
    from encounters.digest import build_digest, render_digest

    NetworkSnapshot.objects.create(
        owner=user, status="done", computed_at=timezone.now(), report=demo_report
    )
    digest = build_digest(user, timezone.localdate())
    _, text, html = render_digest(user, digest)
    assert "All 12 work in Banking, live in Germany and are Gen X." in text
    assert "Nine of them work in the field Finance" in html
    user.language = "de"
    user.save(update_fields=["language"])
    _, text, _ = render_digest(user, digest)
    assert "Alle 12 arbeiten in der Branche Banking" in text


def test_a_bubble_says_how_far_the_ties_of_the_whole_network_follow_its_values():
    report = analyse_network(_members(), shared_encounters=ENCOUNTERS, dimensions=["Faction"])
    for cluster in report.as_dict()["clusters"]:
        # 88 % of the club's tie weight joins members of one faction; shuffled, 48 %.
        assert explain_ties(cluster) == (
            "Across your whole network, ties join people with the same Faction far more often "
            "than chance would: 88% do, against 48% if Faction played no part."
        )


def test_a_bubble_that_stands_out_on_its_own_says_nothing_about_the_ties():
    cluster = _small_cluster(8, 8, 8, 4, homogeneous=True)
    cluster["homogeneous_on"] = ["Generation"]
    cluster["dimensions"]["Generation"]["homophily"] = {
        "share": 0.3, "expected_share": 0.28, "z": 1.1
    }  # fmt: skip
    assert explain_ties(cluster) is None
    del cluster["dimensions"]["Generation"]["homophily"]  # a snapshot from before
    assert explain_ties(cluster) is None


def test_an_unusual_majority_on_a_dimension_the_ties_do_not_follow_can_be_chance():
    cluster = _small_cluster(8, 7, 8, 4)
    cluster["dimensions"]["Generation"] |= {
        "network_count": 20, "network_known": 100, "beyond_network": 0.004,
        "homophily": {"share": 0.27, "expected_share": 0.25, "z": 1.3},
    }  # fmt: skip
    assert explain_not_a_bubble(cluster) == (
        "Seven of the 8 are Gen X. That can be chance: across your whole network, ties do not "
        "join people with the same Generation clearly more often than chance would, and among "
        "several circles one this alike turns up by chance now and then."
    )


def test_the_page_says_how_far_the_ties_follow_the_values_of_a_bubble(user_client, user):
    contacts = {i: make_contact(user, f"Member {i}") for i in sorted(FACTION)}
    for i, contact in contacts.items():
        make_attribute(contact, "Faction", FACTION[i])
    for (a, b), _in_person in ENCOUNTERS:
        make_encounter(user, [contacts[a], contacts[b]], kind="meal")
    Dimension.objects.filter(owner=user).exclude(name="Faction").delete()  # the one tracked
    compute_network_snapshot(NetworkSnapshot.objects.create(owner=user).pk)
    content = user_client.get(reverse("circles")).content.decode()
    assert "ties join people with the same Faction far more often than chance would" in content


def test_the_sentence_on_the_ties_reads_in_german():
    report = analyse_network(_members(), shared_encounters=ENCOUNTERS, dimensions=["Faction"])
    with override("de"):
        assert explain_ties(report.as_dict()["clusters"][0]) == (
            "In deinem ganzen Netzwerk verknüpfen deine Verbindungen Menschen mit gleichem Wert "
            "bei Faction weit öfter, als der Zufall es ergäbe: 88 % tun das, gegenüber 48 %, wenn "
            "Faction keine Rolle spielte."
        )
