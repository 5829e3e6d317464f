"""The encounter form behind the quick log and the edit page; its participant picker works without JS."""

import datetime
import uuid
from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.validators import validate_email
from django.db.models import Q
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from contacts.account import User, is_id
from contacts.forms import DayField
from contacts.models import Contact, Dimension
from contacts.values import known_values

from .models import Encounter, Kind, Views
from .next_steps import RHYTHM_MAX_DAYS, SNOOZE_CHOICES
from .recording import NewPerson

# An encounter is something that happened; a day ahead allows for time zones and travel.
MAX_DAYS_AHEAD = 1
EARLIEST_DATE = datetime.date(1900, 1, 1)


def dimensions_with_values(user: User) -> list[tuple[Dimension, list[str]]]:
    """Each of the user's dimensions with the values its contacts have: two queries."""
    known = known_values(user)
    return [
        (dimension, known.get(dimension.pk, [])) for dimension in Dimension.objects.for_user(user)
    ]


class NameListField(forms.Field):
    """Several values of one name (hidden inputs added by the picker), as a list of stripped strings."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[str]:
        if not value:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        return [v.strip()[:200] for v in values if v and v.strip()]


class EncounterForm(forms.ModelForm):
    participants = forms.ModelMultipleChoiceField(
        queryset=Contact.objects.none(),
        required=False,
        widget=forms.MultipleHiddenInput,
        # Offline, the usual cause is a contact deleted while the encounter waited on the phone.
        error_messages={
            "invalid_choice": _(
                "Choose only your own contacts: one of the people chosen is not, or no longer, among them."
            )
        },
    )
    new_people = NameListField(required=False)
    who = forms.CharField(
        label=_("Who"),
        required=False,
        max_length=500,
        help_text=_(
            "Type a name, organisation or email. Several names: separate them with commas."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "type": "search"}),
    )
    create_missing = forms.BooleanField(
        label=_("Add people I name who are not in Weitblick yet"), required=False
    )
    planned = forms.TypedChoiceField(
        label=_("Planned or by chance?"),
        choices=[("1", _("planned")), ("0", _("by chance"))],
        coerce=lambda value: value == "1",
        initial="1",
        widget=forms.RadioSelect,
    )
    # Made each time the form is shown: posting the same form again stores nothing more.
    client_key = forms.UUIDField(required=False, initial=uuid.uuid4, widget=forms.HiddenInput)
    views = forms.ChoiceField(
        label=_("Did our views differ?"),
        choices=[("", _("not noted")), *Views.choices],
        required=False,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Encounter
        fields = ["kind", "occurred_on", "time", "planned", "location", "notes", "learned", "views"]
        labels = {"kind": _("What kind"), "occurred_on": _("When")}
        widgets = {
            "kind": forms.RadioSelect,
            "occurred_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "location": forms.TextInput(
                attrs={"placeholder": _("Café Laumer, seat 14C, plant 2 …")}
            ),
            "notes": forms.Textarea(attrs={"rows": 2}),
            "learned": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(
        self, *args: Any, user: User, preselected: Iterable[Contact] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.preselected = list(preselected)
        participants = self.fields["participants"]
        assert isinstance(participants, forms.ModelMultipleChoiceField)
        # Looked up by id only to check they are the user's: no order to build or sort.
        participants.queryset = Contact.objects.for_user(user).order_by()
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = Kind.choices
        self.fields["occurred_on"].initial = timezone.localdate
        if self.instance.pk:
            # The instance's True/False does not match the radio values "1"/"0".
            self.initial["planned"] = "1" if self.instance.planned else "0"
        self.unresolved: list[str] = []
        self.ambiguous: dict[str, list[Contact]] = {}

    def clean_occurred_on(self) -> datetime.date:
        day = self.cleaned_data["occurred_on"]
        latest = timezone.localdate() + datetime.timedelta(days=MAX_DAYS_AHEAD)
        if day > latest:
            raise forms.ValidationError(
                _("That is in the future. Log an encounter once it has happened."), code="future"
            )
        if day < EARLIEST_DATE:
            raise forms.ValidationError(_("That date is too far back."), code="past")
        return day

    def _resolve_typed_names(
        self, typed: str, chosen: list[Contact]
    ) -> tuple[list[Contact], list[str]]:
        """The no-JavaScript picker: names typed into "who" become contacts or new people."""
        found: list[Contact] = []
        new: list[str] = []
        for name in [part.strip() for part in typed.split(",") if part.strip()]:
            matches = list(
                Contact.objects.for_user(self.user).filter(
                    Q(name__iexact=name) | Q(email__iexact=name)
                )[:5]
            )
            if len(matches) == 1:
                found.append(matches[0])
            elif any(match in chosen for match in matches):
                pass  # one of them was ticked when the form came back: the name is settled
            elif matches:
                self.ambiguous[name] = matches
            elif self.cleaned_data.get("create_missing"):
                new.append(name)
            else:
                self.unresolved.append(name)
        return found, new

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        participants = list(cleaned.get("participants") or [])
        new_people = list(cleaned.get("new_people") or [])
        typed = cleaned.get("who") or ""
        if typed and "participants" not in self.errors:
            found, new = self._resolve_typed_names(typed, participants)
            participants += [c for c in found if c not in participants]
            new_people += [n for n in new if n not in new_people]
            if self.unresolved:
                self.add_error(
                    "who",
                    _(
                        "Nobody called “%(names)s” yet. Tick the box below to add them, or pick from the list."
                    )
                    % {"names": "”, “".join(self.unresolved)},
                )
            if self.ambiguous:
                self.add_error(
                    "who",
                    _("Several people match “%(names)s”: pick one from the list.")
                    % {"names": "”, “".join(self.ambiguous)},
                )
        if (
            not participants
            and not new_people
            and "participants" not in self.errors
            and not self.errors.get("who")
        ):
            self.add_error("who", _("Who was there? Add at least one person."))
        cleaned["participants"] = participants
        cleaned["new_people"] = self._new_people_details(new_people)
        return cleaned

    def _new_people_details(self, names: list[str], *, report: bool = True) -> list[NewPerson]:
        """The new people with what was typed about them: one value per person in each list.

        The picker gives every new person the same set of inputs in one fieldset, so the i-th
        value of each list belongs to the i-th name; a name typed without JavaScript has none.
        """
        posted = self._posted("new_people")
        people: list[NewPerson] = []
        for position, name in enumerate(names):
            index = position if position < len(posted) else None

            def value(key: str, limit: int, index: int | None = index) -> str:
                values = self._posted(f"new_{key}")
                return (
                    values[index].strip()[:limit]
                    if index is not None and index < len(values)
                    else ""
                )

            email = value("email", 254)
            if email and report:
                try:
                    validate_email(email)
                except forms.ValidationError:
                    self.add_error(
                        None,
                        _("“%(email)s” for %(name)s is not an email address.")
                        % {"email": email, "name": name},
                    )
            values: dict[int, str] = {}
            for key in self.data:
                if key.startswith("new_d") and key[5:].isdigit():
                    typed = value(key[4:], 120)
                    if typed:
                        values[int(key[5:])] = typed
            people.append(
                NewPerson(
                    name=name,
                    organisation=value("organisation", 200),
                    role=value("role", 200),
                    city=value("city", 120),
                    country=value("country", 120),
                    email=email,
                    how_we_met=value("how_we_met", 2000),
                    values=values,
                )
            )
        return people

    def new_person_dimensions(self) -> list[tuple[Dimension, list[str]]]:
        """The user's dimensions with the values already in use: the suggestions for a new person."""
        return dimensions_with_values(self.user)

    def chosen_contacts(self) -> list[Contact]:
        """The contacts already picked, to show as chips again when the form comes back."""
        if self.is_bound:
            ids = [v for v in self._posted("participants") if is_id(v)]
            return list(Contact.objects.for_user(self.user).filter(pk__in=ids))
        if self.instance.pk:
            return list(self.instance.participants.all())
        return self.preselected

    def chosen_new_people(self) -> list[dict[str, Any]]:
        """The new people as posted, with what was typed about them, to show them again."""
        if not self.is_bound:
            return []
        names = [v.strip()[:200] for v in self._posted("new_people") if v.strip()]
        if not names:
            return []
        dimensions = self.new_person_dimensions()
        return [
            {
                "name": person.name,
                "key": f"new-person-{index}",
                "person": person,
                "dimension_rows": [
                    (dimension, suggestions, person.values.get(dimension.pk, ""))
                    for dimension, suggestions in dimensions
                ],
            }
            for index, person in enumerate(self._new_people_details(names, report=False))
        ]

    def _posted(self, name: str) -> list[str]:
        """Every value the picker posted under `name` (one hidden input per person)."""
        # Bound from request.POST (a QueryDict) in every view; a plain dict holds one value a name.
        assert isinstance(self.data, MultiValueDict)
        return self.data.getlist(self.add_prefix(name))

    def details(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "occurred_on": data["occurred_on"],
            "time": data.get("time"),
            "kind": data["kind"],
            "planned": data["planned"],
            "location": data.get("location", ""),
            "notes": data.get("notes", ""),
            "learned": data.get("learned", ""),
            "views": data.get("views", ""),
        }


class SnoozeForm(forms.Form):
    """ "Not now" from a quiet row: one of the offered lengths, in days."""

    days = forms.TypedChoiceField(
        coerce=int,
        choices=[(str(days), label) for days, label in SNOOZE_CHOICES.items()],
        error_messages={"invalid_choice": _("Choose two weeks, a month or three months.")},
    )


class PlanForm(forms.Form):
    """The next encounter with a quiet contact, or a reminder to get in touch, on a day."""

    on = DayField(
        label=_("On"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Choose a day."), "invalid": _("This is not a date.")},
    )
    kind = forms.ChoiceField(
        label=_("What"),
        choices=[("", _("a reminder to get in touch")), *Kind.choices],
        required=False,
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class RhythmForm(forms.Form):
    """How often to see a contact, in days; empty goes back to the rhythm learned from encounters."""

    days = forms.IntegerField(
        label=_("Every how many days"),
        min_value=1,
        max_value=RHYTHM_MAX_DAYS,
        required=False,
        error_messages={"invalid": _("Enter a number of days.")},
    )
