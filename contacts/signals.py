"""A new account starts with the default diversity dimensions."""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Dimension


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def give_new_user_default_dimensions(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        Dimension.create_defaults(instance)
