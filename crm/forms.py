"""Forms for the person's own account, and the renderer every form on the site goes through."""

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from .models import User


class FormRenderer(TemplatesSetting):
    form_template_name = "forms/div.html"
    field_template_name = "forms/field.html"


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
