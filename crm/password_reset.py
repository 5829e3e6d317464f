"""Asking for a new password: throttled per client address and per account, the link built from
SITE_URL, and a plain "cannot" where the server has no mail set up."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.decorators import method_decorator

from .addresses import client_address
from .mail import mail_configured
from .throttle import count_attempt


@method_decorator(login_not_required, name="dispatch")
class GuardedPasswordResetView(auth_views.PasswordResetView):
    """Django's reset view with three guards.

    - One client address asks AXES_FAILURE_LIMIT times per cool-off, as many as it may guess
      passwords; one account gets SIGNUP_MAILS_PER_ADDRESS mails then, whoever asks (without
      saying so: the page never tells whether an address has an account).
    - The link in the mail starts with SITE_URL: a forged Host header cannot point it elsewhere.
    - Without a mail server the page says so and sends nothing (crm/mail.py).
    """

    def dispatch(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not mail_configured():
            return render(request, "registration/password_reset_no_mail.html")
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        if (
            count_attempt("password-reset", client_address(request), settings.AXES_COOLOFF_TIME)
            > settings.AXES_FAILURE_LIMIT
        ):
            return render(request, "registration/password_reset_throttled.html", status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        email = form.cleaned_data["email"].strip().casefold()
        if (
            count_attempt("password-reset-mail", email, settings.AXES_COOLOFF_TIME)
            > settings.SIGNUP_MAILS_PER_ADDRESS
        ):
            return HttpResponseRedirect(self.get_success_url())
        self.extra_email_context = {"site_url": settings.WEITBLICK_SITE_URL.rstrip("/")}
        return super().form_valid(form)
