"""Celery tasks for importing contacts: reading a large file, and importing a confirmed one.

Thin: each takes a job id and calls exchange.imports.jobs, which is safe to run twice.
"""

import logging
import threading
from collections.abc import Callable

from celery import Task, shared_task
from django.conf import settings
from django.db import connections, transaction

from exchange.models import ImportJob

from .imports import jobs

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def read_import(job_id: int) -> str:
    """Read an uploaded file from where the request stored it and store its preview; safe to run
    twice."""
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
    (twice is harmless), and a running import whose lease runs out is taken again.
    """

    def run() -> None:
        try:
            work(job_id)
        except Exception:  # recorded on the job by `work`; the thread has nobody to tell
            logger.exception("import %s failed in its thread", job_id)
        finally:
            connections.close_all()

    threading.Thread(target=run, name=f"import-{job_id}", daemon=True).start()


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
    """Every minute: publish again the imports whose message or worker was lost, how many; and
    remove the uploaded files no job waits for."""
    removed = jobs.remove_stale_uploads()
    if removed:
        logger.info("%d uploaded file(s) no import waits for removed", removed)
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
