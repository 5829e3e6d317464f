"""A circle in plain words: its name, why it is a bubble, and why a concentrated one is not.

Reads a snapshot's report (the JSON of analysis.NetworkReport: a cluster's `reason_details`,
`dimensions`, `label_parts`, ...) and returns sentences in the active language. Every wording of
the circles lives here, so the page, the map's legend and the digest say the same thing.
"""

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, override, pgettext

from . import thresholds as limits
from .homogeneity import chance_of_concentration

# A circle is named only after values that at least two in three of ALL its members hold (members
# without a value count against it). "Most members" has to mean clearly more than half: a circle
# called "Germany" in which five of eight are German (62 %) misleads the three others and anyone
# reading the name; at two thirds, at most one member in three does not fit the name. Circles
# without such a value are named after their most central member instead.
NAME_MIN_SHARE = 2 / 3
NAME_MAX_PARTS = 3

# How each default dimension reads in a sentence about several people ("All 12 work in Banking").
# Matched by the dimension's name in any language the app speaks; any other dimension gets the
# generic wording.
_DEFAULT_DIMENSION_NAMES = {
    "industry": gettext_lazy("Industry"),
    "country": gettext_lazy("Country/Culture"),
    "generation": gettext_lazy("Generation"),
    "hierarchy": gettext_lazy("Hierarchy level"),
    "field": gettext_lazy("Field"),
}


def _dimension_kind(dimension: str) -> str | None:
    wanted = dimension.strip().casefold()
    for kind, name in _DEFAULT_DIMENSION_NAMES.items():
        for code, _language in settings.LANGUAGES:
            with override(code):
                if str(name).casefold() == wanted:
                    return kind
    return None


def phrase(dimension: str, value: str, count: int) -> str:
    """What `count` people share, as the rest of a sentence: "work in Banking", "are Gen X"."""
    words: dict[str | None, Callable[[], str]] = {
        "industry": lambda: ngettext("works in %(value)s", "work in %(value)s", count),
        "country": lambda: ngettext("lives in %(value)s", "live in %(value)s", count),
        "generation": lambda: ngettext("is %(value)s", "are %(value)s", count),
        "hierarchy": lambda: ngettext(
            "is at the level %(value)s", "are at the level %(value)s", count
        ),
        "field": lambda: ngettext(
            "works in the field %(value)s", "work in the field %(value)s", count
        ),
    }
    kind = _dimension_kind(dimension)
    if kind in words:
        return words[kind]() % {"value": value}
    return ngettext("has %(dimension)s “%(value)s”", "have %(dimension)s “%(value)s”", count) % {
        "dimension": dimension,
        "value": value,
    }


def number(count: int) -> str:
    """Two to twelve in words, as prose writes them; other numbers in digits."""
    words = [
        pgettext("count", "two"),
        pgettext("count", "three"),
        pgettext("count", "four"),
        pgettext("count", "five"),
        pgettext("count", "six"),
        pgettext("count", "seven"),
        pgettext("count", "eight"),
        pgettext("count", "nine"),
        pgettext("count", "ten"),
        pgettext("count", "eleven"),
        pgettext("count", "twelve"),
    ]
    return words[count - 2] if 2 <= count <= 12 else str(count)


def and_list(items: Sequence[str]) -> str:
    """ "a, b and c" in the active language."""
    if len(items) <= 1:
        return "".join(items)
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


def _how_many(count: int, known: int, size: int, *, first: bool) -> str:
    """The subject of a sentence about `count` of a circle's `size` members."""
    if count == size:
        return _("all %(count)s") % {"count": size}
    if known < size:
        return _("%(count)s of the %(known)s whose value you know") % {
            "count": number(count),
            "known": known,
        }
    if first:
        return _("%(count)s of the %(size)s") % {"count": number(count), "size": size}
    return _("%(count)s of them") % {"count": number(count)}


def explain_shared(reasons: Sequence[Mapping[str, Any]], size: int) -> list[str]:
    """One or two sentences on what a group shares, from reasons {dimension, value, count, known}.

    The values held by the same number of members go into one sentence, the largest first; the
    rest into a second: "All 12 work in Banking, live in Germany and are Gen X. Nine of them work
    in the field Finance."
    """
    groups: dict[tuple[int, int], list[str]] = {}
    for reason in reasons:
        count, known = int(reason["count"]), int(reason.get("known", size))
        groups.setdefault((count, known), []).append(
            phrase(str(reason["dimension"]), str(reason["value"]), count)
        )
    ordered = sorted(
        groups.items(), key=lambda item: (-item[0][0] / max(item[0][1], 1), -item[0][0])
    )
    clauses = [
        _("%(who)s %(what)s")
        % {
            "who": _how_many(count, known, size, first=position == 0),
            "what": and_list(phrases),
        }
        for position, ((count, known), phrases) in enumerate(ordered)
    ]
    if not clauses:
        return []
    sentences = [_sentence(clauses[0])]
    if len(clauses) > 1:
        sentences.append(_sentence(and_list(clauses[1:])))
    return sentences


def explain_bubble(cluster: Mapping[str, Any]) -> list[str]:
    """Why a flagged circle is a bubble, in one or two sentences, and how common the shared values
    are in the whole network (reports since the circles are judged against it); nothing for other
    circles."""
    if not cluster.get("homogeneous"):
        return []
    reasons = cluster.get("reason_details", [])
    sentences = explain_shared(reasons, int(cluster["size"]))
    compared = [
        _("%(value)s %(percent)s%%") % {"value": r["value"], "percent": r["network_percent"]}
        for r in reasons
        if r.get("network_percent") is not None
    ]
    if compared:
        sentences.append(_("In your whole network: %(values)s.") % {"values": and_list(compared)})
    return sentences


def network_comparison(cluster: Mapping[str, Any]) -> str | None:
    """How common the bubble's values are in the whole network, when the snapshot says:
    "In your whole network: Banking 17%, Germany 40%." None for snapshots without it."""
    shares = [
        _("%(value)s %(percent)s%%") % {"value": r["value"], "percent": r["network_percent"]}
        for r in cluster.get("reason_details", [])
        if r.get("network_percent") is not None
    ]
    if not cluster.get("homogeneous") or not shares:
        return None
    return _("In your whole network: %(shares)s.") % {"shares": ", ".join(shares)}


def _ties_follow(stats: Mapping[str, Any]) -> bool | None:
    """Whether the network's ties follow the dimension (the homophily gate); None for snapshots
    that do not say."""
    homophily = stats.get("homophily")
    if not homophily or homophily.get("z") is None:
        return None
    return float(homophily["z"]) >= limits.MIN_HOMOPHILY_Z


def explain_ties(cluster: Mapping[str, Any]) -> str | None:
    """For a bubble, how far who knows whom follows the shared values across the whole network,
    for the dimensions where it does: "Across your whole network, ties join people with the same
    Faction far more often than chance would: 87% do, against 49% if Faction played no part."
    None for other circles, snapshots without it, and bubbles that stand out on their own."""
    if not cluster.get("homogeneous"):
        return None
    dimensions: Mapping[str, Mapping[str, Any]] = cluster.get("dimensions", {})
    followed = [
        name
        for name in cluster.get("homogeneous_on", [])
        if _ties_follow(dimensions.get(name, {})) is True
    ]
    if not followed:
        return None
    if len(followed) > 1:
        return _(
            "Across your whole network, ties join people alike in %(dimensions)s far more often "
            "than chance would."
        ) % {"dimensions": and_list(followed)}
    homophily = dimensions[followed[0]]["homophily"]
    return _(
        "Across your whole network, ties join people with the same %(dimension)s far more often "
        "than chance would: %(share)s%% do, against %(expected)s%% if %(dimension)s played no "
        "part."
    ) % {
        "dimension": followed[0],
        "share": round(100 * float(homophily.get("share") or 0)),
        "expected": round(100 * float(homophily.get("expected_share") or 0)),
    }


def _concentrated(stats: Mapping[str, Any]) -> bool:
    share, iqv = stats.get("share"), stats.get("iqv")
    if share is None or iqv is None or stats.get("dominant") is None:
        return False
    if stats.get("beyond_network") is not None:  # judged against the network: most of them
        return share > limits.MIN_BUBBLE_SHARE
    return share >= limits.SHARE_THRESHOLD or (
        limits.IQV_THRESHOLD is not None and iqv <= limits.IQV_THRESHOLD
    )


def _chance(stats: Mapping[str, Any]) -> float:
    return chance_of_concentration(
        int(stats.get("count") or 0),
        int(stats.get("known") or 0),
        int(stats.get("categories") or 0),
    )


def explain_not_a_bubble(cluster: Mapping[str, Any]) -> str | None:
    """Why a circle that is concentrated on some dimension is not flagged; None when it is not
    concentrated (nothing to explain) or is flagged."""
    if cluster.get("homogeneous"):
        return None
    dimensions: Mapping[str, Mapping[str, Any]] = cluster.get("dimensions", {})
    concentrated = sorted(
        ((name, stats) for name, stats in dimensions.items() if _concentrated(stats)),
        key=lambda item: (-(item[1]["share"] or 0), item[0]),
    )
    if not concentrated:
        return None
    size = int(cluster["size"])
    if any(stats.get("beyond_network") is not None for _name, stats in concentrated):
        return _not_beyond_the_network(
            concentrated, dimensions, size, cluster.get("homogeneous_on", [])
        )
    beyond_chance = [(n, s) for n, s in concentrated if _chance(s) <= limits.CHANCE_ALPHA]
    if beyond_chance:
        required = max(1, min(limits.MIN_FLAGGED_DIMENSIONS, len(dimensions)))
        if len(beyond_chance) >= required:
            return None  # a rule this module does not know flagged nothing; say nothing false
        return _alike_in_one_way_only(*beyond_chance[0], size, required)
    name, stats = concentrated[0]
    count, known, categories = _counts(stats)["count"], _counts(stats)["known"], stats["categories"]
    shared = explain_shared(
        [{"dimension": name, "value": stats["dominant"], "count": count, "known": known}], size
    )[0]
    if chance_of_concentration(known, known, categories) > limits.CHANCE_ALPHA:
        why = ngettext(
            "Too small to judge: with %(known)s people and only %(categories)s values of "
            "%(dimension)s in your network, even all of them alike happens by chance too often.",
            "Too small to judge: with %(known)s people and only %(categories)s values of "
            "%(dimension)s in your network, even all of them alike happens by chance too often.",
            categories,
        )
    else:
        why = ngettext(
            "Close to what chance would give: with only %(categories)s value of %(dimension)s in "
            "your network, %(count)s of %(known)s alike happens by chance about one time in "
            "%(odds)s.",
            "Close to what chance would give: with only %(categories)s values of %(dimension)s "
            "in your network, %(count)s of %(known)s alike happens by chance about one time in "
            "%(odds)s.",
            categories,
        )
    odds = max(1, round(1 / max(_chance(stats), 1e-9)))
    return " ".join(
        [
            shared,
            why
            % {
                "known": known,
                "count": count,
                "categories": categories,
                "dimension": name,
                "odds": odds,
            },
        ]
    )


def _not_beyond_the_network(
    concentrated: Sequence[tuple[str, Mapping[str, Any]]],
    dimensions: Mapping[str, Any],
    size: int,
    homogeneous_on: Sequence[str] = (),
) -> str | None:
    """For circles judged against the network: most of them share a value, but either the ties of
    the network do not follow its dimension (and the circle does not stand out on its own), or it
    is the only thing they share, or the value is common in the whole network anyway."""
    required = max(1, min(limits.MIN_FLAGGED_DIMENSIONS, len(dimensions)))
    # A plain 5 % stands in for the network's false-discovery cutoff, which the report does not
    # keep: below it a concentration is no longer "common anyway".
    unusual = [(n, s) for n, s in concentrated if (s.get("beyond_network") or 1.0) <= 0.05]
    unfollowed = [
        (n, s) for n, s in unusual if _ties_follow(s) is False and n not in homogeneous_on
    ]
    if unfollowed and len(unusual) - len(unfollowed) < required:
        return _ties_do_not_follow(*unfollowed[0], size)
    if len(unusual) >= required:
        return None  # the cutoff decided against it; say nothing false
    if unusual:
        return _alike_in_one_way_only(*unusual[0], size, required)
    name, stats = concentrated[0]
    shared = explain_shared(
        [{"dimension": name, "value": stats["dominant"], **_counts(stats)}], size
    )[0]
    known = int(stats.get("network_known") or 0)
    percent = round(100 * int(stats.get("network_count") or 0) / known) if known else 0
    return " ".join(
        [
            shared,
            _(
                "Not unusual for you: in your whole network %(percent)s%% do, so a group of "
                "%(size)s of your contacts picked at random is often this alike."
            )
            % {"percent": percent, "size": size},
        ]
    )


def _ties_do_not_follow(name: str, stats: Mapping[str, Any], size: int) -> str:
    """Why a circle most of whom share a value that is unusual in the network is not a bubble when
    who knows whom does not follow that dimension across the network."""
    shared = explain_shared(
        [{"dimension": name, "value": stats["dominant"], **_counts(stats)}], size
    )[0]
    return " ".join(
        [
            shared,
            _(
                "That can be chance: across your whole network, ties do not join people with "
                "the same %(dimension)s clearly more often than chance would, and among several "
                "circles one this alike turns up by chance now and then."
            )
            % {"dimension": name},
        ]
    )


def _counts(stats: Mapping[str, Any]) -> dict[str, int]:
    return {"count": int(stats.get("count") or 0), "known": int(stats.get("known") or 0)}


def circle_name(cluster: Mapping[str, Any]) -> str:
    """The values at least NAME_MIN_SHARE of all members hold ("Banking · Germany"), strongest
    first; or the member the circle centres on."""
    size = max(int(cluster.get("size") or 0), 1)
    strong = {
        stats["dominant"]
        for stats in cluster.get("dimensions", {}).values()
        if stats.get("dominant") is not None and (stats.get("count") or 0) / size >= NAME_MIN_SHARE
    }
    parts = [part for part in cluster.get("label_parts", []) if part in strong][:NAME_MAX_PARTS]
    if parts:
        return " · ".join(parts)
    around = cluster.get("label_around") or next(iter(cluster.get("members", [])), None)
    if around:
        return _("Circle around %(name)s") % {"name": around}
    return _("Circle")


def explained(cluster: Mapping[str, Any]) -> dict[str, Any]:
    """The cluster with its name and its sentences, for the page."""
    return {
        **cluster,
        "name": circle_name(cluster),
        "explanation": explain_bubble(cluster),
        "network_comparison": network_comparison(cluster),
        "ties_explanation": explain_ties(cluster),
        "not_a_bubble": explain_not_a_bubble(cluster),
    }


def _alike_in_one_way_only(name: str, stats: Mapping[str, Any], size: int, required: int) -> str:
    """Why a circle most of whom share one value, and only one, is not a bubble."""
    shared = explain_shared(
        [{"dimension": name, "value": stats["dominant"], **_counts(stats)}], size
    )[0]
    reason = ngettext(
        "That is the only thing most of them share, so it is not a bubble: a bubble "
        "is a circle alike in at least %(required)s way at once.",
        "That is the only thing most of them share, so it is not a bubble: a bubble "
        "is a circle alike in at least %(required)s ways at once.",
        required,
    ) % {"required": number(required)}
    return f"{shared} {reason}"
