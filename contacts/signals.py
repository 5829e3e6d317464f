"""A new account starts with the default diversity dimensions."""

from typing import Any

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from .account import User
from .models import Dimension


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def give_new_user_default_dimensions(
    sender: type[User], instance: User, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if created and not raw:
        Dimension.create_defaults(instance)
