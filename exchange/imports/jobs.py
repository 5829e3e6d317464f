"""Importing a file through an ImportJob: read it, preview it, and import it once confirmed.

A file of up to IN_REQUEST_LIMIT records is read, previewed and (after confirmation) imported in
the request; a larger one is read by one task and imported by another while the page shows a
progress bar. The formats are read in exchange/formats/; a backup goes through
exchange/backup_merge.py, since it holds encounters and introductions as well as contacts.

The job's states: PREVIEW with summary["phase"] "reading" (the file waits for its task) or "ready"
(the preview waits for confirmation), QUEUED, RUNNING, DONE, FAILED (summary["errors"] says why a
file was refused), CANCELLED.

A job waiting for or in a worker is leased (`lease_until`), and every batch read or written extends
the lease: a job whose lease ran out lost its message or its worker, and the sweeper publishes it
again (a second run merges what the first wrote instead of duplicating it). A queued or running
job can be cancelled from its page; the worker stops after the batch it is writing.
"""

import datetime
import logging
from typing import Any

from django.conf import settings
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from contacts.account import User
from contacts.models import Contact
from exchange.backup import BackupError, read_backup
from exchange.backup_merge import backup_records, import_backup_document, parse_backup_text
from exchange.backup_validation import Backup
from exchange.formats.detect import FORMATS, count_records, detect_format, read_contacts
from exchange.formats.records import ContactRecord, Progress, decode_text
from exchange.formats.vcard_syntax import frame_cards, without_media
from exchange.imports.apply import import_records
from exchange.imports.merge import plan_import
from exchange.imports.preview import summarise
from exchange.models import ImportJob
from exchange.problems import ImportFileError

logger = logging.getLogger(__name__)

# Files with more records are read and imported by Celery tasks, never in the request.
IN_REQUEST_LIMIT = 500
# Larger uploads are refused before they are read; 10,000 contacts without photos are ~4 MB.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
# Jobs older than this are not picked up again by the sweeper, whatever state they were left in.
SWEEP_WINDOW = datetime.timedelta(days=1)

READING, READY = "reading", "ready"


# --- Reading ---------------------------------------------------------------------------------------


def read_file(
    text: str, format: str, *, progress: Progress | None = None
) -> tuple[dict[str, Any], list[ContactRecord], Backup | None]:
    """The job payload, the records and (for a backup) the whole backup; ImportFileError."""
    if format == "backup":
        document, backup = parse_backup_text(text)
        return {"document": document}, backup_records(backup), backup
    records = read_contacts(text, format, progress=progress)
    return {"records": [record.as_json() for record in records]}, records, None


def preview(
    user: User, format: str, records: list[ContactRecord], backup: Backup | None
) -> dict[str, Any]:
    """The summary the preview page shows: the plan for the contacts, and for a backup the rest."""
    plan = plan_import(user, records, combine_duplicates=format != "backup")
    summary = {"phase": READY, **summarise(plan, total=len(records))}
    if backup is not None:
        summary["backup"] = {
            "restore": not Contact.objects.for_user(user).exists(),
            "ties": len(backup.ties),
            "encounters": len(backup.encounters),
            "introductions": len(backup.introductions),
        }
    return summary


def start_import(user: User, data: bytes, *, filename: str, format: str = "auto") -> ImportJob:
    """A job for an uploaded file, already previewed when the file is small.

    A large file's job waits in the "reading" phase; the caller enqueues its reading task.
    ImportFileError when the file is refused (nothing is stored then).
    """
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImportFileError(
            [
                _("The file is larger than %(size)d MB; split it into smaller files.")
                % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)}
            ]
        )
    text = decode_text(data)
    if format == "auto":
        format = detect_format(text)
    elif format not in FORMATS:
        raise ValueError(format)
    if format == "vcard":
        count = count_records(text, format)
        if count > IN_REQUEST_LIMIT:
            frame_cards(text)  # cheap: a file whose cards do not pair up is refused at once
            text = without_media(text)
    elif format == "backup":
        count = _backup_size(text)
    else:
        count = count_records(text, format)
    job = ImportJob(owner=user, format=format, filename=filename[:255], total=count)
    if count > IN_REQUEST_LIMIT:
        job.payload = {"source": text}
        job.summary = {"phase": READING}
    else:
        job.payload, records, backup = read_file(text, format)
        job.total = len(records)
        job.summary = preview(user, format, records, backup)
    job.save()
    return job


def _backup_size(text: str) -> int:
    """How many contacts a backup holds; ImportFileError when it is not JSON."""
    try:
        document = read_backup(text)
    except BackupError as error:
        raise ImportFileError(error.errors) from error
    contacts = document.get("contacts") if isinstance(document, dict) else None
    return len(contacts) if isinstance(contacts, list) else 0


def is_reading(job: ImportJob) -> bool:
    return job.status == ImportJob.Status.PREVIEW and job.summary.get("phase") == READING


def lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.IMPORT_LEASE_SECONDS)


class ImportCancelled(Exception):
    """The job was cancelled from its page while a worker had it."""


def _heartbeat(job_id: int, *, status: Q) -> Progress:
    """The progress callback of a worker: the count for the bar, and the lease extended.

    Raises ImportCancelled once the job has left `status` (cancelled from the page), so the
    worker stops between two batches.
    """

    def progress(count: int) -> None:
        now = timezone.now()
        alive = ImportJob.objects.filter(status, pk=job_id).update(
            processed=count, updated_at=now, lease_until=now + lease()
        )
        if not alive:
            # Cancelled meanwhile: the batch just written stays, and the page says so.
            ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.CANCELLED).update(
                processed=count
            )
            raise ImportCancelled

    return progress


def published(job: ImportJob) -> None:
    """The broker took the job's message: a worker has it within the lease, or the sweeper
    publishes it again."""
    # A running job whose worker died is not touched: its run must find the lease run out.
    waiting = Q(status=ImportJob.Status.PREVIEW, summary__phase=READING) | Q(
        status=ImportJob.Status.QUEUED
    )
    ImportJob.objects.filter(waiting, pk=job.pk).update(lease_until=timezone.now() + lease())


def jobs_to_publish(now: datetime.datetime | None = None) -> tuple[list[int], list[int]]:
    """(jobs to read, jobs to import) whose message or worker was lost: never published (the
    broker was down), or whose lease ran out (a killed worker, a message Redis lost)."""
    now = now or timezone.now()
    lost = (Q(lease_until__isnull=True) | Q(lease_until__lt=now)) & Q(
        created_at__gte=now - SWEEP_WINDOW
    )
    to_read = ImportJob.objects.filter(
        lost, status=ImportJob.Status.PREVIEW, summary__phase=READING
    )
    to_import = ImportJob.objects.filter(
        lost, status__in=[ImportJob.Status.QUEUED, ImportJob.Status.RUNNING]
    )
    return list(to_read.values_list("pk", flat=True)), list(to_import.values_list("pk", flat=True))


def read_job(job_id: int) -> str:
    """Read a large file's job and store its preview; a refused file fails the job with its errors.

    Running it twice stores the same preview twice.
    """
    job = ImportJob.objects.select_related("owner").filter(pk=job_id).first()
    if job is None or not is_reading(job):
        return "skipped"
    reading = Q(status=ImportJob.Status.PREVIEW, summary__phase=READING)
    progress = _heartbeat(job_id, status=reading)
    waiting = ImportJob.objects.filter(reading, pk=job_id)
    with translation.override(job.owner.language):
        try:
            progress(0)
            payload, records, backup = read_file(
                job.payload["source"], job.format, progress=progress
            )
        except ImportCancelled:
            return "cancelled"
        except ImportFileError as error:
            waiting.update(
                status=ImportJob.Status.FAILED,
                summary={"errors": error.errors},
                payload={},
                error=_("The file was refused; nothing was imported."),
                updated_at=timezone.now(),
            )
            return "refused"
        summary = preview(job.owner, job.format, records, backup)
    waiting.update(
        payload=payload, summary=summary, total=len(records), processed=0, updated_at=timezone.now()
    )
    return "ready"


# --- Confirming and importing --------------------------------------------------------------------


def confirm_import(job: ImportJob) -> bool:
    """Queue a previewed job; False when it is not waiting for confirmation (any more)."""
    return bool(
        ImportJob.objects.filter(
            pk=job.pk, status=ImportJob.Status.PREVIEW, summary__phase=READY
        ).update(status=ImportJob.Status.QUEUED, updated_at=timezone.now())
    )


def cancel_import(job: ImportJob) -> bool:
    """Cancel a job not finished yet; one being imported stops after the batch it is writing,
    and the contacts written before stay. False when it was done, failed or cancelled already."""
    return bool(
        ImportJob.objects.filter(
            pk=job.pk,
            status__in=[
                ImportJob.Status.PREVIEW,
                ImportJob.Status.QUEUED,
                ImportJob.Status.RUNNING,
            ],
        ).update(
            status=ImportJob.Status.CANCELLED,
            # What a running import wrote stays, and the page says how far it got.
            processed=Case(
                When(status=ImportJob.Status.RUNNING, then=F("processed")), default=Value(0)
            ),
            payload={},
            lease_until=None,
            updated_at=timezone.now(),
        )
    )


def runs_in_request(job: ImportJob) -> bool:
    return job.total <= IN_REQUEST_LIMIT


def run_import(job_id: int) -> str:
    """Import a queued job's records; safe to run twice (only a queued job, or a running one whose
    worker's lease ran out, is taken, by a conditional update)."""
    now = timezone.now()
    taken = (
        ImportJob.objects.filter(pk=job_id)
        .filter(
            Q(status=ImportJob.Status.QUEUED)
            | Q(status=ImportJob.Status.RUNNING, lease_until__lt=now)
        )
        .update(
            status=ImportJob.Status.RUNNING, processed=0, updated_at=now, lease_until=now + lease()
        )
    )
    if not taken:
        return "skipped"
    job = ImportJob.objects.select_related("owner").get(pk=job_id)
    progress = _heartbeat(job_id, status=Q(status=ImportJob.Status.RUNNING))
    try:
        with translation.override(job.owner.language):
            result = import_payload(job.owner, job.format, job.payload, progress=progress)
    except ImportCancelled:
        logger.info("import %s cancelled while running", job_id)
        return "cancelled"
    except Exception as error:  # the job records the failure for the page; then re-raise
        message = "; ".join(error.errors) if isinstance(error, BackupError) else repr(error)
        ImportJob.objects.filter(pk=job_id).update(
            status=ImportJob.Status.FAILED, error=message[:2000], updated_at=timezone.now()
        )
        logger.exception("import %s failed", job_id)
        raise
    ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.RUNNING).update(
        status=ImportJob.Status.DONE,
        processed=job.total,
        summary={**job.summary, "result": result},
        payload={},
        lease_until=None,
        updated_at=timezone.now(),
    )
    return "done"


def import_payload(
    user: User, format: str, payload: dict[str, Any], *, progress: Progress | None = None
) -> dict[str, Any]:
    """Import what read_file() read; the result as counts. Used by the task and the command."""
    if format == "backup":
        return import_backup_document(user, payload["document"], progress=progress)
    records = [ContactRecord.from_json(data) for data in payload["records"]]
    return import_records(user, records, progress=progress).as_json()
