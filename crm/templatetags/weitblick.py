"""Template helpers shared by every page."""

from django import template

register = template.Library()


@register.filter
def width_class(fraction_or_percent) -> str:
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
