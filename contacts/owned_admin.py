"""The admin's building blocks for owned rows: owner column and filter, and no cross-account references."""

from typing import Any, ClassVar

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import OwnedModel

OTHER_OWNER_MESSAGE = _("This belongs to another account.")

# A list_filter entry as our admins write them: a field name, (field name, filter), or a filter.
ListFilterEntry = str | tuple[str, type[admin.FieldListFilter]] | type[admin.ListFilter]


class OwnerFilter(admin.RelatedOnlyFieldListFilter):
    """Lists only the accounts that own rows here, so the filter stays short on a big site."""

    title_text = _("owner")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.title = self.title_text


class OwnedAdminForm(forms.ModelForm):
    """Turns a reference to another account's row into a form error instead of a failed save."""

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned_data = self.cleaned_data
        if "owner" in self.fields:
            owner = cleaned_data.get("owner")
            owner_id = owner.pk if owner is not None else None
        else:
            owner_id = self.instance.owner_id
        if owner_id is None:
            return cleaned_data
        for name in self._meta.model.owned_references:
            other = cleaned_data.get(name)
            if other is not None and other.owner_id != owner_id:
                self.add_error(name, ValidationError(OTHER_OWNER_MESSAGE, code="other_owner"))
        return cleaned_data


class SameOwnerInlineFormSet(forms.BaseInlineFormSet):
    """Inline rows take the parent's owner and may only point at rows of that same owner."""

    def clean(self) -> None:
        super().clean()
        owner_id = self.instance.owner_id
        if owner_id is None:  # the parent form has its own error to show
            return
        for form in self.forms:
            cleaned_data = getattr(form, "cleaned_data", None)
            if not cleaned_data or cleaned_data.get("DELETE"):
                continue
            for name, value in list(cleaned_data.items()):
                if isinstance(value, OwnedModel) and value.owner_id != owner_id:
                    form.add_error(name, ValidationError(OTHER_OWNER_MESSAGE, code="other_owner"))

    def save_new(self, form: forms.ModelForm, commit: bool = True) -> Model:
        if isinstance(form.instance, OwnedModel):
            form.instance.owner_id = self.instance.owner_id
        return super().save_new(form, commit=commit)


class OwnedAdmin(admin.ModelAdmin):
    """Owner as a column, a filter and a search field; fixed once the row exists.

    Moving one row to another account would leave its references pointing across accounts,
    so the owner is chosen when the row is added and shown read-only afterwards.
    """

    form = OwnedAdminForm
    autocomplete_fields: ClassVar[tuple[str, ...]] = ("owner",)
    list_select_related: ClassVar[tuple[str, ...]] = ("owner",)
    list_filter: ClassVar[tuple[ListFilterEntry, ...]] = (("owner", OwnerFilter),)

    def get_readonly_fields(
        self, request: HttpRequest, obj: Model | None = None
    ) -> tuple[str, ...]:
        readonly = tuple(super().get_readonly_fields(request, obj))
        if obj is not None and "owner" not in readonly:
            readonly = ("owner", *readonly)
        return readonly
