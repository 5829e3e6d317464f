from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EncountersConfig(AppConfig):
    name = "encounters"
    verbose_name = _("Encounters")

    def ready(self) -> None:
        # The network analysis (contacts/) learns who met whom through this one function.
        from contacts.network.encounter_data import register_encounter_source

        from .participations import network_encounter_data

        register_encounter_source(network_encounter_data)

        # Shared encounters are edges of the network: a change marks the circles as due.
        from django.db.models.signals import post_delete, post_save

        from .models import Encounter
        from .recording import encounter_row_changed

        uid = "network-change-encounters.encounter"
        post_save.connect(encounter_row_changed, sender=Encounter, dispatch_uid=uid)
        post_delete.connect(encounter_row_changed, sender=Encounter, dispatch_uid=uid)

        # SQLite's search needs its Python functions on every connection (search/sqlite.py).
        from .search import sqlite

        sqlite.connect()
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_migrate, pre_save

        user_model = get_user_model()
        pre_save.connect(sqlite.remember_language, sender=user_model, dispatch_uid="search-lang")
        post_save.connect(sqlite.language_changed, sender=user_model, dispatch_uid="search-lang")
        post_migrate.connect(sqlite.restore_triggers, sender=self, dispatch_uid="search-triggers")
