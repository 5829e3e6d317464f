"""Write devdata/demo/demo_network.json: a realistic, deterministic demo network in the backup format.

Run it with `uv run python -m devdata.demo.build`; the same seed always writes the same file. The
data lives beside this module (people.py, notes.py, story.py); this module only assembles the
document. Encounters cover the two years before 2026-11-20; `python manage.py load_demo` moves them
so the latest falls on yesterday.
"""

import json
import random
import sys
from pathlib import Path
from typing import Any

from devdata.vocabulary import DIMENSION_NAMES as DIMENSIONS

from .people import INTRODUCTIONS, KEYS, PEOPLE
from .story import Network, add_ties, tell_the_story

SEED = 20261120
OUTPUT = Path(__file__).resolve().parent / "demo_network.json"

CONTACT_FIELDS = [
    "email", "phone", "organisation", "role", "city", "country", "birthday", "how_we_met",
    "met_through", "cadence_days", "trust", "archived", "notes",
]  # fmt: skip


def build(seed: int = SEED) -> dict:
    """The demo document; the same seed gives the same document."""
    net = Network(random.Random(seed))
    tell_the_story(net)
    add_ties(net)

    refs = {key: f"c{number}" for number, key in enumerate(KEYS, 1)}
    contacts = []
    for key, name, organisation, role, city, country, attributes, extra in PEOPLE:
        fields: dict[str, Any] = {
            "organisation": organisation,
            "role": role,
            "city": city,
            "country": country,
            **extra,
        }
        contact: dict[str, Any] = {"ref": refs[key], "name": name}
        contact.update({field: fields.get(field) for field in CONTACT_FIELDS})
        contact["met_through"] = refs.get(contact["met_through"])
        contact["archived"] = bool(contact["archived"])
        contact["attributes"] = {
            dimension: value
            for dimension, value in zip(DIMENSIONS, attributes, strict=True)
            if value
        }
        contact["important_dates"] = [
            {"label": label, "date": date} for label, date in extra.get("dates", [])
        ]
        contacts.append(contact)

    # The order an export writes: by date, encounters without a time first on their day.
    encounters = sorted(
        net.encounters, key=lambda e: (e["occurred_on"], e["time"] is not None, e["time"] or "")
    )
    return {
        "format": "weitblick-backup",
        "version": 1,
        "exported_at": "2026-11-20T00:00:00+00:00",
        "dimensions": DIMENSIONS,
        "contacts": contacts,
        "ties": [
            {"a": refs[tie["a"]], "b": refs[tie["b"]], "kind": tie["kind"]}
            for tie in net.ties.values()
        ],
        "encounters": [
            {
                "ref": f"e{number}",
                "occurred_on": encounter["occurred_on"].isoformat(),
                "time": encounter["time"],
                "kind": encounter["kind"],
                "planned": encounter["planned"],
                "participants": [refs[key] for key in encounter["participants"]],
                "location": encounter["location"],
                "notes": encounter["notes"],
                "learned": encounter["learned"],
                "views": encounter["views"],
                "follow_up_on": encounter["follow_up_on"].isoformat()
                if encounter["follow_up_on"]
                else None,
            }
            for number, encounter in enumerate(encounters, 1)
        ],
        "introductions": [
            {
                "a": refs[a],
                "b": refs[b],
                "made_on": made_on,
                "reason": reason,
                "channel": channel,
                "status": status,
                "outcome": outcome,
                "outcome_note": outcome_note,
                "follow_up_on": follow_up_on,
            }
            for a, b, made_on, reason, channel, status, outcome, outcome_note, follow_up_on in INTRODUCTIONS
        ],
    }


def render(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    document = build()
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(render(document), encoding="utf-8")
    print(
        f"Wrote {OUTPUT}: {len(document['contacts'])} contacts, {len(document['encounters'])} "
        f"encounters, {len(document['ties'])} ties, {len(document['introductions'])} introductions.",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
