"""Search finds what a person wrote, whatever the accents, the case, the word's ending or a typo
in a name, and never anything of another account. The suite runs it on PostgreSQL in CI and on
SQLite by default; test_search_on_both_databases.py makes sure both run every time."""

import datetime

import pytest
from django.urls import reverse

from encounters.search.engine import search
from tests.factories import make_attribute, make_contact, make_encounter, make_introduction

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 9, 14)


def names(results) -> list[str]:
    return [hit.contact.name for hit in results.contacts]


def encounter_notes(results) -> list[str]:
    return [hit.encounter.notes or hit.encounter.learned for hit in results.encounters]


@pytest.fixture
def world(user, other_user):
    """Alice's network, and Mallory's with the same words in it."""
    mueller = make_contact(
        user, "Hans Müller", organisation="Kreislauf GmbH", role="Head of welding",
        city="Frankfurt am Main", how_we_met="Sat next to him on the flight to Lisbon",
    )  # fmt: skip
    make_attribute(mueller, "Industry", "Banking")
    ingrid = make_contact(user, "Dr. Ingrid Svensson", email="ingrid@fraunhofer.example")
    frank = make_contact(user, "Frank Richter", notes="Plays cello in the Café Laumer quartet.")
    make_encounter(
        user, [ingrid], occurred_on=DAY, location="Café Wacker",
        notes="Long talk about welding robots.", learned="Flights to Lisbon are cheaper in May.",
    )  # fmt: skip
    make_encounter(
        user, [frank], occurred_on=DAY - datetime.timedelta(days=400), kind="phone_call",
        notes="Quartet premiere plans.",
    )  # fmt: skip
    make_introduction(
        user, ingrid, frank, reason="Both of you want to automate welding without losing people."
    )
    theirs = make_contact(other_user, "Hans Müller", notes="welding Lisbon banking quartet")
    make_encounter(other_user, [theirs], notes="welding robots flights Lisbon quartet")
    make_introduction(
        other_user, theirs, make_contact(other_user, "Eve"), reason="welding quartet Lisbon"
    )
    return {"mueller": mueller, "ingrid": ingrid, "frank": frank}


@pytest.mark.parametrize("query", ["muller", "MULLER", "Müller", "müller", "mull"])
def test_accents_and_case_do_not_matter(user, world, query):
    assert names(search(user, query)) == ["Hans Müller"]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Mueller", "Hans Müller"),
        ("Svenson", "Dr. Ingrid Svensson"),
        ("ingrid svenson", "Dr. Ingrid Svensson"),
        ("Richtr", "Frank Richter"),
    ],
)
def test_a_near_miss_in_a_name_still_finds_it(user, world, query, found):
    assert found in names(search(user, query))


def test_a_near_miss_is_not_any_name_that_shares_letters(user, world):
    # "Frankfurt" finds Hans Müller (he lives there), not Frank Richter by his name.
    assert names(search(user, "Frankfurt")) == ["Hans Müller"]


def test_stemming_finds_other_forms_of_a_word(user, world):
    # "flight" and "Flights", "robot" and "robots": the same stem, in the user's language.
    results = search(user, "flight lisbon")
    assert encounter_notes(results) == ["Long talk about welding robots."]
    assert names(results) == ["Hans Müller"]  # "on the flight to Lisbon", how we met
    assert encounter_notes(search(user, "robot welding")) == ["Long talk about welding robots."]


def test_the_word_being_typed_is_matched_as_a_prefix(user, world):
    for typed in ("weld", "weldi", "weldin", "welding"):
        results = search(user, typed)
        assert encounter_notes(results) == ["Long talk about welding robots."], typed
        assert len(results.introductions) == 1, typed


def test_stemming_follows_the_users_language(user, other_user):
    friend = make_contact(user, "Jonas")
    make_encounter(user, [friend], notes="Über die Flüge nach Lissabon gesprochen.")

    # English stems "Flüge" to "fluge": the whole word "flug" is not it.
    assert search(user, "flug lissabon").encounters == []

    user.language = "de"
    user.save()

    assert len(search(user, "flug lissabon").encounters) == 1
    assert len(search(user, "FLUG Lissabon").encounters) == 1


def test_it_finds_contacts_by_what_is_written_about_them(user, world):
    assert names(search(user, "banking")) == ["Hans Müller"]  # a dimension value
    assert names(search(user, "banking frankfurt")) == ["Hans Müller"]  # value and city
    assert names(search(user, "kreislauf")) == ["Hans Müller"]  # organisation
    assert names(search(user, "fraunhofer")) == ["Dr. Ingrid Svensson"]  # email
    assert names(search(user, "cello")) == ["Frank Richter"]  # notes
    assert names(search(user, "laumer cafe")) == ["Frank Richter"]  # accents in the notes


def test_it_finds_encounters_by_notes_learned_and_place(user, world):
    assert encounter_notes(search(user, "wacker")) == ["Long talk about welding robots."]
    assert encounter_notes(search(user, "cheaper may")) == ["Long talk about welding robots."]
    assert encounter_notes(search(user, "premiere")) == ["Quartet premiere plans."]


def test_it_finds_introductions_by_their_reason(user, world):
    [hit] = search(user, "automate").introductions
    assert hit.introduction.b == world["frank"]
    assert ("automate", True) in hit.snippet


def test_another_users_rows_are_never_found(user, other_user, world):
    for query in ("welding", "quartet", "lisbon", "banking", "Hans Müller", "robots", "Eve"):
        results = search(user, query)
        owners = (
            {hit.contact.owner_id for hit in results.contacts}
            | {hit.encounter.owner_id for hit in results.encounters}
            | {hit.introduction.owner_id for hit in results.introductions}
        )
        assert owners <= {user.pk}, query
    assert search(user, "Eve").empty


def test_the_matching_words_are_marked_and_markup_is_escaped(user_client, user, world):
    make_contact(user, "<b>Welding</b> Kate")

    html = user_client.get(reverse("search"), {"q": "welding"}).content.decode()

    assert "<mark>welding</mark> robots" in html
    assert "&lt;b&gt;<mark>Welding</mark>&lt;/b&gt; Kate" in html
    assert "<b>Welding</b>" not in html


def test_it_takes_the_same_five_queries_for_few_and_many_matches(
    user, world, django_assert_num_queries
):
    with django_assert_num_queries(5):
        few = search(user, "welding")
    for i in range(30):
        person = make_contact(user, f"Welder {i}", role="welding")
        make_encounter(user, [person], notes=f"More welding, day {i}")
        make_introduction(user, person, world["frank"], reason="welding again")
    with django_assert_num_queries(5):
        many = search(user, "welding")

    assert len(few.encounters) == 1
    assert many.more_contacts and many.more_encounters and many.more_introductions


def test_nothing_to_search_for_asks_the_database_nothing(user, django_assert_num_queries):
    with django_assert_num_queries(0):
        for query in ("", "   ", "!!!", "…"):
            assert search(user, query).empty


@pytest.mark.parametrize(
    "query", ["%", "_", "50%_\\", "'\"); DROP TABLE x;--", "a" * 500, "*", ":*"]
)
def test_odd_input_is_searched_as_text(user_client, world, query):
    response = user_client.get(reverse("search"), {"q": query})

    assert response.status_code == 200


def test_the_page_and_the_htmx_partial_show_the_same_results(user_client, world):
    page = user_client.get(reverse("search"), {"q": "quartet"}).content.decode()
    partial = user_client.get(
        reverse("search"), {"q": "quartet"}, HTTP_HX_REQUEST="true"
    ).content.decode()

    assert partial.strip().startswith('<div id="search-results"')
    assert "<html" not in partial
    assert partial.strip() in page
    assert "Frank Richter" in partial and "<mark>Quartet</mark> premiere plans." in partial


def test_the_header_carries_the_search_field_on_every_page(user_client):
    for name in ("dashboard", "quiet", "encounters:list", "contacts:list"):
        html = user_client.get(reverse(name)).content.decode()
        assert 'id="site-search"' in html and 'action="/search/"' in html, name
