"""Site-wide pages: the dashboard and the person's settings."""

import datetime

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from contacts.account import AuthenticatedRequest
from contacts.models import Contact
from encounters.digest import due_follow_ups
from encounters.forms import EncounterForm
from encounters.models import Encounter
from encounters.stats import numbers_for_periods

from .forms import AccountSettingsForm

RECENT = 8
FOLLOW_UPS = 5


def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    today = timezone.localdate()
    numbers = numbers_for_periods(
        request.user,
        {
            "month": (today.replace(day=1), today),
            "year": (today - datetime.timedelta(days=364), today),
        },
    )
    month, year = numbers["month"], numbers["year"]
    context = {
        "today": today,
        "contact_count": Contact.objects.for_user(request.user).active().count(),
        "month": month,
        "year": year,
        "follow_ups": due_follow_ups(request.user, today)[:FOLLOW_UPS],
        "recent": Encounter.objects.for_user(request.user).prefetch_related("participants")[
            :RECENT
        ],
        "form": EncounterForm(user=request.user),
        "next": request.get_full_path(),
    }
    return render(request, "crm/dashboard.html", context)


def account_settings(request: AuthenticatedRequest) -> HttpResponse:
    form = AccountSettingsForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your settings are saved."))
        return redirect("settings")
    return render(request, "crm/settings.html", {"form": form})
