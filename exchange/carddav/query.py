"""addressbook-query's filters (RFC 6352 10.5) on the fields a card shows."""

import xml.etree.ElementTree as ET

from exchange.formats.vcard_mapping import CardSource

from .xml import CARDDAV, tag

# The vCard properties a filter may name, and what each is on a card Weitblick writes.
PROPERTIES = {
    "FN": lambda s: [s.name],
    "N": lambda s: [s.name],
    "EMAIL": lambda s: [s.email] if s.email else [],
    "TEL": lambda s: [s.phone] if s.phone else [],
    "ORG": lambda s: [s.organisation] if s.organisation else [],
    "TITLE": lambda s: [s.role] if s.role else [],
    "UID": lambda s: [s.uid],
    "NOTE": lambda s: [s.notes] if s.notes else [],
    "ADR": lambda s: [f"{s.city} {s.country}".strip()] if s.city or s.country else [],
}


def _text_matches(value: str, test: ET.Element) -> bool:
    wanted = (test.text or "").casefold()
    found = value.casefold()
    kind = test.get("match-type", "contains")
    if kind == "equals":
        result = found == wanted
    elif kind == "starts-with":
        result = found.startswith(wanted)
    elif kind == "ends-with":
        result = found.endswith(wanted)
    else:
        result = wanted in found
    return result != (test.get("negate-condition") == "yes")


def _prop_matches(source: CardSource, prop_filter: ET.Element) -> bool:
    values_of = PROPERTIES.get(prop_filter.get("name", "").upper())
    values = values_of(source) if values_of is not None else []
    if prop_filter.find(tag(CARDDAV, "is-not-defined")) is not None:
        return not values
    tests = prop_filter.findall(tag(CARDDAV, "text-match"))
    if not tests:
        return bool(values)
    results = [any(_text_matches(value, test) for value in values) for test in tests]
    return all(results) if prop_filter.get("test") == "allof" else any(results)


def matches(source: CardSource, card_filter: ET.Element | None) -> bool:
    """Whether the card passes the <filter>; no filter (or an empty one) passes every card."""
    if card_filter is None:
        return True
    prop_filters = card_filter.findall(tag(CARDDAV, "prop-filter"))
    if not prop_filters:
        return True
    results = [_prop_matches(source, prop_filter) for prop_filter in prop_filters]
    return all(results) if card_filter.get("test") == "allof" else any(results)
