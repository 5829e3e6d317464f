"""Text bound for a spreadsheet: the one guard against formula injection, for every CSV we write.

It lives in the lowest layer because both the staff's CSV of introductions (contacts/) and the
contact exports (exchange/) write user-typed text into cells.
"""

import re

# A cell starting like a formula is run by spreadsheets on opening (CSV injection, OWASP); a leading
# apostrophe makes it text. Phone numbers such as +49 30 … and dates such as -1 stay as they are.
_FORMULA = re.compile(r"^[=@\t\r]|^[+-](?![\d\s()./-]*$)")


def spreadsheet_safe(value: object) -> str:
    """`value` as cell text that no spreadsheet runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if _FORMULA.match(text) else text
