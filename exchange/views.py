"""Import and export pages: upload a file, see the preview, confirm, follow the progress bar;
download contacts as vCard or CSV, the full backup, and find the private calendar feed."""

import contextlib
import json
from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRefresh

from contacts.account import AuthenticatedRequest, User
from contacts.filters import ContactFilters, filtered_contacts
from contacts.models import ContactAttribute, Dimension
from exchange.formats.csv_export import export_csv
from exchange.formats.detect import FORMAT_CHOICES
from exchange.formats.vcard_export import export_vcards
from exchange.models import ImportJob
from exchange.problems import ImportFileError

from . import tasks
from .backup import export_backup
from .imports import jobs

RECENT_JOBS = 5


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File"))
    format = forms.ChoiceField(label=gettext_lazy("Format"), choices=FORMAT_CHOICES, initial="auto")


def _get_job_for_user(request: AuthenticatedRequest, job_id: int) -> ImportJob:
    return get_object_or_404(ImportJob.objects.for_user(request.user), pk=job_id)


def _filter_choices(user: User) -> list[tuple[str, str]]:
    names = dict(Dimension.objects.for_user(user).values_list("id", "name"))
    values = (
        ContactAttribute.objects.for_user(user)
        .values_list("dimension_id", "value")
        .distinct()
        .order_by("dimension__position", "dimension_id", "value")
    )
    return [
        (f"{dimension_id}:{value}", f"{names[dimension_id]}: {value}")
        for dimension_id, value in values
    ]


def _page(
    request: AuthenticatedRequest, *, form: ImportForm | None = None, errors: Iterable[str] = ()
) -> HttpResponse:
    user = request.user
    feed_url = request.build_absolute_uri(reverse("calendar:feed", args=[user.calendar_token]))
    context = {
        "form": form or ImportForm(),
        "errors": list(errors),
        "jobs": list(ImportJob.objects.for_user(user).defer("payload", "summary")[:RECENT_JOBS]),
        "filter_choices": _filter_choices(user),
        "statuses": [("all", _("all")), ("active", _("active")), ("archived", _("archived"))],
        "feed_url": feed_url,
        "webcal_url": "webcal://" + feed_url.split("://", 1)[1],
    }
    return render(request, "exchange/exchange.html", context)


def exchange_page(request: AuthenticatedRequest) -> HttpResponse:
    return _page(request)


@require_POST
def upload(request: AuthenticatedRequest) -> HttpResponse:
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form=form)
    upload = form.cleaned_data["file"]
    try:
        # Copies the upload to the job's file chunk by chunk; reads it only when it is small.
        job = jobs.start_import(
            request.user, upload, filename=upload.name or "", format=form.cleaned_data["format"]
        )
    except ImportFileError as error:
        return _page(request, form=form, errors=error.errors)
    if job.status == ImportJob.Status.FAILED:
        return _page(request, form=form, errors=job.summary.get("errors", []))
    if jobs.is_reading(job):
        tasks.request_reading(job)
    return redirect("exchange:job", job.pk)


def _job_context(job: ImportJob) -> dict[str, Any]:
    reading = jobs.is_reading(job)
    working = reading or job.status in (ImportJob.Status.QUEUED, ImportJob.Status.RUNNING)
    summary = job.summary or {}
    return {
        "job": job,
        "summary": summary,
        "result": summary.get("result", {}),
        "reading": reading,
        "working": working,
        # No worker holds the job (the broker was down, or its worker died): it goes on once the
        # sweeper hands it to a worker again, or can be cancelled.
        "waiting_for_worker": working
        and (job.lease_until is None or job.lease_until < timezone.now()),
        "ready": job.status == ImportJob.Status.PREVIEW and summary.get("phase") == jobs.READY,
        "fraction": min(1.0, job.processed / job.total) if job.total else 0.0,
        "in_request": jobs.runs_in_request(job),
    }


def job_page(request: AuthenticatedRequest, job_id: int) -> HttpResponse:
    job = _get_job_for_user(request, job_id)
    template = "exchange/job.html#progress" if request.htmx else "exchange/job.html"
    return render(request, template, _job_context(job))


def job_progress(request: AuthenticatedRequest, job_id: int) -> HttpResponse:
    """Polled while a file is read or imported; reloads the page once there is more to show."""
    job = _get_job_for_user(request, job_id)
    context = _job_context(job)
    if not context["working"] and request.htmx:
        return HttpResponseClientRefresh()
    return render(request, "exchange/job.html#progress", context)


@require_POST
def confirm(request: AuthenticatedRequest, job_id: int) -> HttpResponse:
    job = _get_job_for_user(request, job_id)
    if not jobs.confirm_import(job):
        messages.info(request, _("This import is no longer waiting for your confirmation."))
        return redirect("exchange:job", job.pk)
    if jobs.runs_in_request(job):
        # A failure is recorded on the job (and logged); the job's page shows it.
        with contextlib.suppress(Exception):
            jobs.run_import(job.pk)
    else:
        tasks.request_import(job)
    return redirect("exchange:job", job.pk)


@require_POST
def cancel(request: AuthenticatedRequest, job_id: int) -> HttpResponse:
    job = _get_job_for_user(request, job_id)
    if jobs.cancel_import(job):
        if job.status == ImportJob.Status.RUNNING:
            messages.success(request, _("The import is stopped; what was imported before stays."))
        else:
            messages.success(request, _("The import is cancelled; nothing was imported."))
    return redirect("exchange:home")


def _download(body: bytes, *, content_type: str, name: str, extension: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    filename = f"weitblick-{name}-{timezone.localdate().isoformat()}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def export_vcard(request: AuthenticatedRequest) -> HttpResponse:
    contacts = filtered_contacts(request.user, ContactFilters.from_params(request.GET))
    return _download(
        export_vcards(contacts).encode("utf-8"),
        content_type="text/vcard; charset=utf-8",
        name="contacts",
        extension="vcf",
    )


@require_GET
def export_contacts_csv(request: AuthenticatedRequest) -> HttpResponse:
    contacts = filtered_contacts(request.user, ContactFilters.from_params(request.GET))
    # With a byte order mark, Excel opens UTF-8 as UTF-8.
    return _download(
        export_csv(request.user, contacts).encode("utf-8-sig"),
        content_type="text/csv; charset=utf-8",
        name="contacts",
        extension="csv",
    )


@require_GET
def export_backup_file(request: AuthenticatedRequest) -> HttpResponse:
    document = export_backup(request.user)
    body = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return _download(
        body, content_type="application/json; charset=utf-8", name="backup", extension="json"
    )
