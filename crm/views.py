"""Site-wide pages: the dashboard, the person's settings and their dimensions."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from contacts.account import AuthenticatedRequest
from contacts.models import Contact, Dimension
from contacts.values import known_values, rename_value
from encounters.digest import CELEBRATION_WINDOW_DAYS, due_follow_ups, upcoming_celebrations
from encounters.forms import EncounterForm
from encounters.models import Encounter
from encounters.next_steps import open_plans
from encounters.quiet import cached_quiet_ranking, with_topics
from encounters.quiet_views import row_choices
from encounters.stats import numbers_for_periods

from .first_steps import first_steps
from .forms import AccountSettingsForm, DimensionFormSet

RECENT = 8
FOLLOW_UPS = 5
# The few people most overdue, as a start: the whole list is one tap away.
DUE_PEOPLE = 5


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
    ranked = cached_quiet_ranking(request.user, today)
    follow_ups = due_follow_ups(request.user, today)
    context = {
        "today": today,
        "contact_count": Contact.objects.for_user(request.user).active().count(),
        "month": month,
        "year": year,
        "follow_ups": [(i, i.due_because(today)) for i in follow_ups[:FOLLOW_UPS]],
        "follow_up_count": len(follow_ups),
        "due_people": with_topics(request.user, ranked[:DUE_PEOPLE]),
        "due_count": len(ranked),
        "celebrations": upcoming_celebrations(request.user, today),
        "celebration_days": CELEBRATION_WINDOW_DAYS,
        "plans": open_plans(
            request.user, until=today + datetime.timedelta(days=CELEBRATION_WINDOW_DAYS)
        ),
        **row_choices(today),
        "recent": Encounter.objects.for_user(request.user).prefetch_related("participants")[
            :RECENT
        ],
        "form": EncounterForm(user=request.user),
        "next": request.get_full_path(),
        "first_steps": first_steps(request.user),
    }
    return render(request, "crm/dashboard.html", context)


def account_settings(request: AuthenticatedRequest) -> HttpResponse:
    language = request.user.language  # the form writes the new one onto the account
    form = AccountSettingsForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            Dimension.follow_language(request.user, old=language, new=request.user.language)
        # The next page is in the new language, so is the word that says it worked.
        with translation.override(request.user.language):
            messages.success(request, _("Your settings are saved."))
        return redirect("settings")
    return render(request, "crm/settings.html", {"form": form})


def dimensions(request: AuthenticatedRequest) -> HttpResponse:
    """The diversity dimensions: rename, remove, add one; saving them counts as having chosen."""
    queryset = Dimension.objects.for_user(request.user).annotate(used_by=Count("attributes"))
    formset = DimensionFormSet(request.POST or None, queryset=queryset, prefix="dimensions")
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            position = max((d.position for d in queryset), default=-1)
            for dimension in formset.save(commit=False):
                if dimension.pk is None:
                    position += 1
                    dimension.owner, dimension.position = request.user, position
                dimension.save()
            for dimension in formset.deleted_objects:
                dimension.delete()
            request.user.dimensions_chosen_at = timezone.now()
            request.user.save(update_fields=["dimensions_chosen_at"])
        messages.success(request, _("Your dimensions are saved."))
        return redirect("dimensions")
    known = known_values(request.user)
    return render(
        request,
        "crm/dimensions.html",
        {
            "formset": formset,
            "values": [(d, known.get(d.pk, [])) for d in queryset if known.get(d.pk)],
        },
    )


@require_POST
def dimension_rename(request: AuthenticatedRequest, dimension_id: int) -> HttpResponse:
    """Rename one value of a dimension for every contact; into a value in use, the two merge."""
    dimension = get_object_or_404(Dimension.objects.for_user(request.user), pk=dimension_id)
    old, new = request.POST.get("old", ""), request.POST.get("new", "")
    count = rename_value(dimension, old, new) if old and new.strip() else 0
    if count:
        messages.success(
            request,
            ngettext(
                "“%(old)s” is now “%(new)s” for %(count)d contact.",
                "“%(old)s” is now “%(new)s” for %(count)d contacts.",
                count,
            )
            % {"old": old, "new": dimension.spelling_of(new), "count": count},
        )
    else:
        messages.error(request, _("Choose a value and type its new name."))
    return redirect("dimensions")


@login_not_required
@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers and feed readers ask for whatever the page's icon links say."""
    return HttpResponseRedirect(static("img/favicon.ico"))
