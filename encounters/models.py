"""Encounters: who, when, how, whether planned, and what the owner took away from it."""

import datetime
from collections.abc import Collection, Iterable, Sequence
from typing import Any, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import BaseConstraint, Case, OuterRef, Q, Subquery, Value, When
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.account import User
from contacts.models import Contact, OwnedModel, OwnedQuerySet


class Kind(models.TextChoices):
    COFFEE = "coffee", _("coffee")
    MEAL = "meal", _("meal")
    TRAVEL = "travel", _("travel")
    EVENT = "event", _("event")
    OFFICE_VISIT = "office_visit", _("office visit")
    SHOP_FLOOR = "shop_floor", _("shop floor")
    CELEBRATION = "celebration", _("celebration")
    VIDEO_CALL = "video_call", _("video call")
    PHONE_CALL = "phone_call", _("phone call")
    MESSAGE = "message", _("message")
    OTHER = "other", _("other")


# The kinds' labels, translated at use. Django's get_FOO_display hashes every choice's label
# to look one up, which translates all eleven (117 µs a call, twice per encounter on a list).
KIND_LABELS = dict(Kind.choices)


def kind_label(kind: str) -> str:
    """The kind's label in the active language ("" stays "")."""
    label = KIND_LABELS.get(kind)
    return kind if label is None else str(label)


# Face to face is the point of the product; "other" is not assumed to be in person.
IN_PERSON_KINDS = frozenset(
    {
        Kind.COFFEE,
        Kind.MEAL,
        Kind.TRAVEL,
        Kind.EVENT,
        Kind.OFFICE_VISIT,
        Kind.SHOP_FLOOR,
        Kind.CELEBRATION,
    }
)


class Views(models.TextChoices):
    AGREED = "agreed", _("we agreed")
    MIXED = "mixed", _("mixed")
    DIFFERED = "differed", _("our views differed")


# What every participant row copies from its encounter (see EncounterParticipant).
COPIED_FIELDS = frozenset({"owner", "owner_id", "occurred_on", "kind"})


class EncounterQuerySet(OwnedQuerySet["Encounter"]):
    def update(self, **kwargs: Any) -> int:
        """As QuerySet.update; a new owner, date or kind reaches the participant rows too."""
        if not COPIED_FIELDS & kwargs.keys():
            return super().update(**kwargs)
        with transaction.atomic(using=self.db):
            ids = list(self.values_list("pk", flat=True))
            count = super().update(**kwargs)
            copy_to_participants(ids)
        return count

    def bulk_update(
        self, objs: Iterable["Encounter"], fields: Iterable[str], batch_size: int | None = None
    ) -> int:
        objs, fields = list(objs), list(fields)
        with transaction.atomic(using=self.db):
            count = super().bulk_update(objs, fields, batch_size=batch_size)
            if COPIED_FIELDS & set(fields):
                copy_to_participants([encounter.pk for encounter in objs])
        return count

    def in_person(self) -> Self:
        return self.filter(kind__in=IN_PERSON_KINDS)

    def remote(self) -> Self:
        return self.exclude(kind__in=IN_PERSON_KINDS)

    def between(self, start: datetime.date, end: datetime.date) -> Self:
        """Encounters on start..end, both included."""
        return self.filter(occurred_on__gte=start, occurred_on__lte=end)


class Encounter(OwnedModel):
    occurred_on = models.DateField(_("date"), default=datetime.date.today)
    # A wall-clock time in the owner's time zone, when they care to note one.
    time = models.TimeField(_("time"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    planned = models.BooleanField(_("planned"), default=True)
    location = models.CharField(_("where"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    learned = models.TextField(_("what I learned"), blank=True)
    views = models.CharField(_("our views"), max_length=16, choices=Views, blank=True)
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    # Stored and computed by the database from the kind, so that other apps (the network analysis
    # in contacts/) can weigh face-to-face encounters through the relation without importing this one.
    in_person = models.GeneratedField(
        expression=Case(
            When(kind__in=sorted(k.value for k in IN_PERSON_KINDS), then=Value(True)),
            default=Value(False),
        ),
        output_field=models.BooleanField(),
        db_persist=True,
        verbose_name=_("in person"),
    )
    participants = models.ManyToManyField(
        Contact, through="EncounterParticipant", related_name="encounters", verbose_name=_("who")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Made when the quick log is shown and posted with it: a double submit, a retried request or a
    # replay of the same form finds the encounter it already stored instead of storing another.
    client_key = models.UUIDField(null=True, blank=True, editable=False)

    objects = EncounterQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_on", "-time", "-id"]
        verbose_name = _("encounter")
        verbose_name_plural = _("encounters")
        indexes = [
            # Covering for the counts per period (the dashboard, the digest): no table reads.
            models.Index(
                fields=["owner", "occurred_on"],
                include=["kind", "planned"],
                name="encounter_owner_date_kind",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in Kind]), name="encounter_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(views__in=["", *[v.value for v in Views]]), name="encounter_views_valid"
            ),
            # The database, not a check in Python, decides which of two simultaneous posts wins.
            models.UniqueConstraint(
                fields=["owner", "client_key"],
                condition=Q(client_key__isnull=False),
                name="encounter_client_key_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.occurred_on:%Y-%m-%d}"

    def get_kind_display(self) -> str:  # type: ignore[no-redef]  # faster than Django's
        return kind_label(self.kind)

    def get_constraints(self) -> list[tuple[type[models.Model], Sequence[BaseConstraint]]]:
        """The constraints full_clean() checks: not the check constraints, which restate the
        fields' choices that clean_fields() has already checked. Django would check each again
        with a query in a savepoint, and the quick log's form and log_encounter each clean."""
        return [
            (model, [c for c in constraints if not isinstance(c, models.CheckConstraint)])
            for model, constraints in super().get_constraints()
        ]

    # (owner_id, occurred_on, in_person) as last read from or written to the database: save()
    # rewrites the participant rows' copies only when one of them changed. None: not known.
    _copied: tuple[int, datetime.date, bool] | None = None

    @classmethod
    def from_db(
        cls, db: str | None, field_names: Collection[str], values: Collection[Any], **kwargs: Any
    ) -> "Encounter":
        instance = super().from_db(db, field_names, values, **kwargs)
        if {"owner_id", "occurred_on", "kind"} <= set(field_names):
            instance._copied = instance.participant_copy()
        return instance

    def refresh_from_db(self, *args: Any, **kwargs: Any) -> None:
        super().refresh_from_db(*args, **kwargs)
        self._copied = None

    def participant_copy(self) -> tuple[int, datetime.date, bool]:
        """What the participant rows copy from this encounter: owner, date, in person."""
        return (self.owner_id, self.occurred_on, self.kind in IN_PERSON_KINDS)

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Without an id the save inserts, and a new encounter has no participant rows to update.
        if self.pk is None:
            super().save(*args, **kwargs)
            self._copied = self.participant_copy()
            return
        with transaction.atomic(using=kwargs.get("using")):
            super().save(*args, **kwargs)
            copied = self.participant_copy()
            if copied != self._copied:
                owner_id, occurred_on, in_person = copied
                EncounterParticipant.objects.filter(encounter_id=self.pk).update(
                    owner_id=owner_id, occurred_on=occurred_on, in_person=in_person
                )
        self._copied = copied


class ParticipantQuerySet(models.QuerySet["EncounterParticipant"]):
    """Who took part in which encounter: the rows every per-contact aggregate is computed from.

    The filters read the copies of the encounter's owner, date and channel on the rows themselves,
    so that one user's rows come from the covering index without a join.
    """

    def for_user(self, user: User) -> Self:
        return self.filter(owner=user)

    def in_person(self) -> Self:
        return self.filter(in_person=True)

    def since(self, start: datetime.date) -> Self:
        """Participations in encounters on or after `start`."""
        return self.filter(occurred_on__gte=start)

    def bulk_create(  # type: ignore[override]  # the stubs' signature, keywords passed on
        self, objs: Iterable["EncounterParticipant"], *args: Any, **kwargs: Any
    ) -> list["EncounterParticipant"]:
        """As QuerySet.bulk_create, with the copies filled in from the encounters; used by
        `encounter.participants.add()` and `.set()` as well."""
        rows = list(objs)
        fill_copies(rows)
        created: list[EncounterParticipant] = super().bulk_create(rows, *args, **kwargs)  # type: ignore[arg-type,assignment]
        return created


class EncounterParticipant(models.Model):
    encounter = models.ForeignKey(Encounter, on_delete=models.CASCADE, related_name="+")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="+")
    # The quick log created this contact for this very encounter: only such a contact may go
    # with the encounter when it is taken back, whatever a request claims.
    created_here = models.BooleanField(default=False)
    # Copies of the encounter's owner, date and in_person: gone quiet, the digest and the network
    # read one user's rows from the index participant_owner_contact instead of joining a million
    # rows of everyone's encounters. Kept right by the model layer alone: save() and bulk_create()
    # here (which `participants.add()` and link_participants use), Encounter.save() and
    # EncounterQuerySet.update() / bulk_update() when an encounter's owner, date or kind changes.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    occurred_on = models.DateField(_("date"))
    in_person = models.BooleanField(_("in person"))

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        indexes = [
            models.Index(fields=["contact", "encounter"], name="participant_contact"),
            # Covering for the per-contact aggregates of one user: quiet, new people, the network.
            models.Index(
                fields=["owner", "contact", "occurred_on", "in_person"],
                name="participant_owner_contact",
            ),
            # Covering for the network's shared encounters (encounters.participations): one user's
            # rows arrive grouped by encounter from an index-only scan, so PostgreSQL aggregates
            # them in order instead of hashing 50,000 groups, which spills to disk at the default
            # work_mem (about 110 ms → 45 ms for 80,000 rows, docs/benchmarks.md, issue 15).
            models.Index(
                fields=["owner", "encounter", "contact", "in_person"],
                name="participant_owner_encounter",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["encounter", "contact"], name="participant_once")
        ]

    def __str__(self) -> str:
        return f"{self.contact_id} @ {self.encounter_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.encounter.owner_id != self.contact.owner_id:
            raise ValidationError(_("This contact belongs to another account."), code="other_owner")
        self.owner_id, self.occurred_on, self.in_person = self.encounter.participant_copy()
        super().save(*args, **kwargs)


def fill_copies(rows: Sequence[EncounterParticipant]) -> None:
    """Fill each row's copies from its encounter: the cached one, else one query for the rest."""
    missing: set[int] = set()
    for row in rows:
        if EncounterParticipant.encounter.is_cached(row):
            row.owner_id, row.occurred_on, row.in_person = row.encounter.participant_copy()
        else:
            missing.add(row.encounter_id)
    if not missing:
        return
    found = {
        pk: (owner_id, occurred_on, kind in IN_PERSON_KINDS)
        for pk, owner_id, occurred_on, kind in Encounter.objects.filter(pk__in=missing).values_list(
            "pk", "owner_id", "occurred_on", "kind"
        )
    }
    for row in rows:
        if row.encounter_id in found:
            row.owner_id, row.occurred_on, row.in_person = found[row.encounter_id]


def copy_to_participants(encounter_ids: Iterable[int]) -> None:
    """Copy the encounters' owner, date and in_person onto their participant rows again."""
    encounter = Encounter.objects.filter(pk=OuterRef("encounter_id"))
    EncounterParticipant.objects.filter(encounter_id__in=list(encounter_ids)).update(
        owner_id=Subquery(encounter.values("owner_id")),
        occurred_on=Subquery(encounter.values("occurred_on")),
        in_person=Subquery(encounter.values("in_person")),
    )


class ContactSummary(models.Model):
    """Per contact, what gone quiet needs of its participations: the distinct days, the last day in
    person and remote, the median gap, and the decayed weight sums the tie strength is read from.

    PostgreSQL keeps it: triggers on the participant rows recompute the summary of every contact a
    statement touched (encounters/summaries.py), whatever wrote them (the quick log, an edit, a
    delete, a merge, an import, raw SQL). A contact without participations has no row. On SQLite
    the table stays empty and gone quiet reads the participant rows themselves.
    """

    contact = models.OneToOneField(
        Contact,
        primary_key=True,
        on_delete=models.DO_NOTHING,  # the triggers delete the row with the last participation
        db_constraint=False,
        related_name="quiet_summary",
    )
    # The contact's owner, so that one user's summaries are read from their index.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    day_count = models.PositiveIntegerField()
    last_day = models.DateField()
    last_in_person = models.DateField(null=True)
    last_remote = models.DateField(null=True)
    median_gap = models.FloatField(null=True)
    # Sums over the participations of 2 ** ((day - STRENGTH_EPOCH) / HALF_LIFE_DAYS), in person and
    # remote: times 2 ** (-(as_of - STRENGTH_EPOCH) / HALF_LIFE_DAYS) and the channel weights they
    # are the raw tie strength on any day from last_day on (encounters/strength.py).
    in_person_decayed = models.FloatField()
    remote_decayed = models.FloatField()

    class Meta:
        verbose_name = _("contact summary")
        verbose_name_plural = _("contact summaries")

    def __str__(self) -> str:
        return f"{self.contact_id}: {self.day_count} days, last {self.last_day:%Y-%m-%d}"


@receiver(m2m_changed, sender=EncounterParticipant)
def refuse_participants_of_another_owner(
    sender: type[models.Model],
    instance: Encounter | Contact,
    action: str,
    pk_set: set[int] | None,
    reverse: bool,
    **kwargs: Any,
) -> None:
    """`encounter.participants.add(...)` bypasses save(); check ownership here as well."""
    if action != "pre_add" or not pk_set:
        return
    if reverse:  # contact.encounters.add(encounter, ...)
        foreign = (
            Encounter.objects.filter(pk__in=pk_set).exclude(owner_id=instance.owner_id).exists()
        )
    else:
        foreign = Contact.objects.filter(pk__in=pk_set).exclude(owner_id=instance.owner_id).exists()
    if foreign:
        raise ValidationError(_("This contact belongs to another account."), code="other_owner")


class SnoozeQuerySet(OwnedQuerySet["Snooze"]):
    def in_force(self, as_of: datetime.date) -> Self:
        """Snoozes that still keep their contact out of "gone quiet" on `as_of`."""
        return self.filter(until__gt=as_of)


class Snooze(OwnedModel):
    """ "Not now": a contact kept out of "gone quiet" (the page, the digest, the feed) until a day."""

    contact = models.OneToOneField(Contact, on_delete=models.CASCADE, related_name="+")
    # The contact is back on this day.
    until = models.DateField(_("until"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    owned_references = ("contact",)

    objects = SnoozeQuerySet.as_manager()

    class Meta:
        verbose_name = _("snooze")
        verbose_name_plural = _("snoozes")
        indexes = [models.Index(fields=["owner", "until"], name="snooze_owner_until")]

    def __str__(self) -> str:
        return f"{self.contact_id} until {self.until:%Y-%m-%d}"


class PlanQuerySet(OwnedQuerySet["Plan"]):
    def open(self) -> Self:
        """Not dismissed and not marked done (whether an encounter fulfilled it is worked out in
        encounters.plans)."""
        return self.filter(done_at__isnull=True)

    def ahead(self, as_of: datetime.date) -> Self:
        """Open plans on `as_of` or later: they keep their contact out of "gone quiet"."""
        return self.open().filter(on__gte=as_of)


class Plan(OwnedModel):
    """The next time the owner means to see someone: a planned encounter, or a reminder, on a day."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="+")
    on = models.DateField(_("on"))
    # One of the encounter kinds for a planned encounter; empty for a reminder to get in touch.
    kind = models.CharField(_("kind"), max_length=16, choices=Kind, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    owned_references = ("contact",)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        indexes = [models.Index(fields=["owner", "done_at", "on"], name="plan_owner_open_on")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["", *[k.value for k in Kind]]), name="plan_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display() or _('reminder')} · {self.contact_id} · {self.on:%Y-%m-%d}"
        )

    def get_kind_display(self) -> str:  # type: ignore[no-redef]  # faster than Django's
        return kind_label(self.kind)

    @property
    def is_reminder(self) -> bool:
        return not self.kind


class DigestDelivery(models.Model):
    """One person's weekly digest for one ISO week: the row that makes "at most once a week" hold."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    owner = models.ForeignKey(
        "crm.User", on_delete=models.CASCADE, related_name="digest_deliveries"
    )
    iso_year = models.PositiveSmallIntegerField(_("year"))
    iso_week = models.PositiveSmallIntegerField(_("week"))
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.PENDING)
    # The Celery task id that claimed the delivery: only that task (or its retries) may send it.
    claimed_by = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # When a published task should have reached a worker (now, or a retry's time); stamped only
    # once the broker took the message, so a row the broker never got is published again.
    enqueued_at = models.DateTimeField(_("enqueued"), null=True, blank=True)
    # While sending: the worker holds the row until then. A worker killed mid-send lets it go
    # when the lease runs out, and the sweeper hands the row to another.
    lease_until = models.DateTimeField(_("held until"), null=True, blank=True)
    # After a failed try: not to be tried again before then (the backoff, on every path).
    retry_at = models.DateTimeField(_("next try"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    error = models.TextField(_("last error"), blank=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-iso_year", "-iso_week", "owner_id"]
        verbose_name = _("digest delivery")
        verbose_name_plural = _("digest deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "iso_year", "iso_week"], name="digest_once_a_week"
            ),
        ]
        indexes = [models.Index(fields=["status", "enqueued_at"], name="digest_status")]

    def __str__(self) -> str:
        return f"{self.owner} · {self.iso_year}-W{self.iso_week:02d} · {self.status}"

    @property
    def week_label(self) -> str:
        return f"{self.iso_year}-W{self.iso_week:02d}"
