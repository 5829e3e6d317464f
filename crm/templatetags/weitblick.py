"""Template helpers shared by every page."""

import contextlib
import datetime
from typing import Any

from django import template
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timesince import timesince
from django.utils.translation import get_language, gettext, npgettext_lazy, pgettext, pgettext_lazy

register = template.Library()


@register.filter
def width_class(fraction_or_percent: float | str | None) -> str:
    """A CSS class w-0 … w-100 in steps of 5 for a bar; the CSP forbids inline style widths.

    Takes a fraction (0–1) or a percentage (above 1).
    """
    try:
        value = float(fraction_or_percent or 0)
    except (TypeError, ValueError):
        value = 0.0
    percent = value * 100 if value <= 1 else value
    step = int(round(max(0.0, min(100.0, percent)) / 5) * 5)
    return f"w-{step}"


# The units of a time ago, said as they stand after "ago": German puts them in the dative
# ("vor 8 Monaten"), where timesince's own units are the nominative ("8 Monate").
AGO_UNITS = {
    "year": npgettext_lazy("time ago", "%(num)d year", "%(num)d years", "num"),
    "month": npgettext_lazy("time ago", "%(num)d month", "%(num)d months", "num"),
    "week": npgettext_lazy("time ago", "%(num)d week", "%(num)d weeks", "num"),
    "day": npgettext_lazy("time ago", "%(num)d day", "%(num)d days", "num"),
    "hour": npgettext_lazy("time ago", "%(num)d hour", "%(num)d hours", "num"),
    "minute": npgettext_lazy("time ago", "%(num)d minute", "%(num)d minutes", "num"),
}


@register.filter
def days_since(day: datetime.date | None, today: datetime.date | None) -> str:
    """'today', 'yesterday' or '3 weeks ago' ('vor 3 Wochen') for a past date; timesince alone
    says '0 minutes' for today and leaves the 'ago' to each template."""
    if not day or not today:
        return ""
    delta = (today - day).days
    if delta <= 0:
        return gettext("today")
    if delta == 1:
        return gettext("yesterday")
    # The stubs want plain strings; timesince itself takes lazy plurals, as its own defaults are.
    units: Any = AGO_UNITS
    return gettext("%(time)s ago") % {"time": timesince(day, today, time_strings=units, depth=1)}


@register.filter
def percent(number: float | int | str | None) -> str:
    """A percentage as the language writes it: "61%" in English, "61 %" in German."""
    if number is None or number == "":
        return ""
    return pgettext("a percentage", "%(number)s%%") % {"number": number}


@register.filter
def quoted(text: str | None) -> str:
    """Text in the language's quotation marks: “…” in English, „…“ in German."""
    if not text:
        return ""
    return pgettext("quotation marks around a text", "“%(text)s”") % {"text": text}


# The words for encounters.strength.strength_label's keys, as the bar's label says them.
STRENGTH_WORDS = {
    "strong": pgettext_lazy("tie strength", "strong"),
    "regular": pgettext_lazy("tie strength", "regular"),
    "light": pgettext_lazy("tie strength", "light"),
    "faint": pgettext_lazy("tie strength", "faint"),
}


@register.filter
def strength_word(label: str) -> str:
    """ "strong", "regular", "light" or "faint" in the active language."""
    return str(STRENGTH_WORDS.get(label, label))


@register.filter
def marks(pieces: list[tuple[str, bool]] | None) -> SafeString:
    """Marked text pieces (encounters.search.text.marked) as HTML: each match in <mark>, all escaped."""
    return mark_safe(  # noqa: S308 - every piece is escaped here
        "".join(
            f"<mark>{escape(text)}</mark>" if hit else str(escape(text))
            for text, hit in pieces or []
        )
    )


# Fragments of a form as it is first shown (unbound, new): the same for everyone in one language
# on one day, whatever the account. The quick log's fields render some 37 widget templates (about
# 9 ms) on every page that shows it and after every log; kept here once per process instead.
_BLANK_FORM_FRAGMENTS: dict[tuple[str, str, str, str], SafeString] = {}
BLANK_FORM_FRAGMENTS_KEPT = 64


class BlankFormFragmentNode(template.Node):
    def __init__(self, name: str, form: template.base.FilterExpression, nodelist: Any) -> None:
        self.name, self.form, self.nodelist = name, form, nodelist

    def render(self, context: template.Context) -> SafeString:
        form = self.form.resolve(context)
        instance = getattr(form, "instance", None)
        if form is None or form.is_bound or getattr(instance, "pk", None) is not None:
            return self.nodelist.render(context)
        key = (
            self.name,
            get_language() or "",
            timezone.get_current_timezone_name(),
            timezone.localdate().isoformat(),
        )
        fragment = _BLANK_FORM_FRAGMENTS.get(key)
        if fragment is None:
            if len(_BLANK_FORM_FRAGMENTS) >= BLANK_FORM_FRAGMENTS_KEPT:
                _BLANK_FORM_FRAGMENTS.clear()
            fragment = _BLANK_FORM_FRAGMENTS[key] = mark_safe(self.nodelist.render(context))
        return fragment


@register.tag
def blank_form_fragment(parser: template.base.Parser, token: template.base.Token) -> template.Node:
    """{% blank_form_fragment "name" form %}…{% endblank_form_fragment %}: the inside is rendered
    once per language, time zone and day while `form` is unbound and new, and taken as it was
    since. Only for markup that depends on nothing else: no account's data, no CSRF token, no
    per-form key (those stay outside)."""
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a name and a form")
    nodelist = parser.parse(("endblank_form_fragment",))
    parser.delete_first_token()
    return BlankFormFragmentNode(bits[1].strip("\"'"), parser.compile_filter(bits[2]), nodelist)


# What {% url %} costs is mostly Django's reverse() (about 20 µs, a search through the URL
# patterns), paid again on every row of a list: a contact page links each tie and each participant,
# gone quiet five addresses per row. row_url reverses a name once, with placeholder numbers, and
# fills in each row's ids: the same address as {% url %} for ids that are plain numbers.
_URL_SHAPES: dict[tuple[str, int, str | None, str], tuple[str, ...] | None] = {}
_PLACEHOLDERS = (7_310_264_958_101, 7_310_264_958_202, 7_310_264_958_303)


def _url_shape(name: str, arity: int) -> tuple[str, ...] | None:
    """The address of `name` cut where its `arity` ids go; None where they are not found in order."""
    key = (name, arity, get_urlconf(), get_script_prefix())
    if key not in _URL_SHAPES:
        shape: tuple[str, ...] | None = None
        with contextlib.suppress(NoReverseMatch):  # a pattern that takes no such numbers
            rest = reverse(name, args=_PLACEHOLDERS[:arity])
            pieces: list[str] = []
            for placeholder in _PLACEHOLDERS[:arity]:
                before, found, rest = rest.partition(str(placeholder))
                if not found:
                    break
                pieces.append(before)
            else:
                shape = (*pieces, rest)
        _URL_SHAPES[key] = shape
    return _URL_SHAPES[key]


def _plain_id(pk: Any) -> bool:
    """A whole number, or its digits (as {% firstof %} leaves one)."""
    if type(pk) is int:
        return pk >= 0
    return type(pk) is str and pk.isascii() and pk.isdigit()


@register.simple_tag
def row_url(name: str, *ids: Any) -> str:
    """{% row_url 'contacts:detail' person.pk %}: {% url %} for a list's rows, which only differ by
    their ids (whole numbers or their digits, at most three); anything else goes to reverse() as
    {% url %} would."""
    shape = None
    if len(ids) <= len(_PLACEHOLDERS) and all(map(_plain_id, ids)):
        shape = _url_shape(name, len(ids))
    if shape is None:
        return reverse(name, args=ids)
    parts = [shape[0]]
    for pk, after in zip(ids, shape[1:], strict=True):
        parts += [str(pk), after]
    return "".join(parts)
