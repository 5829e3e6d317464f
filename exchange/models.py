"""The import job, and the sync state of the CardDAV address book and the keys to it and the API."""

import hashlib
import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.models import Contact, OwnedModel, OwnedQuerySet


class ImportJob(OwnedModel):
    """One contact import: the parsed file waiting for confirmation, then its progress and result."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("waiting for confirmation")
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("importing")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")
        CANCELLED = "cancelled", _("cancelled")

    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.PREVIEW)
    format = models.CharField(_("format"), max_length=16)
    filename = models.CharField(_("file"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    total = models.PositiveIntegerField(_("records"), default=0)
    processed = models.PositiveIntegerField(_("processed"), default=0)
    # The parsed records (plain dicts) between preview and confirmation, so the file is read once.
    payload = models.JSONField(_("parsed records"), default=list, blank=True)
    # What the preview found and what the import did: new, merged, skipped, with reasons.
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    # Whoever has the job (the broker's message, then a worker) holds it until then; each batch
    # written extends it. A job whose lease ran out lost its worker: the sweeper publishes it again.
    lease_until = models.DateTimeField(_("held until"), null=True, blank=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        # The table keeps the name it had in contacts/, where the model was born: moved, not copied.
        db_table = "contacts_importjob"
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.owner} · {self.format} · {self.filename} · {self.status}"

    @property
    def percent(self) -> int:
        return round(100 * self.processed / self.total) if self.total else 0


class DavCard(OwnedModel):
    """Where a card made on a phone lives in the address book, and the UID the phone gave it.

    Contacts made in Weitblick have none: their card is at weitblick-<id>.vcf with a UID derived
    from the id. A client chooses the name of a card it creates, and expects it there afterwards.
    """

    contact = models.OneToOneField(Contact, on_delete=models.CASCADE, related_name="dav_card")
    href = models.CharField(_("name in the address book"), max_length=255)
    uid = models.CharField(_("UID"), max_length=255)

    owned_references = ("contact",)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("address book card")
        verbose_name_plural = _("address book cards")
        constraints = [
            models.UniqueConstraint(fields=["owner", "href"], name="davcard_href_once"),
            models.UniqueConstraint(fields=["owner", "uid"], name="davcard_uid_once"),
        ]

    def __str__(self) -> str:
        return self.href


class AddressBookSync(OwnedModel):
    """What the address book held when a sync token was handed out: each card's ETag by name.

    sync-collection (RFC 6578) answers with the difference to now, which catches every change
    however it was made (a page, an import, a renamed dimension) without tracking writes.
    """

    etags = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"sync {self.pk}"


def hash_secret(secret: str) -> str:
    """What the database keeps of an app password or token: a leaked table opens no account.

    The secrets are 32 random bytes, so a fast hash is enough (nothing to guess from a dictionary).
    """
    return hashlib.sha256(secret.encode()).hexdigest()


class AppPasswordQuerySet(OwnedQuerySet["AppPassword"]):
    def for_address_book(self) -> "AppPasswordQuerySet":
        return self.filter(kind=AppPassword.Kind.ADDRESS_BOOK)

    def for_api(self) -> "AppPasswordQuerySet":
        return self.exclude(kind=AppPassword.Kind.ADDRESS_BOOK)


class AppPassword(OwnedModel):
    """A secret for one device or script: an address book's app password, or an API token.

    Never the account password: each can be revoked alone, and none opens the pages.
    """

    class Kind(models.TextChoices):
        ADDRESS_BOOK = "carddav", _("address book (CardDAV)")
        API_READ = "api_read", _("API, read only")
        API_WRITE = "api_write", _("API, read and write")

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind, default=Kind.ADDRESS_BOOK)
    secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The first characters, so that the person can tell their keys apart.
    hint = models.CharField(max_length=8, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    objects = AppPasswordQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("app password")
        verbose_name_plural = _("app passwords")
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="app_password_name_not_blank"),
            models.CheckConstraint(
                condition=Q(kind__in=["carddav", "api_read", "api_write"]),
                name="app_password_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def can_write(self) -> bool:
        return self.kind != self.Kind.API_READ

    def new_secret(self) -> str:
        """A fresh secret for this key (not saved); shown once, only its hash is kept."""
        prefix = "wbk_" if self.kind != self.Kind.ADDRESS_BOOK else ""
        secret = prefix + secrets.token_urlsafe(32)
        self.secret_hash = hash_secret(secret)
        self.hint = secret[:8]
        return secret
