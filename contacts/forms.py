"""Forms for contacts, their attributes, ties and important dates; every choice is the owner's own."""

import re
from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from .account import User
from .dates import FIRST_DAY_TAKEN, LAST_DAY_TAKEN, Birthday
from .models import Contact, Dimension, ImportantDate, Tie


class DayField(forms.DateField):
    """A date typed into a form, between FIRST_DAY_TAKEN and LAST_DAY_TAKEN."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and not FIRST_DAY_TAKEN <= value <= LAST_DAY_TAKEN:
            raise ValidationError(
                _("Choose a day between %(first)d and %(last)d.")
                % {"first": FIRST_DAY_TAKEN.year, "last": LAST_DAY_TAKEN.year},
                code="out_of_reach",
            )


class BirthdayWidget(forms.MultiWidget):
    """Day, month (by name) and an optional year, each with its own small label."""

    template_name = "forms/birthday_widget.html"
    use_fieldset = True

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        months = [("", _("month"))] + [(str(n), name) for n, name in MONTHS.items()]
        super().__init__(
            [
                forms.NumberInput(attrs={"min": 1, "max": 31, "inputmode": "numeric"}),
                forms.Select(choices=months),
                forms.NumberInput(attrs={"min": 1900, "inputmode": "numeric"}),
            ],
            attrs,
        )

    def decompress(self, value: Birthday | None) -> list[int | None]:
        if value is None:
            return [None, None, None]
        return [value.day, value.month, value.year]

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str]:
        # A client that still sends one text ("1979-04-12", "--04-12") is read as the three parts.
        if f"{name}_0" not in data and data.get(name):
            text = str(data[name]).strip()
            match = re.fullmatch(r"(\d{4})?-?-(\d{1,2})-(\d{1,2})", text)
            if match:
                year, month, day = match.groups()
                return [day, str(int(month)), year or ""]
            return [text, "", ""]
        values: list[str] = super().value_from_datadict(data, files, name)
        return values

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        labels = [_("Day"), _("Month"), _("Year (optional)")]
        context["widget"]["parts"] = list(zip(context["widget"]["subwidgets"], labels, strict=True))
        return context


class BirthdayField(forms.MultiValueField):
    """A birthday as day, month and, when known, the year; empty altogether means none."""

    widget = BirthdayWidget

    def __init__(self, **kwargs: Any) -> None:
        error = {"invalid": _("Write the day as a number, e.g. 12.")}
        super().__init__(
            fields=(
                forms.IntegerField(min_value=1, max_value=31, required=False, error_messages=error),
                forms.TypedChoiceField(
                    choices=[(str(n), n) for n in MONTHS], coerce=int, required=False
                ),
                forms.IntegerField(
                    min_value=1900,
                    required=False,
                    error_messages={"invalid": _("Write the year as a number.")},
                ),
            ),
            require_all_fields=False,
            required=False,
            **kwargs,
        )

    def compress(self, data_list: list[Any]) -> Birthday | None:
        day, month, year = (list(data_list) + [None, None, None])[:3]
        if day in (None, "") and month in (None, "") and year in (None, ""):
            return None
        if day in (None, "") or month in (None, ""):
            raise ValidationError(
                _("Give both the day and the month; the year may stay empty."), code="incomplete"
            )
        try:
            birthday = Birthday(month=int(month), day=int(day), year=year or None)
        except ValueError:
            raise ValidationError(
                _("That day does not exist in that month."), code="invalid"
            ) from None
        if birthday.year is not None and birthday.year > timezone.localdate().year:
            raise ValidationError(_("A birthday cannot lie in the future."), code="future")
        return birthday


class ContactForm(forms.ModelForm):
    birthday = BirthdayField(label=_("Birthday"))

    class Meta:
        model = Contact
        # The column is text (imports keep what an address book holds); what a person types here
        # must be an address, or mail to it goes nowhere.
        field_classes = {"email": forms.EmailField}
        fields = [
            "name",
            "email",
            "phone",
            "organisation",
            "role",
            "city",
            "country",
            "how_we_met",
            "met_through",
            "cadence_days",
            "trust",
            "notes",
        ]
        widgets = {
            "how_we_met": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "trust": forms.NumberInput(attrs={"min": 1, "max": 5}),
            "cadence_days": forms.NumberInput(attrs={"min": 1}),
            "email": forms.EmailInput(),
            "phone": forms.TextInput(attrs={"type": "tel"}),
        }
        help_texts = {
            "cadence_days": _("Leave empty and Weitblick learns the rhythm from your encounters."),
            "trust": _("1 = barely, 5 = I would vouch for them without a second thought."),
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        others = Contact.objects.for_user(user).only("id", "name")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        met_through = self.fields["met_through"]
        assert isinstance(met_through, forms.ModelChoiceField)
        met_through.queryset = others
        met_through.error_messages["invalid_choice"] = _("Choose one of your own contacts.")
        if self.instance.birthday:
            self.initial["birthday"] = self.instance.birthday

    def clean_email(self) -> str:
        # The model keeps what imports bring; a person typing an address gets it checked.
        email: str = self.cleaned_data["email"].strip()
        if email:
            validate_email(email)
        return email

    def clean_trust(self) -> int | None:
        trust = self.cleaned_data["trust"]
        if trust is not None and not 1 <= trust <= 5:
            raise ValidationError(_("Trust goes from 1 to 5."))
        return trust

    def clean_cadence_days(self) -> int | None:
        cadence = self.cleaned_data["cadence_days"]
        if cadence is not None and cadence < 1:
            raise ValidationError(_("The rhythm is a number of days, at least 1."))
        return cadence

    def save(self, commit: bool = True) -> Contact:
        contact = super().save(commit=False)
        contact.owner = self.user
        contact.birthday = self.cleaned_data.get("birthday")
        if commit:
            contact.save()
        return contact


class AttributeForm(forms.Form):
    """One text box per dimension; an empty box removes the value."""

    def __init__(
        self,
        *args: Any,
        dimensions: Iterable[Dimension],
        values: dict[int, str],
        suggestions: dict[int, list[str]] | None = None,
        country: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.dimensions = list(dimensions)
        # The values in use, offered as you type (one <datalist> each, in the template); the
        # contact's country first where the dimension asks for one, so it is not typed twice.
        self.suggestions: list[tuple[str, list[str]]] = []
        for dimension in self.dimensions:
            offered = list((suggestions or {}).get(dimension.pk, []))
            attrs = {"list": f"values-d{dimension.pk}", "autocomplete": "off"}
            if country and dimension.is_country_like():
                offered = [country, *(v for v in offered if v.casefold() != country.casefold())]
                attrs["placeholder"] = country
            self.suggestions.append((f"values-d{dimension.pk}", offered))
            self.fields[f"d{dimension.pk}"] = forms.CharField(
                label=dimension.name,
                required=False,
                max_length=120,
                initial=values.get(dimension.pk, ""),
                widget=forms.TextInput(attrs=attrs),
            )

    def values(self) -> dict[Dimension, str]:
        return {d: self.cleaned_data[f"d{d.pk}"].strip() for d in self.dimensions}


def resolve_contact(owner: User, text: str, *, exclude: Contact | None = None) -> Contact:
    """The one contact a typed name means: "Anna Schmidt", or "Anna Schmidt (Siemens)" for twins."""
    text = text.strip()
    candidates = Contact.objects.for_user(owner)
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude.pk)
    matches = list(candidates.filter(name__iexact=text)[:3])
    if len(matches) != 1 and text.endswith(")") and " (" in text:
        name, organisation = text[:-1].rsplit(" (", 1)
        matches = list(candidates.filter(name__iexact=name, organisation__iexact=organisation)[:3])
    if not matches:
        raise ValidationError(_("None of your contacts is called “%(name)s”.") % {"name": text})
    if len(matches) > 1:
        raise ValidationError(
            _("Several contacts are called “%(name)s”; pick one from the suggestions.")
            % {"name": text}
        )
    return matches[0]


def display_name(contact: Contact, twins: bool = False) -> str:
    return (
        f"{contact.name} ({contact.organisation})"
        if twins and contact.organisation
        else contact.name
    )


class TieForm(forms.Form):
    other = forms.CharField(
        label=_("Who"),
        max_length=250,
        widget=forms.TextInput(attrs={"list": "tie-suggestions", "autocomplete": "off"}),
    )
    kind = forms.ChoiceField(label=_("How they know each other"), choices=Tie.Kind.choices)

    def __init__(self, *args: Any, contact: Contact, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.contact = contact

    def clean_other(self) -> Contact:
        return resolve_contact(self.contact.owner, self.cleaned_data["other"], exclude=self.contact)


class ImportantDateForm(forms.ModelForm):
    class Meta:
        model = ImportantDate
        fields = ["label", "date"]
        field_classes = {"date": DayField}
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        labels = {"label": _("What"), "date": _("Date (comes back every year)")}
