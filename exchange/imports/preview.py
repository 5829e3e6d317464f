"""The preview of an import as plain JSON: what is new, merged, skipped, and what goes where."""

import re
from collections import Counter
from typing import Any

from django.utils.translation import gettext as _

from exchange.formats.records import ContactRecord, note_label

from .merge import ImportPlan
from .merge_rules import Merge, note_lines

# Rows listed per section of the preview; the counts are always complete.
PREVIEW_LIMIT = 200

_PARENTHESIS = re.compile(r" \(.*\)$")


def _merge_json(plan: ImportPlan, merge: Merge) -> dict[str, Any]:
    record = plan.records[merge.index]
    return {
        "source": record.source,
        "name": record.display_name,
        "contact_id": merge.contact_id,
        "contact_name": merge.contact_name,
        "matched_by": merge.matched_by,
        "others": merge.others,
        "changes": [
            {"label": change.label, "old": change.old, "new": change.new, "noted": change.noted}
            for change in merge.changes
        ],
        "notes_added": len(merge.notes_added),
    }


def where_things_go(records: list[ContactRecord]) -> dict[str, Any]:
    """How many records fill each field, which kinds of "label: value" lines go to the notes,
    and what is not imported at all."""
    fields: Counter[str] = Counter()
    notes: Counter[str] = Counter()
    left_out: Counter[str] = Counter()
    for record in records:
        if record.skip_reason:
            continue
        for name in ("organisation", "role", "city", "country"):
            if getattr(record, name):
                fields[name] += 1
        fields["email"] += bool(record.emails)
        fields["phone"] += bool(record.phones)
        fields["birthday"] += record.birthday is not None
        fields["important_dates"] += bool(record.important_dates)
        fields["notes"] += bool(record.notes)
        primary_email = [value for value, _label in record.emails[:1]]
        primary_phone = [value for value, _label in record.phones[:1]]
        for line in note_lines(record, except_emails=primary_email, except_phones=primary_phone):
            notes[_PARENTHESIS.sub("", note_label(line))] += 1
        left_out.update(record.left_out)
    labels = {
        "email": _("Email"),
        "phone": _("Phone"),
        "organisation": _("Organisation"),
        "role": _("Role"),
        "city": _("City"),
        "country": _("Country"),
        "birthday": _("Birthday"),
        "important_dates": _("Important dates"),
        "notes": _("Notes"),
    }
    return {
        "fields": [
            {"label": labels[name], "count": fields[name]} for name in labels if fields[name]
        ],
        "notes": [{"label": label, "count": count} for label, count in notes.most_common()],
        "left_out": [{"label": label, "count": count} for label, count in left_out.most_common()],
    }


def summarise(plan: ImportPlan, *, total: int, limit: int = PREVIEW_LIMIT) -> dict[str, Any]:
    """The preview of `plan`, made from the `total` records of a file."""
    records = plan.records
    return {
        "records": total,
        "new": {
            "count": len(plan.new),
            "names": [records[i].display_name for i in plan.new[:limit]],
        },
        "merges": {
            "count": len(plan.merges),
            "items": [_merge_json(plan, m) for m in plan.merges[:limit]],
        },
        "unchanged": {
            "count": len(plan.unchanged),
            "items": [_merge_json(plan, m) for m in plan.unchanged[:limit]],
        },
        "skipped": {
            "count": len(plan.skipped),
            "items": [
                {
                    "source": records[s.index].source,
                    "name": records[s.index].display_name,
                    "reason": s.reason,
                }
                for s in plan.skipped[:limit]
            ],
        },
        "combined": {
            "count": len(plan.combined),
            "items": [
                {"source": c.source, "name": c.name, "into": c.into, "reason": c.reason}
                for c in plan.combined[:limit]
            ],
        },
        "where": where_things_go(
            [records[i] for i in plan.new]
            + [records[m.index] for m in plan.merges + plan.unchanged]
        ),
    }
