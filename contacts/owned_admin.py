"""The admin's building blocks for owned rows: owner column and filter, and no cross-account references."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import OwnedModel

OTHER_OWNER_MESSAGE = _("This belongs to another account.")


class OwnerFilter(admin.RelatedOnlyFieldListFilter):
    """Lists only the accounts that own rows here, so the filter stays short on a big site."""

    title_text = _("owner")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = self.title_text


class OwnedAdminForm(forms.ModelForm):
    """Turns a reference to another account's row into a form error instead of a failed save."""

    def clean(self):
        cleaned_data = super().clean()
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

    def clean(self):
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

    def save_new(self, form, commit=True):
        if isinstance(form.instance, OwnedModel):
            form.instance.owner_id = self.instance.owner_id
        return super().save_new(form, commit=commit)


class OwnedAdmin(admin.ModelAdmin):
    """Owner as a column, a filter and a search field; fixed once the row exists.

    Moving one row to another account would leave its references pointing across accounts,
    so the owner is chosen when the row is added and shown read-only afterwards.
    """

    form = OwnedAdminForm
    autocomplete_fields: tuple[str, ...] = ("owner",)
    list_select_related: tuple[str, ...] = ("owner",)
    list_filter: tuple = (("owner", OwnerFilter),)

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if obj is not None and "owner" not in readonly:
            readonly = ("owner", *readonly)
        return readonly
