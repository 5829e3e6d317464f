"""The signed-in account as the apps below crm/ see it: its type, and the request that carries it.

The account model is crm.User (settings.AUTH_USER_MODEL), which contacts/, encounters/ and
exchange/ may not import. django-stubs' mypy plugin resolves its `_User` placeholder to whatever
AUTH_USER_MODEL names, so the lower apps are typed against crm.User without importing it.
"""

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
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


def lock_account(user: User) -> None:
    """Hold the account's row until the transaction ends, so that writes which look before they
    create ("is this person a contact yet?") take turns within one account.

    Two such writes at once would both look, both find nothing and both create. No constraint can
    say "the same person" (names repeat, addresses are shared), so the look and the write are
    serialised instead; other accounts never wait. Call it inside transaction.atomic().
    """
    accounts = get_user_model()._default_manager
    list(accounts.select_for_update().filter(pk=user.pk).values_list("pk"))
