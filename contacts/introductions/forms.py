"""The forms behind making an introduction and recording its next step."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from contacts.account import User
from contacts.forms import DayField, resolve_contact
from contacts.models import Contact, Introduction


class IntroductionForm(forms.Form):
    first = forms.CharField(
        label=_("Introduce"),
        max_length=250,
        widget=forms.TextInput(attrs={"list": "intro-suggestions", "autocomplete": "off"}),
    )
    second = forms.CharField(
        label=_("to"),
        max_length=250,
        widget=forms.TextInput(attrs={"list": "intro-suggestions", "autocomplete": "off"}),
    )
    reason = forms.CharField(
        label=_("Why should they meet?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why they should meet.")},
        help_text=_(
            "Write it as you would say it to both of them: it goes into the introduction text. "
            "Your own credibility goes with it."
        ),
    )
    about_first = forms.CharField(
        label=_("Who the first person is, in a line (optional)"),
        required=False,
        max_length=300,
        help_text=_("Role and organisation come from the contact; add what they should know."),
    )
    about_second = forms.CharField(
        label=_("Who the second person is, in a line (optional)"),
        required=False,
        max_length=300,
    )
    channel = forms.ChoiceField(
        label=_("How"),
        choices=Introduction.Channel.choices,
        initial=Introduction.Channel.EMAIL,
        widget=forms.RadioSelect,
    )
    follow_up_on = DayField(
        label=_("Follow up on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty for three weeks from today."),
    )
    ask_first = forms.BooleanField(
        label=_("Ask each first"),
        required=False,
        help_text=_("Record each side's yes before you introduce them (double opt-in)."),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_first(self) -> Contact:
        return resolve_contact(self.user, self.cleaned_data["first"])

    def clean_second(self) -> Contact:
        return resolve_contact(self.user, self.cleaned_data["second"])

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Say why they should meet."))
        return reason

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        first, second = cleaned.get("first"), cleaned.get("second")
        if first and second and first.pk == second.pk:
            self.add_error("second", _("A contact cannot be introduced to themselves."))
        return cleaned


class IntroductionStepForm(forms.Form):
    status = forms.ChoiceField(choices=Introduction.Status.choices, required=False)
    outcome = forms.ChoiceField(choices=Introduction.Outcome.choices, required=False)
    note = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class AnswerForm(forms.Form):
    side = forms.ChoiceField(choices=[("a", "a"), ("b", "b")])
    answer = forms.ChoiceField(
        choices=[(Introduction.Answer.YES, _("yes")), (Introduction.Answer.NO, _("no"))]
    )


class FollowUpForm(forms.Form):
    follow_up_on = DayField(
        label=_("Follow up on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Choose a day."), "invalid": _("This is not a date.")},
    )
