"""The signed-in account as the apps below crm/ see it: its type, and the request that carries it.

The account model is crm.User (settings.AUTH_USER_MODEL), which contacts/, encounters/ and
exchange/ may not import. django-stubs' mypy plugin resolves its `_User` placeholder to whatever
AUTH_USER_MODEL names, so the lower apps are typed against crm.User without importing it.
"""

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User
else:
    # At run time annotations only need a name; every account is an AbstractBaseUser.
    from django.contrib.auth.base_user import AbstractBaseUser as User

__all__ = ["AuthenticatedRequest", "User", "is_id", "next_on_this_site"]


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


def next_on_this_site(request: HttpRequest, default: str) -> str:
    """The `next` address a form or link carries, when it is a path on this site; else `default`.

    Only a path (starting with one "/") is taken: redirect() reads anything else as a view name to
    reverse, and "-1" or a long number there is a NoReverseMatch, a 500, instead of a way back.
    """
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target.startswith("/")
        and not target.startswith("//")
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return default


def is_id(text: str) -> bool:
    """Whether `text`, from an address or a form, can be a row's id: ASCII digits only.

    str.isdigit() alone also takes "²" and other Unicode digits, which int() and the database refuse.
    """
    return text.isascii() and text.isdigit()
