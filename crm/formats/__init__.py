"""How dates read in each language (FORMAT_MODULE_PATH): Django's names plus a few of our own.

Templates and code name a format (`|date:"WEEKDAY_DATE_FORMAT"`, `date_format(d, "DATE_FORMAT")`),
never spell one out, so that German reads "Mittwoch, 2. Dezember 2026" and English
"Wednesday, 2 December 2026". Every name here exists in every language: Django would print an
unknown name letter by letter as a format of its own.
"""
