"""Forms for the person's own account and for joining, and the renderer every form goes through."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import UserCreationForm
from django.forms.models import BaseModelFormSet, modelformset_factory
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from contacts.models import Dimension

from .models import User, time_zone_picker_choices
from .signup import has_account


class FormRenderer(TemplatesSetting):
    form_template_name = "forms/div.html"
    field_template_name = "forms/field.html"


# static/js/weitblick.js turns a select marked data-time-zone into a searchable one and offers the
# browser's own zone; the words it shows come from here, so no JavaScript catalogue is needed.
TIME_ZONE_PICKER_ATTRS = {
    "data-time-zone": "",
    "data-search-label": _("Search time zones"),
    "data-search-placeholder": _("City or region, e.g. Berlin"),
    "data-suggest": _("Use %(zone)s, this device’s time zone"),
    "data-no-match": _("No time zone matches."),
}


def make_time_zone_picker(field: forms.Field, current: str | None) -> None:
    """A grouped select of the regions' zones (the current one kept), searchable with JavaScript."""
    assert isinstance(field, forms.ChoiceField)
    field.choices = time_zone_picker_choices(current)
    field.widget.attrs.update(TIME_ZONE_PICKER_ATTRS)


class AccountSettingsForm(forms.ModelForm):
    class Meta:
        model = User
        fields = [
            "first_name",
            "email",
            "time_zone",
            "language",
            "digest_enabled",
            "digest_weekday",
            "digest_hour",
        ]
        labels = {"first_name": _("Your name")}
        help_texts = {
            "time_zone": _("Dates on every page and the weekly digest follow this time zone."),
            "digest_hour": _("In your time zone."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        make_time_zone_picker(self.fields["time_zone"], self.instance.time_zone)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=settings.LANGUAGES,
        help_text=_("The mail and the first pages are in this language."),
    )

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"]
        if has_account(email):
            raise forms.ValidationError(_("This address already has an account."), code="taken")
        return email


class SignupForm(forms.Form):
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("We send a link there; it leads to choosing your username and password."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class JoinForm(UserCreationForm):
    """The account a join link makes: the address comes from the link, the rest from the person."""

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "time_zone", "language")
        labels = {"first_name": _("Your name")}
        help_texts = {
            "username": _("What you log in with: letters, digits and @ . + - _ only."),
            "time_zone": _("Dates on every page and the weekly digest follow this time zone."),
        }

    field_order = ["username", "password1", "password2", "first_name", "time_zone", "language"]

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        kwargs.setdefault("instance", User(email=email))
        super().__init__(*args, **kwargs)
        make_time_zone_picker(self.fields["time_zone"], self.instance.time_zone)
        self.fields["username"].widget.attrs["autocomplete"] = "username"


class DimensionForm(forms.ModelForm):
    class Meta:
        model = Dimension
        fields = ["name"]
        labels = {"name": _("Dimension")}
        error_messages = {
            "name": {"required": _("Give it a name, or tick “Remove”.")},
        }


class BaseDimensionFormSet(BaseModelFormSet):
    """The person's dimensions, renamed, removed or one added; two may not share a name."""

    def add_fields(self, form: Any, index: Any) -> None:
        super().add_fields(form, index)
        # Django checks a posted id against every dimension in the table; only the person's own
        # may be named, so another account's id is an invalid choice rather than a silent no-op.
        id_field = form.fields["id"]
        assert isinstance(id_field, forms.ModelChoiceField)
        id_field.queryset = self.get_queryset()

    def clean(self) -> None:
        super().clean()
        seen: set[str] = set()
        for form in self.forms:
            if not form.is_valid() or form.cleaned_data.get("DELETE"):
                continue
            name = (form.cleaned_data.get("name") or "").strip()
            if not name:
                continue
            if name.casefold() in seen:
                form.add_error("name", _("You have a dimension of this name already."))
            seen.add(name.casefold())


DimensionFormSet = modelformset_factory(
    Dimension, form=DimensionForm, formset=BaseDimensionFormSet, extra=1, can_delete=True
)
