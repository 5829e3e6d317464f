"""Celery tasks for importing contacts: reading a large file, and importing a confirmed one.

Thin: each takes a job id and calls exchange.imports.jobs, which is safe to run twice.
"""

import logging

from celery import Task, shared_task
from django.db import transaction

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


def enqueue(task: Task, job: ImportJob) -> bool:
    """Publish the job's task; whether the broker took it.

    A dead broker fails nothing: the job keeps its place with no lease, the page says it waits
    for the worker, and the sweeper publishes it once the broker is back.
    """
    try:
        task.delay(job.pk)
    except Exception as error:  # kombu's OperationalError, or a socket error
        logger.warning("could not enqueue %s for import %s: %r", task.name, job.pk, error)
        return False
    jobs.published(job)
    return True


@shared_task
def sweep_imports() -> int:
    """Every minute: publish again the imports whose message or worker was lost; how many."""
    to_read, to_import = jobs.jobs_to_publish()
    published = 0
    for task, ids in ((read_import, to_read), (run_import, to_import)):
        for job_id in ids:
            job = ImportJob.objects.filter(pk=job_id).first()
            if job is not None and enqueue(task, job):
                published += 1
            elif job is not None:
                return published  # the broker is down: the next sweep tries again
    if published:
        logger.warning("%d import(s) published again", published)
    return published
