"""German dates as a German writes them: the ordinal dot after the day, abbreviations with a dot."""

DATE_FORMAT = "j. F Y"  # 2. Dezember 2026
DATETIME_FORMAT = "j. F Y, H:i"  # 2. Dezember 2026, 14:30
MONTH_DAY_FORMAT = "j. F"  # 2. Dezember
YEAR_MONTH_FORMAT = "F Y"  # Dezember 2026
# Our own names (see crm/formats/__init__.py). "N" is the short month with its dot where German
# shortens ("Dez.", "Jan.") and the whole word where it does not ("Mai", "Juni").
ABBR_DATE_FORMAT = "j. N Y"  # 2. Dez. 2026
ABBR_DATETIME_FORMAT = "j. N Y, H:i"  # 2. Dez. 2026, 14:30
ABBR_YEAR_MONTH_FORMAT = "N Y"  # Dez. 2026
WEEKDAY_DATE_FORMAT = "l, j. F Y"  # Mittwoch, 2. Dezember 2026
WEEKDAY_MONTH_DAY_FORMAT = "l, j. F"  # Mittwoch, 2. Dezember
ABBR_WEEKDAY_MONTH_DAY_FORMAT = "D., j. N"  # Mi., 2. Dez.
