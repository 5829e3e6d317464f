"""The favicon and the app icons: /favicon.ico answers, every icon the pages name exists."""

import re
import struct
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db

IMG = Path(settings.BASE_DIR) / "static" / "img"


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_favicon_ico_answers_anyone_with_the_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"].endswith("img/favicon.ico")
    assert "max-age=86400" in response["Cache-Control"]
    assert finders.find("img/favicon.ico")


def test_favicon_ico_holds_three_sizes():
    data = (IMG / "favicon.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, 3)
    sizes = [data[6 + 16 * i] for i in range(count)]
    assert sizes == [16, 32, 48]


@pytest.mark.parametrize(
    ("name", "size"),
    [
        ("icon-192.png", 192),
        ("icon-512.png", 512),
        ("icon-maskable-512.png", 512),
        ("apple-touch-icon.png", 180),
    ],
)
def test_the_app_icons_are_pngs_of_their_size(name, size):
    assert png_size(IMG / name) == (size, size)


def test_the_scalable_icons_are_svg():
    for name in ("icon.svg", "icon-maskable.svg", "favicon.svg"):
        assert (IMG / name).read_text().startswith("<svg")


def test_every_icon_a_page_links_to_exists(client):
    html = client.get(reverse("login")).content.decode()
    links = re.findall(r'<link rel="(?:icon|apple-touch-icon)" href="/static/([^"]+)"', html)

    assert len(links) == 3
    for path in links:
        assert finders.find(path), path
