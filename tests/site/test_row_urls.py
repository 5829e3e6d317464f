"""{% row_url %} (crm/templatetags/weitblick.py): the address {% url %} gives, for a list's rows,
at a fraction of reverse()'s cost."""

import pytest
from django.template import engines
from django.urls import clear_script_prefix, reverse, set_script_prefix

from crm.templatetags.weitblick import row_url

NAMES_AND_IDS = [
    ("contacts:detail", (1,)),
    ("contacts:detail", (73_102_649,)),
    ("contacts:detail", ("42",)),
    ("contacts:tie_remove", (12, 3_456)),
    ("contacts:date_remove", (7, 8)),
    ("encounters:edit", (5,)),
    ("quiet_snooze", ("9",)),
    ("introductions:detail", (11,)),
]


@pytest.mark.parametrize(("name", "ids"), NAMES_AND_IDS)
def test_it_gives_the_address_reverse_gives(name, ids):
    assert row_url(name, *ids) == reverse(name, args=ids)


def test_it_follows_the_script_prefix():
    try:
        set_script_prefix("/crm/")
        assert (
            row_url("contacts:detail", 5)
            == "/crm/contacts/5/"
            == reverse("contacts:detail", args=[5])
        )
    finally:
        clear_script_prefix()
    assert row_url("contacts:detail", 5) == "/contacts/5/"


def test_anything_but_plain_ids_goes_to_reverse():
    assert row_url("dashboard") == reverse("dashboard")
    with pytest.raises(Exception, match="Reverse"):
        row_url("contacts:detail", "no number")


def test_the_tag_renders_what_the_url_tag_renders():
    template = engines["django"].from_string(
        "{% load weitblick %}{% for pk in ids %}{% row_url 'contacts:detail' pk %}"
        "{% row_url 'contacts:detail' pk as link %}{{ link }}{% endfor %}"
    )
    expected = engines["django"].from_string(
        "{% for pk in ids %}{% url 'contacts:detail' pk %}"
        "{% url 'contacts:detail' pk as link %}{{ link }}{% endfor %}"
    )
    assert template.render({"ids": [1, 20, 300]}) == expected.render({"ids": [1, 20, 300]})
