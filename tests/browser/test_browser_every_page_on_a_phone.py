"""Every page of the site on a 390 x 844 phone, in English and German: nothing scrolls sideways and
every tap target is at least 44 x 44 CSS px.

The pages are the site's URL patterns, walked and filled exactly as the German walk does it
(tests/site/test_every_page_in_german.py: `every_page` and its `demo_world`, the demo network with
one of everything an address takes an id of); no list of pages is kept here by hand. Each address
is opened as a person would open it (signed in, or logged out for the login, sign-up and password
pages), in a real Chromium. An address that only takes a form (405 on a GET) shows the one "not
allowed" page, walked once; JSON, a file (the calendar feed) and an htmx fragment's bare HTML (no
stylesheet: nobody sees it alone) are not pages. Each page is measured as it opens, then with every
<details> opened (the menu, the filters, "Log an encounter"): what one tap more would show.

What counts as a tap target: a link, button, input, select, textarea, summary or [role=button] that
is drawn (not display:none, not visibility:hidden, not transparent, not a 1-px visually-hidden
box, not inside a closed <details>). A checkbox or radio is tapped through its label, so the label
(wrapping it, or naming it with for=) is measured in its place.

One exception, WCAG 2.5.5's and 2.5.8's "inline" one, kept narrow: a link drawn inline inside a
sentence (its paragraph-like block has at least three words of its own outside any link or button)
is sized by the sentence's line height, and making it 44 px tall would tear the sentence apart. A
link alone in a list row, a table cell or a "facts" value is not in a sentence and must be 44 px.
"""

import json

import pytest
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings
from playwright._impl._api_structures import SetCookieParam
from playwright.sync_api import Browser, ViewportSize
from playwright.sync_api import Error as PlaywrightError

from tests.site.test_every_page_in_german import demo_world, every_page

from .conftest import SCREENSHOTS, VIEWPORTS, screenshot

pytestmark = pytest.mark.browser

TAP_TARGET_PX = 44
PHONE = ViewportSize(width=VIEWPORTS["phone"]["width"], height=VIEWPORTS["phone"]["height"])
# A few pages whose picture at 390 px is worth a look after a change (tests/screenshots/).
PICTURED = {
    "dashboard",
    "encounters:log_page",
    "contacts:detail",
    "contacts:list",
    "introductions:detail",
    "circles",
    "settings",
    "exchange:home",
    "quiet",
    "digest_preview",
    "login",
}

# Run in the page: what scrolls sideways and every tap target smaller than 44 x 44.
MEASURE = """(minimum) => {
  const hidden = (el) => {
    const style = getComputedStyle(el);
    if (style.visibility !== "visible" || parseFloat(style.opacity) === 0) return true;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return true;
    if (box.width <= 1 && box.height <= 1) return true;  // .visually-hidden
    // Inside a closed <details> only its summary is drawn.
    const closed = el.closest("details:not([open])");
    if (closed && !closed.querySelector(":scope > summary")?.contains(el)) return true;
    return false;
  };
  const words = (text) => (text.match(/[\\p{L}\\p{N}]{2,}/gu) || []).length;
  const inSentence = (el) => {
    if (el.tagName !== "A" || getComputedStyle(el).display !== "inline") return false;
    let block = el.parentElement;
    while (block && getComputedStyle(block).display === "inline") block = block.parentElement;
    if (!block || !block.matches("p, li, dd, td, figcaption, blockquote, .help, .muted, small")) return false;
    const copy = block.cloneNode(true);
    copy.querySelectorAll("a, button, input, select, textarea, summary, script").forEach((t) => t.remove());
    return words(copy.textContent) >= 3;
  };
  const describe = (el) => {
    const text = (el.getAttribute("aria-label") || el.textContent || el.value || el.name || "")
      .replace(/\\s+/g, " ").trim().slice(0, 40);
    const classes = [...el.classList].slice(0, 2).map((c) => "." + c).join("");
    const type = el.type && el.tagName === "INPUT" ? `[type=${el.type}]` : "";
    const parent = el.parentElement;
    const within = `${parent.tagName.toLowerCase()}${[...parent.classList].slice(0, 2).map((c) => "." + c).join("")}`;
    return `<${el.tagName.toLowerCase()}${type}${classes}> "${text}" in <${within}>`;
  };
  const targetOf = (el) => {
    if (el.matches("input[type=checkbox], input[type=radio]")) {
      const label = el.closest("label") || (el.id && document.querySelector(`label[for="${el.id}"]`));
      if (label) return label;
    }
    return el;
  };
  // The second look, with every <details> opened, measures only what the first did not.
  const seen = window.__measuredTargets || (window.__measuredTargets = new Set());
  const small = [];
  let checked = 0;
  let inline = 0;
  const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]";
  for (const el of document.querySelectorAll(selector)) {
    const target = targetOf(el);
    if (seen.has(target)) continue;
    if (hidden(el) && (target === el || hidden(target))) continue;
    seen.add(target);
    checked += 1;
    if (inSentence(target)) { inline += 1; continue; }
    const box = target.getBoundingClientRect();
    if (box.width < minimum - 0.5 || box.height < minimum - 0.5) {
      small.push(`${describe(target)} ${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  }
  const wide = [];
  const width = window.innerWidth;
  if (document.documentElement.scrollWidth > width) {
    // Name the outermost elements that reach past the right edge.
    for (const el of document.body.querySelectorAll("*")) {
      const box = el.getBoundingClientRect();
      if (box.right > width + 0.5 && box.width > 0 && !(el.parentElement.getBoundingClientRect().right > width + 0.5)) {
        wide.push(`${describe(el)} reaches ${Math.round(box.right)} px`);
      }
    }
    // Or a box whose own content (a long line of text) spills out of it.
    for (const el of document.body.querySelectorAll("*")) {
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === "visible") {
        wide.push(`${describe(el)} holds ${el.scrollWidth} px in ${el.clientWidth}`);
      }
    }
  }
  return {
    scrollWidth: document.documentElement.scrollWidth, width, checked, inline, small, wide,
    styled: !!document.querySelector("link[rel=stylesheet][href*=weitblick]"),
  };
}"""

OPEN_EVERY_DETAILS = """() => {
  const closed = [...document.querySelectorAll("details:not([open])")];
  closed.forEach((details) => { details.open = true; });
  return closed.length;
}"""


def _signed_in_cookie(user, url: str) -> SetCookieParam:
    """The session cookie of `user`, signed in without the login form (its own test has that)."""
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return {"name": name, "value": client.cookies[name].value, "url": url}


@pytest.mark.parametrize("language", ["en", "de"])
def test_every_page_fits_a_phone_without_sideways_scrolling_and_with_44_px_tap_targets(
    browser: Browser, live_server, transactional_db, language
):
    # As the German walk: sign-up open, so that its page is a page.
    with demo_world(language) as world, override_settings(SIGNUP_MODE="open"):
        contexts = {
            logged_out: browser.new_context(
                viewport=PHONE,
                base_url=live_server.url,
                locale="de-DE" if language == "de" else "en-US",
            )
            for logged_out in (False, True)
        }
        contexts[False].add_cookies([_signed_in_cookie(world.user, live_server.url)])
        pages = {logged_out: context.new_page() for logged_out, context in contexts.items()}
        problems: dict[str, list[str]] = {}
        walked = elements = inline = 0
        not_pages: list[str] = []
        name_of_405 = ""
        try:
            for name, path, logged_out in every_page(world):
                page = pages[logged_out]
                try:
                    response = page.goto(path)
                except PlaywrightError as error:
                    if "Download is starting" not in error.message:
                        raise
                    not_pages.append(path)  # a file to save (the calendar feed)
                    continue
                assert response is not None, path
                # A 404 would mean a wrong id, and a page left unwalked.
                assert response.status not in (404, 500), f"{path}: {response.status}"
                if "html" not in response.headers.get("content-type", ""):
                    not_pages.append(path)  # a JSON answer
                    continue
                if response.status == 405:
                    # Only sent to (a form's action): the one "not allowed" page is walked once.
                    if name_of_405:
                        not_pages.append(path)
                        continue
                    name_of_405 = name
                found = page.evaluate(MEASURE, TAP_TARGET_PX)
                if not found["styled"]:
                    not_pages.append(path)  # an htmx fragment's bare HTML: no person sees it so
                    continue
                walked += 1
                if name in PICTURED:
                    screenshot(page, f"every-page-{name.replace(':', '-')}-{language}", "phone")
                page_problems = []
                # As it opens, then with every fold opened: the menu, the filters, "Log an
                # encounter", "More about them" (what a tap would show).
                for state in ("", " (every <details> open)"):
                    if state:
                        opened = page.evaluate(OPEN_EVERY_DETAILS)
                        if not opened:
                            break
                        found = page.evaluate(MEASURE, TAP_TARGET_PX)
                    elements += found["checked"]
                    inline += found["inline"]
                    if found["scrollWidth"] > found["width"]:
                        page_problems.append(
                            f"scrolls sideways{state}: {found['scrollWidth']} px wide in"
                            f" {found['width']}: " + "; ".join(found["wide"][:5])
                        )
                    page_problems += [
                        f"tap target under 44 px{state}: {small}" for small in found["small"]
                    ]
                if page_problems:
                    problems[f"{name} {path}"] = page_problems
        finally:
            for context in contexts.values():
                context.close()
        # The whole finding, for a look at it: tests/screenshots/every-page-<language>.json.
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        (SCREENSHOTS / f"every-page-{language}.json").write_text(
            json.dumps(problems, indent=1, ensure_ascii=False), encoding="utf-8"
        )
        failures = sum(len(found) for found in problems.values())
        print(
            f"\n{language}: {walked} pages walked at {PHONE['width']} px, {elements} tap targets"
            f" checked ({inline} inline in a sentence), {failures} failures on {len(problems)}"
            f" pages; not pages: {not_pages}"
        )
        assert walked >= 35, walked
        assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)
