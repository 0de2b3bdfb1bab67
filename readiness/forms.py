from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from lib.forms import UswdsForm, date_field
from plans.models import Membership
from readiness.models import Decision, GapStatus, Item, Rating

DATE_HELP = "As YYYY-MM-DD, for example 2026-03-31."


def _date(label: str, *, required: bool = False) -> forms.DateField:
    return date_field(label, required=required, help_text=DATE_HELP)


class AssessmentStartForm(UswdsForm):
    assessed_on = _date("Date of the assessment", required=True)
    title = forms.CharField(
        max_length=200, required=False, label="Name (optional)",
        help_text="For example: “Before the launch” or “Six months in”.",
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"assessed_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class AssessmentEditForm(UswdsForm):
    assessed_on = _date("Date of the assessment", required=True)
    title = forms.CharField(max_length=200, required=False, label="Name (optional)")


class DomainAddForm(UswdsForm):
    title = forms.CharField(max_length=200, label="Name of the new domain")
    description = forms.CharField(
        max_length=2000, required=False, label="What it covers (optional)",
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip


class DomainForm(UswdsForm):
    title = forms.CharField(max_length=200, label="Name of the domain")
    description = forms.CharField(
        max_length=2000, required=False, label="What it covers",
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    new_item = forms.CharField(
        max_length=2000, required=False, label="Add an item (optional)",
        help_text="A statement the coalition can rate, such as “A budget for interpreters exists.”",
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip


class ItemForm(UswdsForm):
    """One item on the domain page; its prefix is the item's UUID."""

    text = forms.CharField(max_length=2000, label="Item", widget=forms.Textarea(attrs={"rows": 2}))
    rating = forms.ChoiceField(
        choices=[("", "Not rated yet"), *Rating.choices], required=False, label="Rating"
    )
    evidence = forms.CharField(
        max_length=5000, required=False, label="Evidence",
        help_text="What shows this rating: a document, a meeting, a fact.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    gap_action = forms.CharField(
        max_length=2000, required=False, label="Gap action",
        help_text="What will be done to close the gap, if there is one.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    gap_owner = forms.ChoiceField(required=False, label="Owner of the gap action")
    gap_due = _date("Due date")
    gap_status = forms.ChoiceField(choices=GapStatus.choices, label="Status of the gap action")
    remove = forms.BooleanField(required=False, label="Remove this item")

    def __init__(self, *args: Any, item: Item, members: list[Membership], **kwargs: Any) -> None:
        self.item = item
        self.members = {str(m.uuid): m for m in members}
        initial = {
            "text": item.text, "rating": item.rating, "evidence": item.evidence,
            "gap_action": item.gap_action, "gap_due": item.gap_due,
            "gap_status": item.gap_status,
            "gap_owner": str(item.gap_owner.uuid) if item.gap_owner else "",
        }  # fmt: skip
        super().__init__(*args, prefix=item.uuid.hex, initial=initial, **kwargs)
        owners = [
            (key, str(m.user.get_full_name() or m.user.get_username()))
            for key, m in self.members.items()
        ]
        self.fields["gap_owner"].choices = [("", "No one yet"), *owners]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("gap_action", "").strip() and (
            data.get("gap_owner") or data.get("gap_due")
        ):
            self.add_error("gap_action", "Describe the action before giving it an owner or a date.")
        return data

    def owner(self) -> Membership | None:
        return self.members.get(self.cleaned_data.get("gap_owner") or "")


class GapUpdateForm(UswdsForm):
    status = forms.ChoiceField(choices=GapStatus.choices, label="Status")
    note = forms.CharField(
        max_length=5000, required=False, label="Note",
        help_text="What was done, or what stands in the way.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


class DecisionForm(UswdsForm):
    decision = forms.ChoiceField(
        choices=Decision.choices, widget=forms.RadioSelect, label="Decision"
    )
    rationale = forms.CharField(
        max_length=10000, label="Why", widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The reasons, and for “proceed with conditions”, the conditions.",
    )  # fmt: skip
    decided_on = _date("Date of the decision", required=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].widget.attrs.pop("class", None)


class CompareForm(forms.Form):
    before = forms.UUIDField()
    after = forms.UUIDField()
