"""The signed-in account as the apps below crm/ see it: its type, and the request that carries it.

The account model is crm.User (settings.AUTH_USER_MODEL), which contacts/, encounters/ and
exchange/ may not import. django-stubs' mypy plugin resolves its `_User` placeholder to whatever
AUTH_USER_MODEL names, so the lower apps are typed against crm.User without importing it.
"""

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User
else:
    # At run time annotations only need a name; every account is an AbstractBaseUser.
    from django.contrib.auth.base_user import AbstractBaseUser as User

__all__ = ["AuthenticatedRequest", "User"]


class AuthenticatedRequest(HttpRequest):
    """The request a view gets: LoginRequiredMiddleware lets no anonymous visitor reach a view
    that is not marked login_not_required, and HtmxMiddleware sets `htmx`."""

    user: User
    htmx: HtmxDetails
