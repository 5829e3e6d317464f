"""The "Phones and scripts" page: app passwords for the address book and tokens for the API,
made (shown once), listed with their last use, and revoked."""

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from contacts.account import AuthenticatedRequest

from .keys import create_key
from .models import AppPassword

# The session key under which a fresh secret waits for the one page view that shows it.
FRESH_SECRET = "fresh_app_password"


class KeyForm(forms.ModelForm):
    class Meta:
        model = AppPassword
        fields = ["name", "kind"]
        help_texts = {"name": _("The device or script it is for, e.g. “iPhone” or “Shortcut”.")}


def keys_page(request: AuthenticatedRequest) -> HttpResponse:
    form = KeyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        key, secret = create_key(
            request.user, name=form.cleaned_data["name"], kind=form.cleaned_data["kind"]
        )
        request.session[FRESH_SECRET] = {"id": key.pk, "secret": secret}
        return redirect("keys:home")
    fresh = request.session.pop(FRESH_SECRET, None)
    return render(
        request,
        "exchange/keys.html",
        {
            "form": form,
            "keys": AppPassword.objects.for_user(request.user),
            "fresh": fresh,
            "server_url": request.build_absolute_uri("/"),
            "api_url": request.build_absolute_uri("/api/v1/docs"),
        },
    )


@require_POST
def revoke(request: AuthenticatedRequest, key_id: int) -> HttpResponse:
    key = get_object_or_404(AppPassword.objects.for_user(request.user), pk=key_id)
    key.delete()
    messages.success(request, _("“%(name)s” no longer works.") % {"name": key.name})
    return redirect("keys:home")
