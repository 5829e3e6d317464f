"""The time-zone field: grouped by region, places by name, aliases left out but a current one kept."""

import re

import pytest
from django.urls import reverse

from crm.models import time_zone_choices, time_zone_picker_choices

pytestmark = pytest.mark.django_db


def _optgroups(html: str) -> dict[str, list[str]]:
    select = re.search(r'<select name="time_zone"[\s\S]*?</select>', html).group(0)
    return {
        label: re.findall(r'<option value="([^"]+)"', body)
        for label, body in re.findall(r'<optgroup label="([^"]+)">([\s\S]*?)</optgroup>', select)
    }


def test_the_settings_page_groups_the_zones_by_region(user_client):
    html = user_client.get(reverse("settings")).content.decode()
    groups = _optgroups(html)

    assert list(groups) == [
        "Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe",
        "Indian Ocean", "Pacific",
    ]  # fmt: skip
    assert "Europe/Berlin" in groups["Europe"]
    assert '<option value="Europe/Berlin" selected>Berlin</option>' in html
    assert (
        '<option value="America/Argentina/Buenos_Aires">Argentina / Buenos Aires</option>' in html
    )
    assert 'data-time-zone=""' in html and "this device’s time zone" in html


def test_the_aliases_are_left_out_of_the_list(user_client):
    html = user_client.get(reverse("settings")).content.decode()

    for alias in ("US/Eastern", "Etc/GMT+5", "Cuba"):
        assert f'value="{alias}"' not in html
    assert (
        len(re.findall(r"<option ", html.split('name="time_zone"')[1].split("</select>")[0])) < 500
    )


def test_a_person_on_an_alias_keeps_it_on_the_form(user_client, user):
    user.time_zone = "US/Eastern"
    user.save()

    html = user_client.get(reverse("settings")).content.decode()

    assert '<option value="US/Eastern" selected>US/Eastern</option>' in html


def test_every_zone_stays_valid_to_store_and_utc_is_first():
    flat = [value for value, label in time_zone_choices()[:1]] + [
        name for _group, zones in time_zone_choices()[1:] for name, _label in zones
    ]
    assert flat[0] == "UTC"
    assert {"US/Eastern", "Europe/Berlin", "Asia/Kolkata"} <= set(flat)
    assert time_zone_picker_choices()[0] == ("UTC", "UTC")


def test_the_region_names_are_german_for_a_german_person(user_client, user):
    user.language = "de"
    user.save()

    groups = _optgroups(user_client.get(reverse("settings")).content.decode())

    assert {"Europa", "Amerika", "Indischer Ozean"} <= set(groups)
