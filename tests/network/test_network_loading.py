"""Loading a person's network for the analysis: on PostgreSQL the database groups the encounter
rows (issue 15); the inputs, the report and the map stay what the row-by-row grouping gave, and the
number of queries does not grow with the network."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.network import encounter_data
from contacts.network.snapshots import analyse_user_network, network_inputs
from devdata import synthetic
from encounters.models import Encounter
from encounters.participations import encounter_data_from_rows, network_encounter_data

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 6, 1)


@pytest.fixture
def rows_source():
    """Swaps in the row-by-row grouping (the loading before issue 15) for the duration of a block."""

    class Swap:
        def __enter__(self):
            encounter_data.register_encounter_source(encounter_data_from_rows)

        def __exit__(self, *exc):
            encounter_data.register_encounter_source(network_encounter_data)

    yield Swap()
    encounter_data.register_encounter_source(network_encounter_data)


def _normalised(inputs):
    contacts, ties, shared, introductions, dimensions = inputs
    # Neither the encounters' order nor the participants' order within one reaches the graph
    # (edge_weights sorts both); everything else must be equal as it is.
    return (
        contacts,
        ties,
        sorted((tuple(sorted(people)), in_person) for people, in_person in shared),
        introductions,
        dimensions,
    )


def test_grouping_in_the_database_gives_the_same_inputs_report_and_map_as_row_by_row(rows_source):
    user, _plan = synthetic.generate_network(
        "loading", contacts=150, encounters=900, ties=600, seed=5, as_of=DAY
    )
    grouped = network_inputs(user, DAY)
    report, graph = analyse_user_network(user, DAY)
    with rows_source:
        by_rows = network_inputs(user, DAY)
        report_by_rows, graph_by_rows = analyse_user_network(user, DAY)

    assert grouped[2], "the generated network has shared encounters"
    assert any(not in_person for _people, in_person in grouped[2])
    assert _normalised(grouped) == _normalised(by_rows)
    assert report == report_by_rows
    assert graph == graph_by_rows


def test_the_demo_keeps_its_circles_bubbles_and_reasons_with_the_grouping_in_the_database(
    settings, rows_source
):
    settings.DEBUG = True  # load_demo refuses to run with DEBUG off
    call_command("load_demo", stdout=io.StringIO())
    user = get_user_model().objects.get(username="demo")
    report, graph = analyse_user_network(user, DAY)
    with rows_source:
        report_by_rows, graph_by_rows = analyse_user_network(user, DAY)

    assert any(cluster["homogeneous"] for cluster in report["clusters"])
    assert report == report_by_rows
    assert graph == graph_by_rows


def test_the_network_loads_in_the_same_number_of_queries_whatever_its_size():
    small, _plan = synthetic.generate_network(
        "small", contacts=20, encounters=60, ties=30, seed=1, as_of=DAY
    )
    large, _plan = synthetic.generate_network(
        "large", contacts=200, encounters=1200, ties=800, seed=2, as_of=DAY
    )
    with CaptureQueriesContext(connection) as for_small:
        network_inputs(small, DAY)
    with CaptureQueriesContext(connection) as for_large:
        network_inputs(large, DAY)

    # Attributes, last seen, shared encounters, contacts, ties, introductions, dimensions.
    expected = 7 if connection.vendor == "postgresql" else 6
    assert len(for_small) == len(for_large) == expected


def test_the_last_day_seen_from_the_summaries_is_the_rows_after_edits_and_deletes():
    """On PostgreSQL the last day seen comes from the per-contact summaries the triggers keep; it
    must stay what the participant rows themselves give (SQLite's source) after the writes that
    move it: an encounter moved to another day, one deleted, a participant removed."""
    user, _plan = synthetic.generate_network(
        "last-seen", contacts=60, encounters=300, ties=100, seed=7, as_of=DAY
    )
    encounters = list(Encounter.objects.for_user(user).order_by("-occurred_on", "pk")[:3])
    moved, deleted, thinned = encounters
    moved.occurred_on = DAY - datetime.timedelta(days=400)
    moved.save()
    deleted.delete()
    thinned.participants.remove(thinned.participants.order_by("pk").first())

    last_seen = network_encounter_data(user).last_seen
    assert last_seen == encounter_data_from_rows(user).last_seen
    assert last_seen, "the generated network has encounters"
