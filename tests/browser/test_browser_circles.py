"""The circles page and the network map in a real browser: recompute, read the bubbles, see the map."""

import pytest
from playwright.sync_api import Page, expect

from contacts.models import NetworkSnapshot

from .conftest import log_in, open_section, screenshot

pytestmark = pytest.mark.browser


def test_the_first_visit_computes_the_circles_and_shows_the_bubble_and_the_map(
    page: Page, viewport, demo_account
):
    log_in(page, "jana")
    assert not NetworkSnapshot.objects.exists()
    open_section(page, "Circles")
    # Without a broker the first visit computes them in-process. The demo's Frankfurt banking circle is the planted bubble.
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
    expect(page.locator("#network-map[data-ready=true]")).to_be_attached()
    legend = page.locator("#network-map-legend li")
    expect(legend.first).to_be_visible()
    snapshot = NetworkSnapshot.objects.get()
    assert page.locator("#network-map-legend .dot-flagged").count() == 1
    assert page.locator("#network-map-legend li:has(.dot-circle-0)").count() >= 1
    assert legend.count() >= snapshot.cluster_count
    screenshot(page, "network-map", viewport, full_page=False)


NODES = """() => {
  const cy = document.getElementById("network-map")._cyreg.cy;
  return cy.nodes().map((n) => [n.id(), Math.round(n.position("x") * 100), Math.round(n.position("y") * 100)]);
}"""

# Whether Cytoscape draws a label: its own test, the font at the zoom against min-zoomed-font-size.
LABELS = """() => {
  const cy = document.getElementById("network-map")._cyreg.cy;
  const readable = (n) => n.style("label") && cy.renderer().eleTextBiggerThanMin(n);
  return {
    named: cy.nodes(".named").filter(readable).map((n) => n.data("name")),
    small: cy.nodes().not(".named").filter(readable).length,
    loose: cy.nodes(".loose").length,
    zoomedSmall: (() => { cy.zoom(cy.zoom() * 2.5); return cy.nodes().not(".named").filter(readable).length; })(),
  };
}"""


def test_the_map_names_the_larger_dots_keeps_its_layout_and_groups_the_loose_contacts(
    page: Page, viewport, demo_account
):
    from contacts.models import Contact
    from contacts.network.snapshots import compute_snapshot

    Contact.objects.create(owner=demo_account, name="Nadia Alone")
    compute_snapshot(NetworkSnapshot.objects.create(owner=demo_account))
    log_in(page, "jana")
    page.goto("/circles/map/")
    expect(page.locator("#network-map[data-ready=true]")).to_be_attached()
    first = page.evaluate(NODES)
    labels = page.evaluate(LABELS)
    assert len(labels["named"]) >= 6, labels
    assert labels["small"] == 0, "the smaller dots are named only when zoomed in"
    assert labels["zoomedSmall"] > 0
    assert labels["loose"] >= 1
    expect(page.locator("#network-map-legend .legend-loose")).to_contain_text("tied to no one")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.reload()
    expect(page.locator("#network-map[data-ready=true]")).to_be_attached()
    assert page.evaluate(NODES) == first, "the map moved between two visits"
    screenshot(page, "network-map-named", viewport, full_page=False)
    if viewport == "desktop":
        page.set_viewport_size({"width": 1280, "height": 800})
        page.reload()
        expect(page.locator("#network-map[data-ready=true]")).to_be_attached()
        screenshot(page, "network-map-1280x800", viewport, full_page=False)

    # A tap shows the name with a link to the contact instead of leaving the page at once.
    page.reload()
    expect(page.locator("#network-map[data-ready=true]")).to_be_attached()
    point = page.evaluate("""() => {
      const cy = document.getElementById("network-map")._cyreg.cy;
      const n = cy.nodes(".named")[0];
      const box = document.getElementById("network-map").getBoundingClientRect();
      return {x: box.left + n.renderedPosition("x"), y: box.top + n.renderedPosition("y"), name: n.data("name")};
    }""")
    page.mouse.click(point["x"], point["y"])
    expect(page.locator("#network-map-name a")).to_have_text(point["name"])
