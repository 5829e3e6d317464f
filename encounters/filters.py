"""The encounter list's filters: words, kind, in person or not, planned or by chance, views, dates,
a person; read from the query string, applied with the same search as the header's."""

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from contacts.account import User
from contacts.forms import resolve_contact
from contacts.models import Contact

from .models import Encounter, Kind, Views
from .search.engine import encounters_matching

ANY = [("", _("any"))]


class EncounterFilters(forms.Form):
    q = forms.CharField(label=_("Words"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=ANY + Kind.choices, required=False)
    met = forms.ChoiceField(
        label=_("How"),
        choices=ANY + [("in_person", _("in person")), ("remote", _("remote"))],
        required=False,
    )
    planned = forms.ChoiceField(
        label=_("Planned or by chance"),
        choices=ANY + [("planned", _("planned")), ("chance", _("by chance"))],
        required=False,
    )
    views = forms.ChoiceField(label=_("Views"), choices=ANY + Views.choices, required=False)
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("This is not a date.")},
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("This is not a date.")},
    )
    person = forms.CharField(
        label=_("With"),
        required=False,
        max_length=250,
        widget=forms.TextInput(
            attrs={
                "list": "filter-people",
                "autocomplete": "off",
                "hx-get": reverse_lazy("contacts:suggestions"),
                "hx-trigger": "input changed delay:200ms",
                "hx-target": "#filter-people",
                "hx-swap": "innerHTML",
            }
        ),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.contact: Contact | None = None

    def clean_person(self) -> str:
        text = self.cleaned_data["person"].strip()
        if text:
            self.contact = resolve_contact(self.user, text)
        return text

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end comes before the start."))
        return cleaned

    @property
    def narrowed(self) -> bool:
        """Whether a filter behind "more filters" is set (or wrong): then they start open."""
        more = ("kind", "met", "planned", "views", "start", "end")
        return self.is_bound and any(self.data.get(name) for name in more)

    @property
    def active(self) -> bool:
        """Whether any filter narrows the list (the page then offers to clear them)."""
        return self.is_bound and any(self.data.get(name) for name in self.fields)

    def apply(self, encounters: QuerySet[Encounter]) -> QuerySet[Encounter]:
        """`encounters` narrowed by every filter that is valid; an invalid one is left out (the
        form shows why)."""
        data = self.cleaned_data if self.is_bound else {}
        if data.get("q"):
            encounters = encounters.filter(
                pk__in=encounters_matching(self.user, data["q"]).values("pk")
            )
        if data.get("kind"):
            encounters = encounters.filter(kind=data["kind"])
        if data.get("met"):
            encounters = encounters.filter(in_person=data["met"] == "in_person")
        if data.get("planned"):
            encounters = encounters.filter(planned=data["planned"] == "planned")
        if data.get("views"):
            encounters = encounters.filter(views=data["views"])
        start: datetime.date | None = data.get("start")
        end: datetime.date | None = data.get("end")
        if start and not self.has_error("end"):
            encounters = encounters.filter(occurred_on__gte=start)
        if end and not self.has_error("end"):
            encounters = encounters.filter(occurred_on__lte=end)
        if self.contact is not None:
            encounters = encounters.filter(participants=self.contact)
        return encounters
