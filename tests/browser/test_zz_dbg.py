import pytest
from django.db.models import Count
from playwright.sync_api import Page
from contacts.models import Contact
from .conftest import log_in

def shots(page, name, w):
    page.evaluate("window.scrollTo(0,0)")
    h = page.evaluate("document.documentElement.scrollHeight")
    for i, y in enumerate(range(0, h, 900)):
        page.screenshot(path=f"/tmp/dbg/{name}-{w}-{i}.png", full_page=True, clip={"x": 0, "y": y, "width": w, "height": min(900, h - y)}, caret="initial")

@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_dbg(page: Page, viewport, demo_account):
    w = 390 if viewport == "phone" else 1280
    c = Contact.objects.for_user(demo_account).filter(archived=False).annotate(seen=Count("encounters")).order_by("-seen").first()
    log_in(page, demo_account.username)
    shots(page, "dash", w)
    page.goto(f"/contacts/{c.pk}/")
    shots(page, "contact", w)
    page.goto("/contacts/?sort=last_seen")
    page.get_by_text("Filter by dimension").click()
    shots(page, "list", w)
    page.goto("/encounters/")
    shots(page, "enc", w)
