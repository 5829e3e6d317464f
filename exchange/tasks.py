"""Celery tasks for importing contacts: reading a large file, and importing a confirmed one.

Thin: each takes a job id and calls exchange.imports.jobs, which is safe to run twice.
"""

import logging
import threading
from collections.abc import Callable

from celery import Task, shared_task
from django.conf import settings
from django.db import connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from exchange.models import ImportJob

from .imports import jobs

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def read_import(job_id: int) -> str:
    """Read a large uploaded file and store its preview; safe to run twice."""
    return jobs.read_job(job_id)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def run_import(job_id: int) -> str:
    """Import a confirmed job; only a queued job is taken, so a second delivery does nothing."""
    return jobs.run_import(job_id)


def request_reading(job: ImportJob) -> None:
    """Read the job's file in a task once this transaction commits; without a broker, in a thread
    of this process (settings.IMPORT_READS_IN_THREAD), never in the request."""
    if settings.IMPORT_READS_IN_THREAD:
        transaction.on_commit(lambda: in_thread(jobs.read_job, job.pk))
    else:
        transaction.on_commit(lambda: enqueue(read_import, job))


def request_import(job: ImportJob) -> None:
    """Import the confirmed job in a task once this transaction commits (as request_reading)."""
    if settings.IMPORT_READS_IN_THREAD:
        transaction.on_commit(lambda: in_thread(jobs.run_import, job.pk))
    else:
        transaction.on_commit(lambda: enqueue(run_import, job))


def in_thread(work: Callable[[int], str], job_id: int) -> None:
    """Run `work(job_id)` in a daemon thread with its own database connection.

    The job's own states make this safe: reading and importing take only a job in the right state
    (twice is harmless), and a running import that stops reporting is taken again (STALE_AFTER).
    """

    def run() -> None:
        try:
            work(job_id)
        except Exception:  # recorded on the job by `work`; the thread has nobody to tell
            logger.exception("import %s failed in its thread", job_id)
        finally:
            connections.close_all()

    threading.Thread(target=run, name=f"import-{job_id}", daemon=True).start()


def enqueue(task: Task, job: ImportJob) -> None:
    try:
        task.delay(job.pk)
    except Exception as error:  # a dead broker: say so on the page instead of waiting forever
        logger.warning("could not enqueue %s for import %s: %r", task.name, job.pk, error)
        ImportJob.objects.filter(
            pk=job.pk, status__in=[ImportJob.Status.PREVIEW, ImportJob.Status.QUEUED]
        ).update(
            status=ImportJob.Status.FAILED,
            error=_("The background worker cannot be reached; try again later."),
            updated_at=timezone.now(),
        )
