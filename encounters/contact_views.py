"""The contact list, the contact page and deleting a contact: people seen through their encounters.

They live in encounters/ because they show what only encounters know (last seen, tie strength,
the timeline); the contact's own panels come from contacts.sections, as in every htmx swap.
"""

import datetime
import re
from collections import defaultdict
from collections.abc import Collection

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import Max, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from contacts.account import AuthenticatedRequest, User
from contacts.filters import ContactFilters
from contacts.models import Contact, ContactAttribute, Dimension
from contacts.sections import contact_sections

from .deletion import delete_contact, deletion_summary
from .forms import EncounterForm
from .models import Encounter, EncounterParticipant
from .strength import strength_label, tie_strength

CONTACTS_PER_PAGE = 50
# Enough to see the rhythm on a phone; the rest is one tap away on the encounter list.
TIMELINE_LENGTH = 10
SORTS = ("name", "last_seen", "strength")
# "Met in person within": the lengths the list offers; an address may name any other of up to five
# ASCII digits (273 years). A longer one would reach before the first date, and a "digit" that
# int() cannot read (²) is no number: both are ignored, not a 500.
IN_PERSON_DAYS = re.compile(r"[0-9]{1,5}")
IN_PERSON_CHOICES = {
    "30": gettext_lazy("30 days"),
    "90": gettext_lazy("3 months"),
    "180": gettext_lazy("6 months"),
    "365": gettext_lazy("year"),
}


def _participations(
    user: User, contact_ids: Collection[int] | None = None
) -> defaultdict[int, list[tuple[datetime.date, bool]]]:
    """(occurred_on, in_person) of the owner's encounters per contact, optionally for some contacts."""
    if contact_ids is not None:
        # The ids come from the owner's own queryset; filtering on the owner as well would make
        # the database read all of the owner's encounters instead of these contacts' rows.
        rows = EncounterParticipant.objects.filter(contact_id__in=contact_ids)
    else:
        rows = EncounterParticipant.objects.for_user(user)
    by_contact: defaultdict[int, list[tuple[datetime.date, bool]]] = defaultdict(list)
    # The participant rows' copies of date and channel: no join with the encounters.
    for contact_id, day, in_person in rows.values_list("contact_id", "occurred_on", "in_person"):
        by_contact[contact_id].append((day, in_person))
    return by_contact


def contact_list(request: AuthenticatedRequest) -> HttpResponse:
    user, today = request.user, timezone.localdate()
    filters = ContactFilters.from_params(request.GET)
    sort = request.GET.get("sort", "name") if request.GET.get("sort") in SORTS else "name"
    in_person_days = request.GET.get("in_person_days", "")
    if not IN_PERSON_DAYS.fullmatch(in_person_days):
        in_person_days = ""

    contacts = filters.apply(Contact.objects.for_user(user))
    if in_person_days:
        since = today - datetime.timedelta(days=int(in_person_days))
        contacts = contacts.filter(
            pk__in=EncounterParticipant.objects.for_user(user)
            .in_person()
            .since(since)
            .values("contact_id")
        )
    # Last seen and strength come from the participations, for the page only where the order
    # allows it: an aggregate joined onto all 5,000 contacts would cost more than the page itself.
    history = None
    page: Page[int] | Page[Contact]
    if sort in ("strength", "last_seen"):
        score: dict[int, float]
        if sort == "strength":
            history = _participations(user)
            score = {cid: tie_strength(rows, today) for cid, rows in history.items()}
        else:
            last_met = dict(
                EncounterParticipant.objects.for_user(user)
                .values("contact_id")
                .annotate(last=Max("occurred_on"))
                .values_list("contact_id", "last")
            )
            score = {cid: day.toordinal() for cid, day in last_met.items()}
        ordered = sorted(
            contacts.values_list("pk", "name"), key=lambda r: (-score.get(r[0], 0), r[1].casefold())
        )
        id_page = Paginator([pk for pk, _name in ordered], CONTACTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        by_id = {c.pk: c for c in contacts.filter(pk__in=list(id_page.object_list))}
        rows = [by_id[pk] for pk in id_page.object_list]
        page = id_page
    else:
        contact_page = Paginator(contacts.order_by("name", "id"), CONTACTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        rows = list(contact_page.object_list)
        page = contact_page
    if history is None:
        history = _participations(user, [c.pk for c in rows])
    for contact in rows:
        own = history.get(contact.pk, [])
        # Computed for this page only and carried on the row, as .annotate() would.
        contact.last_seen = max((day for day, _in_person in own), default=None)  # type: ignore[attr-defined]
        contact.strength = tie_strength(own, today)  # type: ignore[attr-defined]
        contact.strength_label = strength_label(contact.strength)  # type: ignore[attr-defined]

    facets: defaultdict[int, list[str]] = defaultdict(list)
    for dimension_id, value in (
        ContactAttribute.objects.for_user(user)
        .values_list("dimension_id", "value")
        .distinct()
        .order_by("value")
    ):
        facets[dimension_id].append(value)
    dimensions = [
        (d, facets.get(d.pk, [])) for d in Dimension.objects.for_user(user) if facets.get(d.pk)
    ]
    active_filters = {f"{d}:{v}" for d, v in filters.attributes}
    # Search as you type swaps only the results; the full page otherwise.
    template = "contacts/contact_list.html"
    if request.htmx and not request.htmx.boosted and not request.htmx.history_restore_request:
        template += "#results"
    response = render(
        request,
        template,
        {
            # How many of the folded filters are in force: the "Filters" button shows it.
            "filter_count": len(active_filters)
            + bool(in_person_days)
            + (filters.status != "active")
            + (sort != "name"),
            "page": page,
            "rows": rows,
            "query": filters.query,
            "status": filters.status,
            "sort": sort,
            "dimensions": dimensions,
            "active_filters": active_filters,
            "in_person_days": in_person_days,
            "today": today,
            "in_person_choices": list(IN_PERSON_CHOICES.items()),
        },
    )
    # The same address answers with the page or the results: a browser cache must keep both apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


def contact_detail(request: AuthenticatedRequest, contact_id: int) -> HttpResponse:
    user, today = request.user, timezone.localdate()
    contact = get_object_or_404(
        Contact.objects.for_user(user).select_related("met_through"), pk=contact_id
    )
    # The participant rows' copies of date and channel: no join with the encounters.
    history = list(
        EncounterParticipant.objects.filter(contact=contact).values_list("occurred_on", "in_person")
    )
    # The timeline names and links its people: their names are all it loads of them.
    timeline = (
        Encounter.objects.for_user(user)
        .filter(participants=contact)
        .prefetch_related(Prefetch("participants", Contact.objects.only("name")))[:TIMELINE_LENGTH]
    )
    strength = tie_strength(history, today)
    last_seen = max((day for day, _in_person in history), default=None)
    in_person_count = sum(1 for _day, in_person in history if in_person)
    context = {
        **contact_sections(contact),
        "timeline": timeline,
        "encounter_count": len(history),
        "in_person_count": in_person_count,
        "last_seen": last_seen,
        "strength": strength,
        "strength_label": strength_label(strength),
        "form": EncounterForm(user=user, preselected=[contact]),
        "preselect": contact.pk,
        "next": request.get_full_path(),
        "today": today,
    }
    return render(request, "contacts/contact_detail.html", context)


def delete(request: AuthenticatedRequest, contact_id: int) -> HttpResponse:
    contact = get_object_or_404(Contact.objects.for_user(request.user), pk=contact_id)
    if request.method == "POST":
        name = contact.name
        delete_contact(contact)
        messages.success(request, _("%(name)s is deleted.") % {"name": name})
        return redirect("contacts:list")
    return render(
        request,
        "contacts/contact_delete.html",
        {"contact": contact, "summary": deletion_summary(contact)},
    )
