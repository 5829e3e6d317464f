"""Contact pages that change a contact: create, edit, archive, attributes, ties, dates.

The contact list, the contact page and deleting a contact (which takes encounters with it) are in
encounters/contact_views.py; every panel redrawn here comes from contacts.sections.
"""

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .account import AuthenticatedRequest
from .adding import add_contact
from .forms import AttributeForm, ContactForm, ImportantDateForm, TieForm
from .models import Contact, ContactAttribute, Dimension, ImportantDate, Tie
from .sections import attribute_rows, contact_sections
from .values import known_values

SUGGESTIONS = 8


def _get_contact_for_user(request: AuthenticatedRequest, contact_id: int) -> Contact:
    return get_object_or_404(Contact.objects.for_user(request.user), pk=contact_id)


def create(request: AuthenticatedRequest) -> HttpResponse:
    form = ContactForm(
        request.POST or None, user=request.user, initial={"name": request.GET.get("name", "")}
    )
    if request.method == "POST" and form.is_valid():
        # A double submit, or the same person added from two tabs, lands on the one contact.
        contact, new = add_contact(form.save(commit=False))
        if new:
            messages.success(request, _("%(name)s is in your contacts.") % {"name": contact.name})
        else:
            messages.info(
                request, _("%(name)s is already in your contacts.") % {"name": contact.name}
            )
        return redirect("contacts:detail", contact.pk)
    return render(request, "contacts/contact_form.html", {"form": form})


def edit(request: AuthenticatedRequest, contact_id: int) -> HttpResponse:
    contact = _get_contact_for_user(request, contact_id)
    form = ContactForm(request.POST or None, instance=contact, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("contacts:detail", contact.pk)
    return render(request, "contacts/contact_form.html", {"form": form, "contact": contact})


@require_POST
def archive(request: AuthenticatedRequest, contact_id: int) -> HttpResponseRedirect:
    contact = _get_contact_for_user(request, contact_id)
    contact.archived = not contact.archived
    contact.save(update_fields=["archived", "updated_at"])
    if contact.archived:
        messages.success(
            request,
            _("%(name)s is archived: kept, but never counted as quiet.") % {"name": contact.name},
        )
    else:
        messages.success(
            request, _("%(name)s is back among your active contacts.") % {"name": contact.name}
        )
    return redirect("contacts:detail", contact.pk)


def _attributes_context(contact: Contact) -> tuple[list[Dimension], dict[int, str]]:
    rows = attribute_rows(contact)
    return [dimension for dimension, _value in rows], {d.pk: value for d, value in rows if value}


def attributes(request: AuthenticatedRequest, contact_id: int) -> HttpResponse:
    """The diversity attributes, edited in place: GET gives the form, POST saves and shows them again."""
    contact = _get_contact_for_user(request, contact_id)
    dimensions, values = _attributes_context(contact)
    form = AttributeForm(
        request.POST or None,
        dimensions=dimensions,
        values=values,
        suggestions=known_values(request.user),
        country=contact.country,
    )
    if request.method == "POST" and form.is_valid():
        for dimension, value in form.values().items():
            if value:
                ContactAttribute.objects.update_or_create(
                    owner=request.user,
                    contact=contact,
                    dimension=dimension,
                    defaults={"value": value},
                )
            else:
                ContactAttribute.objects.filter(contact=contact, dimension=dimension).delete()
        if not request.htmx:
            return redirect("contacts:detail", contact.pk)
        return render(request, "contacts/contact_detail.html#attributes", contact_sections(contact))
    template = (
        "contacts/contact_detail.html#attributes-form"
        if request.htmx
        else "contacts/attributes_page.html"
    )
    return render(request, template, {"contact": contact, "attribute_form": form})


@require_POST
def tie_add(request: AuthenticatedRequest, contact_id: int) -> HttpResponse:
    contact = _get_contact_for_user(request, contact_id)
    submitted = TieForm(request.POST, contact=contact)
    form: TieForm | None = submitted  # None once saved: the panel then shows an empty form
    if submitted.is_valid():
        other = submitted.cleaned_data["other"]
        a, b = sorted([contact, other], key=lambda c: c.pk)
        Tie.objects.update_or_create(
            owner=request.user, a=a, b=b, defaults={"kind": submitted.cleaned_data["kind"]}
        )
        form = None
    if request.htmx:
        return render(
            request, "contacts/contact_detail.html#ties", contact_sections(contact, tie_form=form)
        )
    if form is not None:
        return render(request, "contacts/ties_page.html", contact_sections(contact, tie_form=form))
    return redirect("contacts:detail", contact.pk)


@require_POST
def tie_remove(request: AuthenticatedRequest, contact_id: int, tie_id: int) -> HttpResponse:
    contact = _get_contact_for_user(request, contact_id)
    tie = get_object_or_404(Tie.objects.for_user(request.user).involving(contact), pk=tie_id)
    tie.delete()
    if request.htmx:
        return render(request, "contacts/contact_detail.html#ties", contact_sections(contact))
    return redirect("contacts:detail", contact.pk)


@require_GET
def suggestions(request: AuthenticatedRequest) -> HttpResponse:
    """Options for a <datalist>: the owner's contacts whose name matches what is being typed."""
    # Several forms use it: the tie form's "other", the introduction form's "first" and "second",
    # the encounter list's "person".
    query = next(
        (request.GET[k] for k in ("other", "first", "second", "person", "q") if request.GET.get(k)),
        "",
    ).strip()
    contacts: list[Contact] = []
    if query:
        contacts = list(
            Contact.objects.for_user(request.user)
            .matching(query)
            .order_by("name")
            .only("id", "name", "organisation")[:SUGGESTIONS]
        )
    names = [c.name for c in contacts]
    options = [
        f"{c.name} ({c.organisation})" if names.count(c.name) > 1 and c.organisation else c.name
        for c in contacts
    ]
    return render(request, "contacts/contact_detail.html#suggestions", {"options": options})


@require_POST
def date_add(request: AuthenticatedRequest, contact_id: int) -> HttpResponse:
    contact = _get_contact_for_user(request, contact_id)
    submitted = ImportantDateForm(request.POST)
    form: ImportantDateForm | None = submitted  # None once saved: the panel shows an empty form
    if submitted.is_valid():
        date = submitted.save(commit=False)
        date.owner, date.contact = request.user, contact
        date.save()
        form = None
    if request.htmx:
        return render(
            request, "contacts/contact_detail.html#dates", contact_sections(contact, date_form=form)
        )
    if form is not None:
        return render(
            request, "contacts/dates_page.html", contact_sections(contact, date_form=form)
        )
    return redirect(reverse("contacts:detail", args=[contact.pk]) + "#dates")


@require_POST
def date_remove(request: AuthenticatedRequest, contact_id: int, date_id: int) -> HttpResponse:
    contact = _get_contact_for_user(request, contact_id)
    get_object_or_404(
        ImportantDate.objects.for_user(request.user), pk=date_id, contact=contact
    ).delete()
    if request.htmx:
        return render(request, "contacts/contact_detail.html#dates", contact_sections(contact))
    return redirect(reverse("contacts:detail", args=[contact.pk]) + "#dates")
