"""Encounters reduced to who met whom and when: the data the network analysis in contacts/ uses."""

import datetime
from collections import defaultdict

from django.contrib.postgres.aggregates import ArrayAgg, BoolOr
from django.db import connection
from django.db.models import Count

from contacts.account import User
from contacts.network.encounter_data import EncounterData

from .models import ContactSummary, EncounterParticipant


def network_encounter_data(user: User) -> EncounterData:
    """Last seen per contact and the shared encounters of `user`'s network, in two queries.

    Registered with contacts.network.encounter_data when the app is ready (encounters.apps): the
    one place where encounter rows reach the network analysis. On PostgreSQL the last day seen is
    read from the per-contact summaries, the shared encounters from the participant rows' copies of
    owner and channel (no join), and the database does the grouping, so
    about 16,000 rows reach Python for 5,000 contacts instead of 90,000 (docs/benchmarks.md, issue
    15); SQLite has no array_agg and groups the rows in Python (`encounter_data_from_rows`).
    """
    if connection.vendor != "postgresql":
        return encounter_data_from_rows(user)
    rows = EncounterParticipant.objects.for_user(user).order_by()
    # The last day seen is each contact's summary's (kept by triggers on the participant rows,
    # encounters/summaries.py): one row per contact read from the owner's index instead of a
    # maximum over all 86,000 participant rows.
    last_seen = dict(
        ContactSummary.objects.filter(owner=user).order_by().values_list("contact_id", "last_day")
    )
    # One row per encounter with two or more participants. in_person is the same on all of an
    # encounter's rows (the copies), so BoolOr only carries it through the grouping. Every column
    # read is in the index participant_owner_encounter (hence Count("contact"), not the pk).
    shared = [
        (tuple(people), face_to_face)
        for people, face_to_face in rows.values("encounter_id")
        .annotate(
            people=ArrayAgg("contact_id"), face_to_face=BoolOr("in_person"), n=Count("contact")
        )
        .filter(n__gt=1)
        .values_list("people", "face_to_face")
    ]
    return EncounterData(last_seen=last_seen, shared=shared)


def encounter_data_from_rows(user: User) -> EncounterData:
    """The same as network_encounter_data, from every participant row grouped in Python (one query)."""
    last_seen: dict[int, datetime.date] = {}
    participants: defaultdict[int, list[int]] = defaultdict(list)
    in_person: dict[int, bool] = {}
    for encounter_id, contact_id, day, face_to_face in (
        EncounterParticipant.objects.for_user(user)
        .order_by()
        # The participant rows' copies of date and channel: one user's rows, no join.
        .values_list("encounter_id", "contact_id", "occurred_on", "in_person")
    ):
        if contact_id not in last_seen or day > last_seen[contact_id]:
            last_seen[contact_id] = day
        participants[encounter_id].append(contact_id)
        in_person[encounter_id] = face_to_face
    shared = [
        (tuple(people), in_person[eid]) for eid, people in participants.items() if len(people) > 1
    ]
    return EncounterData(last_seen=last_seen, shared=shared)
