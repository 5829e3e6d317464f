"""Encounters reduced to who met whom and when: the data the network analysis in contacts/ uses."""

import datetime
from collections import defaultdict

from contacts.account import User
from contacts.network.encounter_data import EncounterData

from .models import EncounterParticipant


def network_encounter_data(user: User) -> EncounterData:
    """Last seen per contact and the shared encounters of `user`'s network, in one query.

    Registered with contacts.network.encounter_data when the app is ready (encounters.apps): the
    one place where encounter rows reach the network analysis.
    """
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
