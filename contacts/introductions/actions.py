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
from contacts.models import FOLLOW_UP_AFTER, Contact, Introduction, IntroductionEvent


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
    ask_first: bool = False,
    about_a: str = "",
    about_b: str = "",
) -> Introduction:
    """Introduce two of the user's contacts; the reason is what the user vouches for.

    With `ask_first` the introduction starts as proposed and waits for each side's yes.
    """
    if a.owner_id != user.pk or b.owner_id != user.pk:
        raise ValidationError(_("Choose two of your own contacts."), code="other_owner")
    if a.pk == b.pk:
        raise ValidationError(_("A contact cannot be introduced to themselves."), code="self")
    if not reason.strip():
        raise ValidationError({"reason": _("Say why they should meet.")}, code="required")
    made_on = made_on or timezone.localdate()
    if ask_first:
        status = Introduction.Status.PROPOSED
    introduction = Introduction(
        owner=user,
        a=a,
        b=b,
        reason=reason.strip(),
        channel=channel,
        made_on=made_on,
        follow_up_on=follow_up_on if follow_up_on is not None else made_on + FOLLOW_UP_AFTER,
        status=status,
        ask_first=ask_first,
        about_a=about_a.strip(),
        about_b=about_b.strip(),
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
        if status == Introduction.Status.MADE and intro.waiting_for_answers:
            raise ValidationError(
                _("You asked each of them first: record both yeses before making it."),
                code="not_both_yes",
            )
        if status == Introduction.Status.MADE:
            # The clock for following up starts when the introduction is really made.
            today = timezone.localdate()
            intro.made_on = max(intro.made_on, today)
            intro.follow_up_on = intro.made_on + FOLLOW_UP_AFTER
        intro.status = status
    if outcome is not None:
        if intro.status != Introduction.Status.MET and outcome != Introduction.Outcome.PENDING:
            raise ValidationError(
                _("An outcome can only be recorded once they have met."), code="too_early"
            )
        intro.outcome = outcome
    if intro.finished:
        # Declined, or an outcome recorded: there is nothing left to follow up.
        intro.follow_up_on = None
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


@transaction.atomic
def record_answer(introduction: Introduction, *, side: str, answer: str) -> Introduction:
    """Record one side's answer to "would you like to meet …?"; a no declines the introduction."""
    if side not in ("a", "b"):
        raise ValueError(f"side is 'a' or 'b', not {side!r}")
    if answer not in (Introduction.Answer.YES, Introduction.Answer.NO):
        raise ValidationError(_("Choose yes or no."), code="bad_answer")
    intro = (
        Introduction.objects.select_for_update().select_related("a", "b").get(pk=introduction.pk)
    )
    if not intro.ask_first or intro.status != Introduction.Status.PROPOSED:
        raise ValidationError(
            _("Only a proposed introduction that asks each first takes answers."),
            code="not_asking",
        )
    setattr(intro, f"{side}_answer", answer)
    person = intro.a if side == "a" else intro.b
    if answer == Introduction.Answer.NO:
        intro.status = Introduction.Status.DECLINED
        intro.follow_up_on = None
        note = _("%(name)s said no.") % {"name": person.name}
    else:
        note = _("%(name)s said yes.") % {"name": person.name}
    intro.full_clean(exclude=["owner"])
    intro.save()
    IntroductionEvent.objects.create(
        owner=intro.owner, introduction=intro, status=intro.status, outcome=intro.outcome, note=note
    )
    return intro


def postpone_follow_up(introduction: Introduction, *, until: datetime.date) -> Introduction:
    """Move the follow-up date of an unfinished introduction (to a day from today on)."""
    if introduction.finished:
        raise ValidationError(
            _("This introduction has nothing left to follow up."), code="finished"
        )
    if until < timezone.localdate():
        raise ValidationError(_("Choose a day from today on."), code="past")
    introduction.follow_up_on = until
    introduction.save(update_fields=["follow_up_on"])
    return introduction
