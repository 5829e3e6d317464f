"""English dates as Weitblick writes them: day before month, no comma-laden US order."""

DATE_FORMAT = "j F Y"  # 2 December 2026
DATETIME_FORMAT = "j F Y, H:i"  # 2 December 2026, 14:30
MONTH_DAY_FORMAT = "j F"  # 2 December
YEAR_MONTH_FORMAT = "F Y"  # December 2026
# Our own names (see crm/formats/__init__.py).
ABBR_DATE_FORMAT = "j M Y"  # 2 Dec 2026
ABBR_DATETIME_FORMAT = "j M Y, H:i"  # 2 Dec 2026, 14:30
ABBR_YEAR_MONTH_FORMAT = "M Y"  # Dec 2026
WEEKDAY_DATE_FORMAT = "l, j F Y"  # Wednesday, 2 December 2026
WEEKDAY_MONTH_DAY_FORMAT = "l, j F"  # Wednesday, 2 December
ABBR_WEEKDAY_MONTH_DAY_FORMAT = "D j M"  # Wed 2 Dec
