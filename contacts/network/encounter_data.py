"""What the network analysis needs from encounters, handed over through one documented function.

contacts/ sits below encounters/ and never imports it. The analysis still needs two things only
encounters know: when each contact was last seen, and who met whom (shared encounters are edges of
the graph). encounters/ provides them by registering a source when the app is ready
(encounters.apps -> encounters.participations.network_encounter_data); without one, the network
is built from ties and introductions alone.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from contacts.account import User


@dataclass(frozen=True)
class EncounterData:
    """The encounters of one person's network, reduced to what the graph uses."""

    # contact id -> the day of the latest encounter with them
    last_seen: dict[int, datetime.date] = field(default_factory=dict)
    # each encounter with two or more participants: (their contact ids, whether it was in person)
    shared: list[tuple[tuple[int, ...], bool]] = field(default_factory=list)


EncounterSource = Callable[[User], EncounterData]


def _no_encounters(user: User) -> EncounterData:
    return EncounterData()


_source: EncounterSource = _no_encounters


def register_encounter_source(source: EncounterSource) -> None:
    """Make `source(user)` the provider of encounter data for the network analysis."""
    global _source
    _source = source


def encounter_data(user: User) -> EncounterData:
    """The registered source's encounter data for `user`, in a fixed number of queries."""
    return _source(user)
