"""Celery tasks for importing contacts: reading a large file, and importing a confirmed one.

Thin: each takes a job id and calls exchange.imports.jobs, which is safe to run twice.
"""

import logging

from celery import Task, shared_task
from django.db import transaction
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
    """Read the job's file in a task once this transaction commits."""
    transaction.on_commit(lambda: enqueue(read_import, job))


def request_import(job: ImportJob) -> None:
    """Import the confirmed job in a task once this transaction commits."""
    transaction.on_commit(lambda: enqueue(run_import, job))


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
