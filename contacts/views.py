"""Contact pages that change a contact: create, edit, archive, delete, attributes, ties, dates."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .forms import AttributeForm, ContactForm, ImportantDateForm, TieForm
from .models import (
    Contact,
    ContactAttribute,
    Dimension,
    ImportantDate,
    Tie,
    delete_contact,
    deletion_summary,
)

SUGGESTIONS = 8


def _get_contact_for_user(request, contact_id: int) -> Contact:
    return get_object_or_404(Contact.objects.for_user(request.user), pk=contact_id)


def create(request):
    form = ContactForm(
        request.POST or None, user=request.user, initial={"name": request.GET.get("name", "")}
    )
    if request.method == "POST" and form.is_valid():
        contact = form.save()
        messages.success(request, _("%(name)s is in your contacts.") % {"name": contact.name})
        return redirect("contacts:detail", contact.pk)
    return render(request, "contacts/contact_form.html", {"form": form})


def edit(request, contact_id: int):
    contact = _get_contact_for_user(request, contact_id)
    form = ContactForm(request.POST or None, instance=contact, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("contacts:detail", contact.pk)
    return render(request, "contacts/contact_form.html", {"form": form, "contact": contact})


@require_POST
def archive(request, contact_id: int):
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


def delete(request, contact_id: int):
    contact = _get_contact_for_user(request, contact_id)
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


def _attributes_context(contact):
    dimensions = list(Dimension.objects.for_user(contact.owner))
    values = {a.dimension_id: a.value for a in ContactAttribute.objects.filter(contact=contact)}
    return dimensions, values


def attributes(request, contact_id: int):
    """The diversity attributes, edited in place: GET gives the form, POST saves and shows them again."""
    contact = _get_contact_for_user(request, contact_id)
    dimensions, values = _attributes_context(contact)
    form = AttributeForm(request.POST or None, dimensions=dimensions, values=values)
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
        dimensions, values = _attributes_context(contact)
        return render(
            request,
            "contacts/contact_detail.html#attributes",
            {"contact": contact, "attribute_rows": [(d, values.get(d.pk, "")) for d in dimensions]},
        )
    template = (
        "contacts/contact_detail.html#attributes-form"
        if request.htmx
        else "contacts/attributes_page.html"
    )
    return render(request, template, {"contact": contact, "attribute_form": form})


def _ties_context(contact, tie_form=None):
    ties = (
        Tie.objects.filter(Q(a=contact) | Q(b=contact))
        .select_related("a", "b")
        .order_by("kind", "id")
    )
    return {
        "contact": contact,
        "ties": [(tie, tie.other(contact)) for tie in ties],
        "tie_form": tie_form or TieForm(contact=contact),
    }


@require_POST
def tie_add(request, contact_id: int):
    contact = _get_contact_for_user(request, contact_id)
    form = TieForm(request.POST, contact=contact)
    if form.is_valid():
        other = form.cleaned_data["other"]
        a, b = sorted([contact, other], key=lambda c: c.pk)
        Tie.objects.update_or_create(
            owner=request.user, a=a, b=b, defaults={"kind": form.cleaned_data["kind"]}
        )
        form = None
    if request.htmx:
        return render(request, "contacts/contact_detail.html#ties", _ties_context(contact, form))
    if form is not None:
        return render(request, "contacts/ties_page.html", _ties_context(contact, form))
    return redirect("contacts:detail", contact.pk)


@require_POST
def tie_remove(request, contact_id: int, tie_id: int):
    contact = _get_contact_for_user(request, contact_id)
    tie = get_object_or_404(
        Tie.objects.for_user(request.user).filter(Q(a=contact) | Q(b=contact)), pk=tie_id
    )
    tie.delete()
    if request.htmx:
        return render(request, "contacts/contact_detail.html#ties", _ties_context(contact))
    return redirect("contacts:detail", contact.pk)


@require_GET
def suggestions(request):
    """Options for a <datalist>: the owner's contacts whose name matches what is being typed."""
    # Several forms use it: the tie form's "other", the introduction form's "first" and "second".
    query = next(
        (request.GET[k] for k in ("other", "first", "second", "q") if request.GET.get(k)), ""
    ).strip()
    contacts = []
    if query:
        contacts = list(
            Contact.objects.for_user(request.user)
            .filter(Q(name__icontains=query) | Q(organisation__icontains=query))
            .order_by("name")
            .only("id", "name", "organisation")[:SUGGESTIONS]
        )
    names = [c.name for c in contacts]
    options = [
        f"{c.name} ({c.organisation})" if names.count(c.name) > 1 and c.organisation else c.name
        for c in contacts
    ]
    return render(request, "contacts/contact_detail.html#suggestions", {"options": options})


def _dates_context(contact, date_form=None):
    return {
        "contact": contact,
        "dates": list(ImportantDate.objects.filter(contact=contact)),
        "date_form": date_form or ImportantDateForm(),
    }


@require_POST
def date_add(request, contact_id: int):
    contact = _get_contact_for_user(request, contact_id)
    form = ImportantDateForm(request.POST)
    if form.is_valid():
        date = form.save(commit=False)
        date.owner, date.contact = request.user, contact
        date.save()
        form = None
    if request.htmx:
        return render(request, "contacts/contact_detail.html#dates", _dates_context(contact, form))
    if form is not None:
        return render(request, "contacts/dates_page.html", _dates_context(contact, form))
    return redirect(reverse("contacts:detail", args=[contact.pk]) + "#dates")


@require_POST
def date_remove(request, contact_id: int, date_id: int):
    contact = _get_contact_for_user(request, contact_id)
    get_object_or_404(
        ImportantDate.objects.for_user(request.user), pk=date_id, contact=contact
    ).delete()
    if request.htmx:
        return render(request, "contacts/contact_detail.html#dates", _dates_context(contact))
    return redirect(reverse("contacts:detail", args=[contact.pk]) + "#dates")
