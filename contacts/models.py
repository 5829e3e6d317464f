"""People and the network between them: contacts, diversity dimensions, ties, dates, introductions."""

import datetime
from collections.abc import Iterable
from typing import Any, Self, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from .account import User
from .dates import Birthday, next_yearly

# The axes a new account starts with; the person may rename, add or delete them.
# The words that make a dimension "country-like", so the contact's country is offered for it.
COUNTRY_WORDS = ("country", "land", "nation", "herkunft")
DEFAULT_DIMENSIONS = [
    _("Industry"),
    _("Country/Culture"),
    _("Generation"),
    _("Hierarchy level"),
    _("Field"),
]


# Any model with an `owner` foreign key to the account (DigestDelivery has one without OwnedModel).
_Owned = TypeVar("_Owned", bound=models.Model)


# Sent after a delete or a bulk write to owned rows (bulk_create, bulk_update, QuerySet.update),
# which send no post_save, with the ids of the accounts whose rows changed: their cached pages go stale
# (crm/page_cache.py listens). save() and delete() are seen through Django's own signals.
owned_rows_changed = Signal()

# Sent inside a transaction by a writer that settles the account's bookkeeping in the same commit
# (the quick log, encounters/recording.py), with `owner_id` and `stage`: "beginning" before its
# transaction; "locking" first in it, to take the account's row as lock_account does and move its
# data version on in one statement; "ending" after the last write, to move it on if the row is
# free (else it moves after the request); "ended" when "locking" did it already; "rolled back"
# when the transaction failed after all, so that the request moves it on afterwards. "ending" and
# "ended" name the `contacts` whose pages the write changed (the encounter's participants): only
# theirs are new among the contact pages. crm/page_cache.py answers True when the version moved.
account_writes_in_transaction = Signal()


class OwnedQuerySet(models.QuerySet[_Owned]):
    def for_user(self, user: User) -> Self:
        return self.filter(owner=user)

    def _tell_owners(self, owner_ids: Iterable[int | None]) -> None:
        # DigestDelivery shares this queryset but no page shows it: its bookkeeping stays one query.
        if issubclass(self.model, OwnedModel):
            owned_rows_changed.send(
                sender=self.model, owner_ids={pk for pk in owner_ids if pk is not None}
            )

    def bulk_create(self, objs: Iterable[_Owned], *args: Any, **kwargs: Any) -> list[_Owned]:
        created = super().bulk_create(objs, *args, **kwargs)
        self._tell_owners(getattr(row, "owner_id", None) for row in created)
        return created

    def bulk_update(self, objs: Iterable[_Owned], *args: Any, **kwargs: Any) -> int:
        objs = list(objs)
        count = super().bulk_update(objs, *args, **kwargs)
        self._tell_owners(getattr(row, "owner_id", None) for row in objs)
        return count

    def delete(self) -> tuple[int, dict[str, int]]:
        if not issubclass(self.model, OwnedModel):
            return super().delete()
        owners = set(self.order_by().values_list("owner_id", flat=True).distinct())
        deleted = super().delete()
        self._tell_owners(owners)
        return deleted

    def update(self, **kwargs: Any) -> int:
        if not issubclass(self.model, OwnedModel):
            return super().update(**kwargs)
        # Whose rows these are, read before the update changes them (an owner may be updated too).
        owners = set(self.order_by().values_list("owner_id", flat=True).distinct())
        count = super().update(**kwargs)
        if count:
            new_owner = kwargs.get("owner_id", getattr(kwargs.get("owner"), "pk", None))
            self._tell_owners(owners | {new_owner})
        return count


class OwnedModel(models.Model):
    """A row that belongs to one person; references to other owned rows must share that owner."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    # Names of foreign keys to other owned models; save() refuses one that belongs to someone else.
    owned_references: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.check_owner_consistency()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        deleted = super().delete(*args, **kwargs)
        owned_rows_changed.send(sender=type(self), owner_ids={self.owner_id})
        return deleted

    def check_owner_consistency(self) -> None:
        for field_name in self.owned_references:
            other = getattr(self, field_name)
            if other is not None and other.owner_id != self.owner_id:
                raise ValidationError(
                    {field_name: _("This belongs to another account.")}, code="other_owner"
                )


def tidy_value(value: str) -> str:
    """A dimension value as stored: no spaces around it, one space between its words."""
    return " ".join(value.split())


class Dimension(OwnedModel):
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="dimension_unique_name"),
            models.CheckConstraint(condition=~Q(name=""), name="dimension_name_not_blank"),
        ]

    def __str__(self) -> str:
        return self.name

    def spelling_of(self, value: str) -> str:
        """The value as this dimension already stores it, whatever its case and spacing.

        "banking " and "Banking" are one value: a second spelling would split a circle in two.
        Empty when the value is blank.
        """
        value = tidy_value(value)[:120]
        if not value:
            return ""
        known = (
            ContactAttribute.objects.filter(dimension=self, value__iexact=value)
            .values_list("value", flat=True)
            .first()
        )
        return known or value

    def is_country_like(self) -> bool:
        """Whether a contact's country answers this dimension ("Country/Culture", "Land/Kultur")."""
        name = self.name.casefold()
        return any(word in name for word in COUNTRY_WORDS)

    def known_values(self) -> list[str]:
        """The values this dimension has, for suggestions; one per spelling, sorted."""
        return sorted(set(self.attributes.values_list("value", flat=True)), key=str.casefold)

    @classmethod
    def create_defaults(cls, user: User) -> None:
        with override(getattr(user, "language", None) or settings.LANGUAGE_CODE):
            cls.objects.bulk_create(
                [
                    cls(owner=user, name=str(name), position=i)
                    for i, name in enumerate(DEFAULT_DIMENSIONS)
                ],
                ignore_conflicts=True,
            )

    @classmethod
    def follow_language(cls, user: User, *, old: str, new: str) -> None:
        """After a language switch, the default dimensions still named as they were made read in
        the new language; a name the person chose (anything else) stays exactly as they wrote it."""
        if old == new:
            return
        with override(old):
            before = [str(name) for name in DEFAULT_DIMENSIONS]
        with override(new):
            after = [str(name) for name in DEFAULT_DIMENSIONS]
        taken = set(cls.objects.for_user(user).values_list("name", flat=True))
        for was, becomes in zip(before, after, strict=True):
            if was != becomes and becomes not in taken:
                cls.objects.for_user(user).filter(name=was).update(name=becomes)


class ContactQuerySet(OwnedQuerySet["Contact"]):
    def active(self) -> Self:
        return self.filter(archived=False)

    def archived(self) -> Self:
        return self.filter(archived=True)

    def matching(self, text: str) -> Self:
        """Contacts whose name, organisation, email, city or role contains `text`, in any case."""
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(name__icontains=text)
            | Q(organisation__icontains=text)
            | Q(email__icontains=text)
            | Q(city__icontains=text)
            | Q(role__icontains=text)
        )

    def with_values(self, pairs: Iterable[tuple[int, str]]) -> Self:
        """Contacts that have every one of the (dimension id, value) pairs."""
        contacts = self
        for dimension_id, value in pairs:
            contacts = contacts.filter(
                pk__in=ContactAttribute.objects.filter(
                    dimension_id=dimension_id, value=value
                ).values("contact_id")
            )
        return contacts


class Contact(OwnedModel):
    name = models.CharField(_("name"), max_length=200)
    email = models.CharField(_("email"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=120, blank=True)
    birthday_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    birthday_month = models.PositiveSmallIntegerField(_("birth month"), null=True, blank=True)
    birthday_day = models.PositiveSmallIntegerField(_("birth day"), null=True, blank=True)
    how_we_met = models.TextField(_("how we met"), blank=True)
    met_through = models.ForeignKey(
        "self",
        verbose_name=_("met through"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="introduced_contacts",
    )
    cadence_days = models.PositiveIntegerField(
        _("keep in touch every (days)"), null=True, blank=True
    )
    trust = models.PositiveSmallIntegerField(_("trust (1–5)"), null=True, blank=True)
    archived = models.BooleanField(_("archived"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    owned_references = ("met_through",)

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        indexes = [models.Index(fields=["owner", "archived", "name"], name="contact_owner_name")]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="contact_name_not_blank"),
            models.CheckConstraint(
                condition=Q(trust__isnull=True) | Q(trust__gte=1, trust__lte=5),
                name="contact_trust_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(cadence_days__isnull=True) | Q(cadence_days__gte=1),
                name="contact_cadence_positive",
            ),
            models.CheckConstraint(
                condition=Q(
                    birthday_month__isnull=True,
                    birthday_day__isnull=True,
                    birthday_year__isnull=True,
                )
                | Q(
                    birthday_month__gte=1,
                    birthday_month__lte=12,
                    birthday_day__gte=1,
                    birthday_day__lte=31,
                ),
                name="contact_birthday_month_day",
            ),
            models.CheckConstraint(
                condition=~Q(met_through=F("pk")), name="contact_not_met_through_self"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def birthday(self) -> Birthday | None:
        if self.birthday_month is None or self.birthday_day is None:
            return None
        return Birthday(month=self.birthday_month, day=self.birthday_day, year=self.birthday_year)

    @birthday.setter
    def birthday(self, value: Birthday | None) -> None:
        self.birthday_month = value.month if value else None
        self.birthday_day = value.day if value else None
        self.birthday_year = value.year if value else None

    def clean(self) -> None:
        super().clean()
        if self.birthday_month is not None or self.birthday_day is not None:
            try:
                Birthday(
                    month=self.birthday_month or 0,
                    day=self.birthday_day or 0,
                    year=self.birthday_year,
                )
            except (ValueError, TypeError) as error:
                raise ValidationError({"birthday_day": _("This is not a date.")}) from error
        if self.met_through_id is not None and self.met_through_id == self.pk:
            raise ValidationError({"met_through": _("A contact cannot be met through themselves.")})


class ContactAttribute(OwnedModel):
    """The value one contact has on one diversity dimension ("Industry: Energy")."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="attributes")
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="attributes")
    value = models.CharField(_("value"), max_length=120)

    owned_references = ("contact", "dimension")

    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("attribute")
        verbose_name_plural = _("attributes")
        indexes = [
            models.Index(fields=["dimension", "value"], name="attribute_dimension_value"),
            # The contact list's filters: one owner's distinct values in order, from the index
            # alone (22,000 rows sorted in 23 ms without it, read in order in 2 ms with it).
            models.Index(fields=["owner", "value", "dimension"], name="attribute_owner_value"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["contact", "dimension"], name="attribute_one_per_dimension"
            ),
            models.CheckConstraint(condition=~Q(value=""), name="attribute_value_not_blank"),
        ]

    def __str__(self) -> str:
        return f"{self.dimension}: {self.value}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # One spelling per value (contacts/values.py): the bulk writers merge theirs afterwards.
        self.value = self.dimension.spelling_of(self.value) or tidy_value(self.value)
        super().save(*args, **kwargs)


class TieQuerySet(OwnedQuerySet["Tie"]):
    def involving(self, contact: "Contact") -> Self:
        """The ties of `contact`, whichever end it is stored at."""
        return self.filter(Q(a=contact) | Q(b=contact))


class Tie(OwnedModel):
    """An undirected relation between two contacts, stored once with the lower id first."""

    class Kind(models.TextChoices):
        KNOWS = "knows", _("knows")
        COLLEAGUE = "colleague", _("colleague")
        FRIEND = "friend", _("friend")
        FAMILY = "family", _("family")

    a = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="+")
    b = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind, default=Kind.KNOWS)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    owned_references = ("a", "b")

    objects = TieQuerySet.as_manager()

    class Meta:
        verbose_name = _("tie")
        verbose_name_plural = _("ties")
        indexes = [models.Index(fields=["b"], name="tie_b")]
        constraints = [
            models.CheckConstraint(condition=Q(a__lt=F("b")), name="tie_two_contacts_ordered"),
            models.UniqueConstraint(fields=["a", "b"], name="tie_each_pair_once"),
            models.CheckConstraint(
                condition=Q(kind__in=["knows", "colleague", "friend", "family"]),
                name="tie_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.a} – {self.b} ({self.get_kind_display()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.a_id == self.b_id:
            raise ValidationError(_("A tie joins two different contacts."), code="self_tie")
        if self.a_id > self.b_id:
            self.a, self.b = self.b, self.a
        super().save(*args, **kwargs)

    def other(self, contact: Contact) -> Contact:
        return self.b if contact.pk == self.a_id else self.a


class ImportantDate(OwnedModel):
    """A date that comes back every year: an anniversary, a company's founding, a name day."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="important_dates")
    label = models.CharField(_("label"), max_length=120)
    date = models.DateField(_("date"))

    owned_references = ("contact",)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["date__month", "date__day", "id"]
        verbose_name = _("important date")
        verbose_name_plural = _("important dates")
        constraints = [models.CheckConstraint(condition=~Q(label=""), name="important_date_label")]

    def __str__(self) -> str:
        return f"{self.label} ({self.date:%d.%m.})"

    def next_occurrence(self, after: datetime.date) -> datetime.date:
        return next_yearly(self.date.month, self.date.day, after)


# How long an introduction may wait before it is followed up: the default follow-up date after it
# is made, and the age at which a "made" introduction with no meeting recorded counts as due even
# when its follow-up date lies further ahead. Three weeks gives two busy people time to find a
# date, and is short enough that the introducer still remembers why they did it.
FOLLOW_UP_AFTER = datetime.timedelta(weeks=3)


class IntroductionQuerySet(OwnedQuerySet["Introduction"]):
    # An introduction's story is still open: not declined, and no outcome yet once they met.
    UNFINISHED = ~Q(status="declined") & ~(Q(status="met") & ~Q(outcome="pending"))

    def involving(self, contact: "Contact") -> Self:
        """The introductions `contact` took part in, on either side."""
        return self.filter(Q(a=contact) | Q(b=contact))

    def unfinished(self) -> Self:
        return self.filter(self.UNFINISHED)

    @classmethod
    def due_condition(cls, as_of: datetime.date) -> Q:
        """The one rule for "due", used by the page, the dashboard, the digest, the feed and the API.

        Unfinished, and: past its follow-up date; or "made" FOLLOW_UP_AFTER ago or longer with no
        meeting recorded; or "proposed" with no follow-up date at all.
        """
        return cls.UNFINISHED & (
            Q(follow_up_on__lte=as_of)
            | Q(status="made", made_on__lte=as_of - FOLLOW_UP_AFTER)
            | Q(status="proposed", follow_up_on__isnull=True)
        )

    def due(self, as_of: datetime.date) -> Self:
        """Introductions to follow up on `as_of` (see due_condition)."""
        return self.filter(self.due_condition(as_of))


class Introduction(OwnedModel):
    """Two of the owner's contacts introduced to each other, with the reason the owner vouched for."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        MADE = "made", _("made")
        MET = "met", _("met")
        DECLINED = "declined", _("declined")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("pending")
        FRUITFUL = "fruitful", _("fruitful")
        NEUTRAL = "neutral", _("neutral")
        DID_NOT_FIT = "did_not_fit", _("did not fit")

    class Channel(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        EMAIL = "email", _("email")
        MESSAGE = "message", _("message")

    class Answer(models.TextChoices):
        """One side's answer when the introducer asks each first (double opt-in)."""

        NOT_YET = "", _("not answered yet")
        YES = "yes", _("yes")
        NO = "no", _("no")

    class DueBecause(models.TextChoices):
        """Why an introduction is due (see IntroductionQuerySet.due_condition)."""

        FOLLOW_UP_DATE = "follow_up_date", _("its follow-up date has come")
        NOT_MET_YET = "not_met_yet", _("made a while ago, and no meeting recorded")
        NO_DATE = "no_date", _("proposed, with no follow-up date")

    a = models.ForeignKey(
        Contact, on_delete=models.CASCADE, related_name="+", verbose_name=_("introduced")
    )
    b = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="+", verbose_name=_("to"))
    made_on = models.DateField(_("date"), default=datetime.date.today)
    reason = models.TextField(_("why they should meet"))
    channel = models.CharField(_("how"), max_length=16, choices=Channel, default=Channel.EMAIL)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.PROPOSED)
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=Outcome, default=Outcome.PENDING
    )
    outcome_note = models.TextField(_("note on the outcome"), blank=True)
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    # Double opt-in: when set, each side says yes before the introduction can be made.
    ask_first = models.BooleanField(_("ask each first"), default=False)
    a_answer = models.CharField(
        _("first person's answer"), max_length=3, choices=Answer, default=Answer.NOT_YET, blank=True
    )
    b_answer = models.CharField(
        _("second person's answer"),
        max_length=3,
        choices=Answer,
        default=Answer.NOT_YET,
        blank=True,
    )
    # One line on who each is, in the introducer's words, for the ready text.
    about_a = models.CharField(_("about the first person"), max_length=300, blank=True)
    about_b = models.CharField(_("about the second person"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    owned_references = ("a", "b")

    objects = IntroductionQuerySet.as_manager()

    class Meta:
        ordering = ["-made_on", "-id"]
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")
        indexes = [
            models.Index(fields=["owner", "follow_up_on"], name="introduction_follow_up"),
            models.Index(fields=["b"], name="introduction_b"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(a=F("b")), name="introduction_two_contacts"),
            models.CheckConstraint(condition=~Q(reason=""), name="introduction_reason_required"),
            models.CheckConstraint(
                condition=Q(outcome="pending") | Q(status="met"),
                name="introduction_outcome_after_meeting",
            ),
            models.CheckConstraint(
                condition=Q(a_answer__in=["", "yes", "no"]) & Q(b_answer__in=["", "yes", "no"]),
                name="introduction_answers_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.a} ↔ {self.b}"

    def clean(self) -> None:
        super().clean()
        if self.a_id is not None and self.a_id == self.b_id:
            raise ValidationError({"b": _("A contact cannot be introduced to themselves.")})
        if self.outcome != self.Outcome.PENDING and self.status != self.Status.MET:
            raise ValidationError(
                {"outcome": _("An outcome can only be recorded once they have met.")}
            )

    @property
    def reviewed(self) -> bool:
        return self.reviewed_at is not None

    @property
    def finished(self) -> bool:
        """Declined, or met with an outcome: nothing left to follow up."""
        return self.status == self.Status.DECLINED or (
            self.status == self.Status.MET and self.outcome != self.Outcome.PENDING
        )

    @property
    def both_said_yes(self) -> bool:
        return self.a_answer == self.Answer.YES and self.b_answer == self.Answer.YES

    @property
    def waiting_for_answers(self) -> bool:
        """Asked first, still proposed, and not both have said yes."""
        return self.ask_first and self.status == self.Status.PROPOSED and not self.both_said_yes

    def due_because(self, as_of: datetime.date) -> "Introduction.DueBecause | None":
        """Why the introduction is due on `as_of`, or None; the same rule as due_condition."""
        if self.finished:
            return None
        if self.follow_up_on is not None and self.follow_up_on <= as_of:
            return self.DueBecause.FOLLOW_UP_DATE
        if self.status == self.Status.MADE and self.made_on <= as_of - FOLLOW_UP_AFTER:
            return self.DueBecause.NOT_MET_YET
        if self.status == self.Status.PROPOSED and self.follow_up_on is None:
            return self.DueBecause.NO_DATE
        return None


class NetworkSnapshotQuerySet(OwnedQuerySet["NetworkSnapshot"]):
    def done(self) -> Self:
        return self.filter(status=NetworkSnapshot.Status.DONE)

    def in_progress(self) -> Self:
        """Waiting for a worker or being computed."""
        return self.filter(
            status__in=[NetworkSnapshot.Status.PENDING, NetworkSnapshot.Status.RUNNING]
        )

    def latest_done(self) -> "NetworkSnapshot | None":
        """The newest finished analysis, without the map's graph (the circles page does not need it)."""
        return self.done().defer("graph").order_by("-computed_at", "-id").first()


class NetworkSnapshot(OwnedModel):
    """One run of the network analysis for one person; kept, so the trend over time shows."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        RUNNING = "running", _("computing")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.PENDING)
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    computed_at = models.DateTimeField(_("computed"), null=True, blank=True)
    contact_count = models.PositiveIntegerField(_("contacts"), default=0)
    cluster_count = models.PositiveIntegerField(_("circles"), default=0)
    flagged_count = models.PositiveIntegerField(_("bubbles"), default=0)
    homogeneity = models.FloatField(_("network homogeneity"), null=True, blank=True)
    report = models.JSONField(_("report"), default=dict, blank=True)
    # Nodes and edges for the map, kept apart from the report so the circles page stays light.
    graph = models.JSONField(_("graph"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)

    objects = NetworkSnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-id"]
        get_latest_by = "requested_at"
        verbose_name = _("network snapshot")
        verbose_name_plural = _("network snapshots")
        indexes = [
            models.Index(fields=["owner", "status", "-requested_at"], name="snapshot_latest")
        ]

    def __str__(self) -> str:
        return f"{self.owner} · {self.requested_at:%Y-%m-%d %H:%M} · {self.status}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class NetworkChange(OwnedModel):
    """When a person's network data last changed, and the recompute that waits for it to settle.

    One row per person, written after each transaction that touches contacts, ties, dimension
    values, introductions or shared encounters (contacts/network/freshness.py).
    """

    changed_at = models.DateTimeField(_("last change"))
    # The first change not yet covered by a snapshot: bounds how long a stream of edits can wait.
    dirty_since = models.DateTimeField(_("changed since"), null=True, blank=True)
    # When the scheduled recompute runs; empty when none is waiting.
    recompute_due_at = models.DateTimeField(_("recompute due"), null=True, blank=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("network change")
        verbose_name_plural = _("network changes")
        constraints = [
            models.UniqueConstraint(fields=["owner"], name="network_change_one_per_owner")
        ]

    def __str__(self) -> str:
        return f"{self.owner} · {self.changed_at:%Y-%m-%d %H:%M}"


class IntroductionEvent(OwnedModel):
    """One step in an introduction's story (made, met, the outcome), kept as its history."""

    introduction = models.ForeignKey(Introduction, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("when"), default=timezone.now)
    status = models.CharField(_("status"), max_length=16, choices=Introduction.Status)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Introduction.Outcome)
    note = models.TextField(_("note"), blank=True)

    owned_references = ("introduction",)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("introduction step")
        verbose_name_plural = _("introduction history")

    def __str__(self) -> str:
        return f"{self.introduction} · {self.status} · {self.outcome}"
