"""The import job: a file read, previewed, confirmed and imported, with its progress."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.models import OwnedModel, OwnedQuerySet


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
