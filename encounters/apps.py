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
