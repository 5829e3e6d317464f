"""Importing a file through an ImportJob: read it, preview it, and import it once confirmed.

The request stores the uploaded file for its job, chunk by chunk, and reads nothing of it unless it
is at most READ_IN_REQUEST_BYTES; a larger one is read (decoded, checked, previewed) by a task
(exchange/imports/uploads.py holds the file meanwhile). A confirmed file of up to IN_REQUEST_LIMIT
records is imported in the request, a larger one by another task, while the page shows a
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
from django.core.files.base import ContentFile, File
from django.db import DatabaseError, transaction
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
from exchange.imports.apply import import_records
from exchange.imports.merge import plan_import
from exchange.imports.preview import summarise
from exchange.models import ImportJob
from exchange.problems import ImportFileError

from . import uploads

logger = logging.getLogger(__name__)

# A confirmed file of more records is imported by a Celery task, never in the request.
IN_REQUEST_LIMIT = 500
# A larger upload is never read in the request: its file waits for the reading task (or, without a
# broker, a thread). 64 KB are about 160 cards, read and previewed in a tenth of a second.
READ_IN_REQUEST_BYTES = 64 * 1024
# Larger uploads are refused before they are read (settings.IMPORT_MAX_UPLOAD_BYTES, 50 MB unless
# IMPORT_MAX_UPLOAD_MB says otherwise); 10,000 contacts without photos are ~4 MB.
MAX_UPLOAD_BYTES = settings.IMPORT_MAX_UPLOAD_BYTES
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


def start_import(
    user: User, upload: File | bytes, *, filename: str, format: str = "auto"
) -> ImportJob:
    """A job for an uploaded file, its file stored; small files are also read at once.

    The request does no more than copy the upload to the job's file, chunk by chunk: a file of
    more than READ_IN_REQUEST_BYTES waits in the "reading" phase for read_job (the caller enqueues
    its task); a smaller one is read here by read_job, the same code. A refused file fails its job
    with the messages (job.summary["errors"]). ImportFileError only for a file over the limit.
    """
    if isinstance(upload, bytes):
        upload = ContentFile(upload)
    size = upload.size or 0
    if size > MAX_UPLOAD_BYTES:
        raise ImportFileError(
            [
                _("The file is larger than %(size)d MB; split it into smaller files.")
                % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)}
            ]
        )
    if format != "auto" and format not in FORMATS:
        raise ValueError(format)
    with transaction.atomic():
        job = ImportJob.objects.create(
            owner=user, format=format, filename=filename[:255], summary={"phase": READING}
        )
        uploads.store(job.pk, upload.chunks())
    if size <= READ_IN_REQUEST_BYTES:
        read_job(job.pk)
        job.refresh_from_db()
    return job


def _examine(data: bytes, format: str) -> tuple[str, str, int]:
    """The file's text, its format and about how many records it holds, without parsing it;
    ImportFileError when the format is not recognised or a backup is not JSON."""
    text = decode_text(data)
    if format == "auto":
        format = detect_format(text)
    if format == "backup":
        return text, format, _backup_size(text)
    return text, format, count_records(text, format)


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
    """Read a job's stored file and store its preview; a refused file fails the job with its
    errors. The file is removed either way. Running it twice reads it once.
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
            data = uploads.read(job_id)
            if data is None:
                raise ImportFileError([_("The uploaded file was lost; upload it again.")])
            text, format, count = _examine(data, job.format)
            del data
            waiting.update(format=format, total=count)
            payload, records, backup = read_file(text, format, progress=progress)
            del text
            summary = preview(job.owner, format, records, backup)
        except ImportCancelled:
            uploads.remove(job_id)
            return "cancelled"
        except DatabaseError:
            raise  # not the file's fault: the lease runs out and the sweeper tries again
        except Exception as error:  # any file, however hostile, ends its job with a message
            if isinstance(error, ImportFileError):
                errors = error.errors
            else:
                logger.exception("import %s: the file could not be read", job_id)
                errors = [
                    _("The file could not be read; check that it is a whole, unchanged export.")
                ]
            waiting.update(
                status=ImportJob.Status.FAILED,
                summary={"errors": errors},
                payload={},
                lease_until=None,
                error=_("The file was refused; nothing was imported."),
                updated_at=timezone.now(),
            )
            uploads.remove(job_id)
            return "refused"
    waiting.update(
        format=format,
        payload=payload,
        summary=summary,
        total=len(records),
        processed=0,
        updated_at=timezone.now(),
    )
    uploads.remove(job_id)
    return "ready"


def remove_stale_uploads(now: datetime.datetime | None = None) -> int:
    """Fail the jobs whose file waited longer than SWEEP_WINDOW, and remove every file no job
    waits for (finished, failed, cancelled, expired, deleted); how many files were removed."""
    now = now or timezone.now()
    reading = Q(status=ImportJob.Status.PREVIEW, summary__phase=READING)
    expired = ImportJob.objects.filter(reading, created_at__lt=now - SWEEP_WINDOW)
    for job in expired.select_related("owner"):
        with translation.override(job.owner.language):
            message = _("The file waited too long for a worker and was dropped; upload it again.")
        expired.filter(pk=job.pk).update(
            status=ImportJob.Status.FAILED,
            summary={"errors": [message]},
            payload={},
            lease_until=None,
            error=message,
            updated_at=now,
        )
    stored = uploads.stored_ids()
    present = ImportJob.objects.filter(pk__in=stored)
    waiting = set(present.filter(reading).values_list("pk", flat=True))
    return uploads.remove_all_but(waiting, visible=set(present.values_list("pk", flat=True)))


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
    cancelled = bool(
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
    if cancelled:
        uploads.remove(job.pk)
    return cancelled


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
    uploads.remove(job_id)  # gone since the reading; a file left by a killed reader goes now
    return "done"


def import_payload(
    user: User, format: str, payload: dict[str, Any], *, progress: Progress | None = None
) -> dict[str, Any]:
    """Import what read_file() read; the result as counts. Used by the task and the command."""
    if format == "backup":
        return import_backup_document(user, payload["document"], progress=progress)
    records = [ContactRecord.from_json(data) for data in payload["records"]]
    return import_records(user, records, progress=progress).as_json()
