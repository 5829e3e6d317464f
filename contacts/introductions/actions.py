"""Introductions: making one you can stand behind, following it up, and the track record."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from contacts.account import User
from contacts.models import Contact, Introduction, IntroductionEvent

FOLLOW_UP_AFTER = datetime.timedelta(weeks=3)


@dataclass(frozen=True)
class PersonContext:
    """What the introducer knows about one of the two before vouching for them."""

    contact: Contact
    known_since: datetime.date
    trust: int | None
    earlier: list[Introduction]

    @property
    def did_not_fit(self) -> list[Introduction]:
        return [i for i in self.earlier if i.outcome == Introduction.Outcome.DID_NOT_FIT]

    @property
    def fruitful(self) -> int:
        return sum(1 for i in self.earlier if i.outcome == Introduction.Outcome.FRUITFUL)


def introduction_context(user: User, contacts: list[Contact]) -> list[PersonContext]:
    """For each contact: known since (first encounter or when added), trust, earlier introductions.

    Two queries whatever the number of earlier introductions.
    """
    ids = [c.pk for c in contacts]
    first_met = dict(
        Contact.objects.for_user(user)
        .filter(pk__in=ids)
        .annotate(first=Min("encounters__occurred_on"))
        .values_list("pk", "first")
    )
    earlier: defaultdict[int, list[Introduction]] = defaultdict(list)
    for intro in (
        Introduction.objects.for_user(user)
        .filter(Q(a_id__in=ids) | Q(b_id__in=ids))
        .select_related("a", "b")
    ):
        for pk in {intro.a_id, intro.b_id} & set(ids):
            earlier[pk].append(intro)
    result = []
    for contact in contacts:
        # The earliest sign of knowing them: added, first met, or first introduced.
        known_since = min(
            [timezone.localtime(contact.created_at).date()]
            + ([first_met[contact.pk]] if first_met.get(contact.pk) else [])
            + [intro.made_on for intro in earlier.get(contact.pk, [])]
        )
        result.append(
            PersonContext(
                contact=contact,
                known_since=known_since,
                trust=contact.trust,
                earlier=earlier.get(contact.pk, []),
            )
        )
    return result


@transaction.atomic
def make_introduction(
    *,
    user: User,
    a: Contact,
    b: Contact,
    reason: str,
    channel: str = Introduction.Channel.EMAIL,
    made_on: datetime.date | None = None,
    follow_up_on: datetime.date | None = None,
    status: str = Introduction.Status.MADE,
) -> Introduction:
    """Introduce two of the user's contacts; the reason is what the user vouches for."""
    if a.owner_id != user.pk or b.owner_id != user.pk:
        raise ValidationError(_("Choose two of your own contacts."), code="other_owner")
    if a.pk == b.pk:
        raise ValidationError(_("A contact cannot be introduced to themselves."), code="self")
    if not reason.strip():
        raise ValidationError({"reason": _("Say why they should meet.")}, code="required")
    made_on = made_on or timezone.localdate()
    introduction = Introduction(
        owner=user,
        a=a,
        b=b,
        reason=reason.strip(),
        channel=channel,
        made_on=made_on,
        follow_up_on=follow_up_on if follow_up_on is not None else made_on + FOLLOW_UP_AFTER,
        status=status,
    )
    introduction.full_clean(exclude=["owner"])
    introduction.save()
    IntroductionEvent.objects.create(
        owner=user, introduction=introduction, status=status, outcome=introduction.outcome
    )
    return introduction


# Which status may follow which: the story moves forward, a declined one can be revived. Keyed by
# the stored value, which is a plain str on a loaded row.
NEXT_STATUSES: dict[str, list[Introduction.Status]] = {
    Introduction.Status.PROPOSED: [Introduction.Status.MADE, Introduction.Status.DECLINED],
    Introduction.Status.MADE: [Introduction.Status.MET, Introduction.Status.DECLINED],
    Introduction.Status.MET: [],
    Introduction.Status.DECLINED: [Introduction.Status.MADE],
}


@transaction.atomic
def record_step(
    introduction: Introduction,
    *,
    status: str | None = None,
    outcome: str | None = None,
    note: str = "",
) -> Introduction:
    """Move an introduction on (made → met, or declined) or record how it turned out, with history."""
    if status is None and outcome is None and not note.strip():
        raise ValidationError(
            _("Nothing to record: choose a step or an outcome, or write a note."), code="empty"
        )
    intro = Introduction.objects.select_for_update().get(pk=introduction.pk)
    if status is not None and status != intro.status:
        if status not in NEXT_STATUSES[intro.status]:
            raise ValidationError(
                _("An introduction that is “%(current)s” cannot become “%(next)s”.")
                % {
                    "current": intro.get_status_display(),
                    "next": Introduction.Status(status).label,
                },
                code="bad_step",
            )
        intro.status = status
    if outcome is not None:
        if intro.status != Introduction.Status.MET and outcome != Introduction.Outcome.PENDING:
            raise ValidationError(
                _("An outcome can only be recorded once they have met."), code="too_early"
            )
        intro.outcome = outcome
    if note.strip():
        intro.outcome_note = note.strip()
    intro.full_clean(exclude=["owner"])
    intro.save()
    IntroductionEvent.objects.create(
        owner=intro.owner,
        introduction=intro,
        status=intro.status,
        outcome=intro.outcome,
        note=note.strip(),
    )
    return intro


def introduction_text(introduction: Introduction) -> tuple[str, str]:
    """A ready subject and text, in the active language, introducing the two to each other."""
    a, b = introduction.a, introduction.b
    subject = _("Introduction: %(a)s and %(b)s") % {"a": a.name, "b": b.name}
    reach = []
    for person in (a, b):
        ways = ", ".join(filter(None, [person.email, person.phone]))
        if ways:
            reach.append(_("%(name)s: %(ways)s") % {"name": person.name, "ways": ways})
    lines = [
        _("Dear %(a)s, dear %(b)s,") % {"a": a.name, "b": b.name},
        "",
        _("I would like to introduce you to each other."),
        "",
        introduction.reason,
        "",
    ]
    if reach:
        lines += [_("How to reach each other:"), *reach, ""]
    lines += [_("I am sure you will have a good conversation."), ""]
    owner = introduction.owner
    signature = owner.get_full_name() or owner.first_name or owner.get_username()
    lines += [_("Best wishes,"), signature]
    return subject, "\n".join(lines)
