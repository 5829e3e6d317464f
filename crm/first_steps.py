"""The dashboard's first steps for a new account: what is done, in one query."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from contacts.models import Contact, ContactAttribute
from encounters.models import Encounter
from exchange.models import ImportJob

from .models import User

# Ten people typed in by hand are an address book too: past that, the nudge to import has done its
# work, even for someone whose contacts live nowhere else.
ADDRESS_BOOK_SIZE = 10


@dataclass(frozen=True)
class FirstSteps:
    address_book: bool
    dimensions: bool
    first_encounter: bool

    @property
    def done(self) -> bool:
        return self.address_book and self.dimensions and self.first_encounter

    @property
    def remaining(self) -> int:
        return [self.address_book, self.dimensions, self.first_encounter].count(False)


def first_steps(user: User) -> FirstSteps:
    """Which of the three first steps the person has taken.

    Address book: an import finished, or ADDRESS_BOOK_SIZE active contacts. Dimensions: saved on the
    dimensions page, or a value given to a contact (someone using them has chosen them). First
    encounter: any encounter logged.
    """
    row = (
        User.objects.filter(pk=user.pk)
        .annotate(
            imported=Exists(
                ImportJob.objects.filter(owner=OuterRef("pk"), status=ImportJob.Status.DONE)
            ),
            many_contacts=Exists(
                Contact.objects.filter(owner=OuterRef("pk"), archived=False)[
                    ADDRESS_BOOK_SIZE - 1 : ADDRESS_BOOK_SIZE
                ]
            ),
            has_values=Exists(ContactAttribute.objects.filter(owner=OuterRef("pk"))),
            has_encounter=Exists(Encounter.objects.filter(owner=OuterRef("pk"))),
        )
        .values("imported", "many_contacts", "has_values", "has_encounter", "dimensions_chosen_at")
        .get()
    )
    return FirstSteps(
        address_book=row["imported"] or row["many_contacts"],
        dimensions=row["dimensions_chosen_at"] is not None or row["has_values"],
        first_encounter=row["has_encounter"],
    )
