"""What is wrong with a file, each message naming where (a line, a card, a JSON path): one collector
for every format and for the backup, and the error that refuses a file as a whole."""

from django.utils.translation import gettext as _

# Enough to fix a file in a few rounds without burying the first, usually telling, message.
MAX_ERRORS = 50


class ImportFileError(Exception):
    """A file that is refused as a whole; `errors` names the card or line and the field of each."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


class TooManyProblems(Exception):
    """Raised by a collector made with stop_when_full once MAX_ERRORS messages are in."""


class Problems:
    """Collects error messages up to MAX_ERRORS, in the order of the lines they name.

    A reader that can go on past a bad line collects them all (up to the limit); one that cannot
    (the backup's validation walks nested data) asks to stop when the list is full.
    """

    def __init__(self, *, stop_when_full: bool = False):
        self.entries: list[tuple[int, str]] = []
        self.overflow = False
        self.stop_when_full = stop_when_full

    def add(self, message: str, *, line: int = 0) -> None:
        if len(self.entries) < MAX_ERRORS:
            self.entries.append((line, message))
            return
        self.overflow = True
        if self.stop_when_full:
            raise TooManyProblems

    def at(self, place: str, message: str) -> None:
        """A message about one place in a document: "contacts[3].name: must not be empty"."""
        self.add(f"{place}: {message}" if place else message)

    @property
    def messages(self) -> list[str]:
        messages = [message for _line, message in sorted(self.entries, key=lambda entry: entry[0])]
        if self.overflow:
            messages.append(
                _("… stopped after %(count)d errors; there may be more.") % {"count": MAX_ERRORS}
            )
        return messages

    def raise_if_any(self) -> None:
        if self.entries:
            raise ImportFileError(self.messages)
