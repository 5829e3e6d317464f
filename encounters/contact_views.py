"""The contact list and the contact page: people as seen through the encounters with them."""

import datetime
from collections import defaultdict

from django.core.paginator import Paginator
from django.db.models import Max, Q
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from contacts.forms import ImportantDateForm, TieForm
from contacts.models import Contact, ContactAttribute, Dimension, ImportantDate, Introduction, Tie

from .forms import EncounterForm
from .models import IN_PERSON_KINDS, Encounter, EncounterParticipant
from .strength import strength_label, tie_strength

CONTACTS_PER_PAGE = 50
# Enough to see the rhythm on a phone; the rest is one tap away on the encounter list.
TIMELINE_LENGTH = 10
SORTS = ("name", "last_seen", "strength")
CHAIN_MAX = 12


def _participations(user, contact_ids=None):
    """(contact_id, occurred_on, in_person) for the owner's encounters, optionally for some contacts."""
    if contact_ids is not None:
        # The ids come from the owner's own queryset; filtering on the owner as well would make
        # the database read all of the owner's encounters instead of these contacts' rows.
        rows = EncounterParticipant.objects.filter(contact_id__in=contact_ids)
    else:
        rows = EncounterParticipant.objects.filter(encounter__owner=user)
    by_contact = defaultdict(list)
    for contact_id, day, in_person in rows.values_list(
        "contact_id", "encounter__occurred_on", "encounter__in_person"
    ):
        by_contact[contact_id].append((day, in_person))
    return by_contact


def _parse_attribute_filters(values: list[str]) -> list[tuple[int, str]]:
    filters = []
    for raw in values:
        dimension_id, _sep, value = raw.partition(":")
        if dimension_id.isdigit() and value:
            filters.append((int(dimension_id), value))
    return filters


def contact_list(request):
    user, today = request.user, timezone.localdate()
    query = request.GET.get("q", "").strip()
    status = request.GET.get("status", "active")
    sort = request.GET.get("sort", "name") if request.GET.get("sort") in SORTS else "name"
    attribute_filters = _parse_attribute_filters(request.GET.getlist("f"))
    in_person_days = request.GET.get("in_person_days", "")

    contacts = Contact.objects.for_user(user)
    if status == "archived":
        contacts = contacts.archived()
    elif status != "all":
        status = "active"
        contacts = contacts.active()
    if query:
        contacts = contacts.filter(
            Q(name__icontains=query)
            | Q(organisation__icontains=query)
            | Q(email__icontains=query)
            | Q(city__icontains=query)
            | Q(role__icontains=query)
        )
    for dimension_id, value in attribute_filters:
        contacts = contacts.filter(
            pk__in=ContactAttribute.objects.filter(
                owner=user, dimension_id=dimension_id, value=value
            ).values("contact_id")
        )
    if in_person_days.isdigit():
        since = today - datetime.timedelta(days=int(in_person_days))
        contacts = contacts.filter(
            pk__in=EncounterParticipant.objects.filter(
                encounter__owner=user,
                encounter__kind__in=IN_PERSON_KINDS,
                encounter__occurred_on__gte=since,
            ).values("contact_id")
        )
    # Last seen and strength come from the participations, for the page only where the order
    # allows it: an aggregate joined onto all 5,000 contacts would cost more than the page itself.
    history = None
    if sort in ("strength", "last_seen"):
        if sort == "strength":
            history = _participations(user)
            score = {cid: tie_strength(rows, today) for cid, rows in history.items()}
        else:
            score = dict(
                EncounterParticipant.objects.filter(encounter__owner=user)
                .values("contact_id")
                .annotate(last=Max("encounter__occurred_on"))
                .values_list("contact_id", "last")
            )
            score = {cid: day.toordinal() for cid, day in score.items()}
        ordered = sorted(
            contacts.values_list("pk", "name"), key=lambda r: (-score.get(r[0], 0), r[1].casefold())
        )
        page = Paginator([pk for pk, _name in ordered], CONTACTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        by_id = {c.pk: c for c in contacts.filter(pk__in=list(page.object_list))}
        rows = [by_id[pk] for pk in page.object_list]
    else:
        page = Paginator(contacts.order_by("name", "id"), CONTACTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        rows = list(page.object_list)
    if history is None:
        history = _participations(user, [c.pk for c in rows])
    for contact in rows:
        own = history.get(contact.pk, [])
        contact.last_seen = max((day for day, _in_person in own), default=None)
        contact.strength = tie_strength(own, today)
        contact.strength_label = strength_label(contact.strength)

    facets = defaultdict(list)
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
    active_filters = {f"{d}:{v}" for d, v in attribute_filters}
    return render(
        request,
        "contacts/contact_list.html",
        {
            "page": page,
            "rows": rows,
            "query": query,
            "status": status,
            "sort": sort,
            "dimensions": dimensions,
            "active_filters": active_filters,
            "in_person_days": in_person_days,
            "today": today,
            "in_person_choices": [
                ("30", _("30 days")),
                ("90", _("3 months")),
                ("180", _("6 months")),
                ("365", _("year")),
            ],
        },
    )


def _chain(contact: Contact) -> list[dict]:
    """Who brought this contact into the network: you ← Anna ← Ben, from nearest to furthest."""
    if contact.met_through_id is None:
        return []
    # One query whatever the chain's length: the owner's (id, name, met through) triples.
    links = {
        pk: (name, through)
        for pk, name, through in Contact.objects.for_user(contact.owner).values_list(
            "pk", "name", "met_through_id"
        )
    }
    chain, seen, current = [], {contact.pk}, contact.met_through_id
    while (
        current is not None and current not in seen and current in links and len(chain) < CHAIN_MAX
    ):
        name, through = links[current]
        chain.append({"pk": current, "name": name})
        seen.add(current)
        current = through
    return chain


def contact_detail(request, contact_id: int):
    user, today = request.user, timezone.localdate()
    contact = get_object_or_404(
        Contact.objects.for_user(user).select_related("met_through"), pk=contact_id
    )
    dimensions = list(Dimension.objects.for_user(user))
    values = {a.dimension_id: a.value for a in ContactAttribute.objects.filter(contact=contact)}
    history = list(contact.encounters.values_list("occurred_on", "in_person"))
    timeline = (
        Encounter.objects.for_user(user)
        .filter(participants=contact)
        .prefetch_related("participants")[:TIMELINE_LENGTH]
    )
    ties = (
        Tie.objects.filter(Q(a=contact) | Q(b=contact))
        .select_related("a", "b")
        .order_by("kind", "id")
    )
    introductions = (
        Introduction.objects.for_user(user)
        .filter(Q(a=contact) | Q(b=contact))
        .select_related("a", "b")
    )
    strength = tie_strength(history, today)
    last_seen = max((day for day, _in_person in history), default=None)
    in_person_count = sum(1 for _day, in_person in history if in_person)
    context = {
        "contact": contact,
        "attribute_rows": [(d, values.get(d.pk, "")) for d in dimensions],
        "timeline": timeline,
        "encounter_count": len(history),
        "in_person_count": in_person_count,
        "last_seen": last_seen,
        "strength": strength,
        "strength_label": strength_label(strength),
        "ties": [(tie, tie.other(contact)) for tie in ties],
        "tie_form": TieForm(contact=contact),
        "dates": list(ImportantDate.objects.filter(contact=contact)),
        "date_form": ImportantDateForm(),
        "introductions": list(introductions),
        # met_through is loaded too: the related manager sets it on each row, which would otherwise
        # fetch the deferred column once per person.
        "introduced": list(
            contact.introduced_contacts.only("id", "name", "met_through").order_by("name")
        ),
        "chain": _chain(contact),
        "form": EncounterForm(user=user, preselected=[contact]),
        "preselect": contact.pk,
        "next": request.get_full_path(),
        "today": today,
    }
    return render(request, "contacts/contact_detail.html", context)


urlpatterns = [
    path("", contact_list, name="list"),
    path("<int:contact_id>/", contact_detail, name="detail"),
]
