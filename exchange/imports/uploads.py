"""Where an uploaded file waits for its reading: one file per import job in IMPORT_UPLOAD_DIR.

The request only copies the upload here, chunk by chunk, as Django spooled it; the reading task
(or the thread without a broker) reads it and removes it. Web and worker must share the folder.
"""

import datetime
import os
import time
from collections.abc import Iterable, Set
from pathlib import Path

from django.conf import settings

# A file whose job nobody can see (not committed yet, or deleted with its user) is left this long
# before the sweeper removes it, so that a request still writing its job is never overtaken.
ORPHAN_AGE = datetime.timedelta(hours=1)


def folder() -> Path:
    path = Path(settings.IMPORT_UPLOAD_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def path_of(job_id: int) -> Path:
    return folder() / str(job_id)


def store(job_id: int, chunks: Iterable[bytes]) -> int:
    """Write the job's file from `chunks` (never the whole file in memory); the bytes written.

    Written under a temporary name and renamed, so a reader never sees half a file.
    """
    final = path_of(job_id)
    partial = final.with_suffix(".part")
    written = 0
    try:
        with partial.open("wb") as file:
            for chunk in chunks:
                file.write(chunk)
                written += len(chunk)
        partial.replace(final)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return written


def read(job_id: int) -> bytes | None:
    """The job's file, or None when it is gone."""
    try:
        return path_of(job_id).read_bytes()
    except FileNotFoundError:
        return None


def remove(job_id: int) -> None:
    path_of(job_id).unlink(missing_ok=True)


def stored_ids() -> list[int]:
    """The ids of the jobs whose file is here."""
    return [int(path.name) for path in folder().iterdir() if path.name.isdigit()]


def remove_all_but(waiting: Set[int], *, visible: Set[int]) -> int:
    """Remove every file but those of the jobs `waiting` to be read; how many were removed.

    A file of a job in `visible` (one that exists) that does not wait is removed at once; any
    other file only once it is ORPHAN_AGE old (its job may not be committed yet).
    """
    removed = 0
    cutoff = time.time() - ORPHAN_AGE.total_seconds()
    for path in folder().iterdir():
        job_id = int(path.name) if path.name.isdigit() else None
        if job_id is not None and job_id in waiting:
            continue
        try:
            if (job_id is None or job_id not in visible) and path.stat().st_mtime > cutoff:
                continue
            os.unlink(path)
        except FileNotFoundError:
            continue
        removed += 1
    return removed
