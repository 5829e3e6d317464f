"""The circles page and the network map in a real browser: recompute, read the bubbles, see the map."""

import pytest
from playwright.sync_api import Page, expect

from contacts.models import NetworkSnapshot

from .conftest import log_in, open_section, screenshot

pytestmark = pytest.mark.browser


def test_it_recomputes_the_circles_and_shows_the_bubble_and_the_map(
    page: Page, viewport, demo_account
):
    log_in(page, "jana")
    open_section(page, "Circles")
    expect(page.get_by_text("have not been computed yet")).to_be_visible()

    page.get_by_role("button", name="Recompute now").click()
    # The demo's Frankfurt banking circle is the planted bubble.
    bubble = page.locator("article.circle-flagged").first
    expect(bubble).to_be_visible()
    expect(bubble).to_contain_text("Banking")
    expect(bubble.locator(".badge-warn")).to_have_text("bubble")
    expect(bubble.get_by_text("Who you already know outside it")).to_be_visible()
    assert NetworkSnapshot.objects.filter(owner=demo_account, status="done").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        "the page scrolls sideways"
    )
    screenshot(page, "circles", viewport)

    page.get_by_role("link", name="See the map").click()
    expect(page.locator("#network-map canvas").first).to_be_attached()
    legend = page.locator("#network-map-legend li")
    expect(legend.first).to_be_visible()
    assert legend.count() == NetworkSnapshot.objects.get().cluster_count
    expect(page.locator("#network-map-legend .dot-flagged")).to_have_count(1)
    screenshot(page, "network-map", viewport, full_page=False)
