from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from plans.models import Membership, Organisation, Plan
from strategy.models import ActionStatus
from tracking.selectors import member_name
from tracking.services import EVIDENCE_MAX_FILES, EVIDENCE_TYPES, evidence_check, links_clean

TEXT = {"rows": 3}
DATE = {"type": "date"}


class UswdsForm(forms.Form):
    """Gives inputs their USWDS classes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.HiddenInput):
                continue
            if isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("class", "usa-textarea")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "usa-select")
            elif isinstance(widget, forms.FileInput):
                widget.attrs.setdefault("class", "usa-file-input")
            else:
                widget.attrs.setdefault("class", "usa-input")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        accept = ",".join(f".{extension}" for extension in EVIDENCE_TYPES)
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(d, initial) for d in items if d]


def _today() -> dt.date:
    return dt.date.today()


class UpdateForm(UswdsForm):
    written_on = forms.DateField(
        label="Date of the update",
        initial=_today,
        widget=forms.DateInput(attrs=DATE),
        help_text="The day this update speaks for.",
    )
    status = forms.ChoiceField(label="Status", choices=ActionStatus.choices)
    percent_complete = forms.IntegerField(
        label="Percent complete",
        required=False,
        min_value=0,
        max_value=100,
        help_text="From 0 to 100; leave empty if you cannot say.",
    )
    narrative = forms.CharField(
        label="What happened", max_length=10000, widget=forms.Textarea(attrs=TEXT)
    )
    blockers = forms.CharField(
        label="Blockers", required=False, max_length=5000, widget=forms.Textarea(attrs=TEXT)
    )
    next_steps = forms.CharField(
        label="Next steps", required=False, max_length=5000, widget=forms.Textarea(attrs=TEXT)
    )
    links = forms.CharField(
        label="Evidence links",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Web addresses, one a line (https://...).",
    )
    evidence = MultipleFileField(
        label="Evidence files",
        required=False,
        help_text=(
            f"Up to {EVIDENCE_MAX_FILES} files of at most 10 MB each: PDF, PNG, JPG, Word "
            "(.docx), Excel (.xlsx) or CSV."
        ),
    )

    def clean_written_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["written_on"]
        if day > _today() + dt.timedelta(days=1):
            raise ValidationError(
                "The date is in the future: an update speaks for a day that has come."
            )
        return day

    def clean_links(self) -> list[str]:
        return links_clean(links=self.cleaned_data["links"].splitlines())

    def clean_evidence(self) -> list[UploadedFile]:
        files = self.cleaned_data["evidence"] or []
        if len(files) > EVIDENCE_MAX_FILES:
            raise ValidationError(f"Attach at most {EVIDENCE_MAX_FILES} files to one update.")
        problems = []
        for upload in files:
            upload.seek(0)
            head = upload.read(16)
            upload.seek(0)
            try:
                evidence_check(name=upload.name or "", size=upload.size or 0, head=head)
            except ValidationError as exc:
                problems.extend(exc.messages)
        if problems:
            raise ValidationError(problems)
        return files


class MilestoneForm(UswdsForm):
    title = forms.CharField(label="Milestone", max_length=200)
    due_on = forms.DateField(label="Due on", widget=forms.DateInput(attrs=DATE))
    completed_on = forms.DateField(
        label="Completed on",
        required=False,
        widget=forms.DateInput(attrs=DATE),
        help_text="Leave empty while it is still open.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CompleteForm(forms.Form):
    completed_on = forms.DateField(initial=_today, widget=forms.DateInput(attrs=DATE))
    version = forms.IntegerField(widget=forms.HiddenInput)


class MemberChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:  # type: ignore[override]
        return f"{member_name(obj)} ({obj.get_role_display().lower()})"


class OwnershipForm(UswdsForm):
    owner = MemberChoice(
        queryset=Membership.objects.none(),
        required=False,
        label="Owner (a member)",
        empty_label="No member",
    )
    owner_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label="Owner organization",
        empty_label="No organization",
        help_text="When a partner organization carries the action rather than one member.",
    )
    owner_contact = forms.CharField(
        label="Contact at the organization",
        required=False,
        max_length=200,
        help_text="A name and how to reach them.",
    )
    backup = MemberChoice(
        queryset=Membership.objects.none(), required=False, label="Backup", empty_label="No backup"
    )
    weight = forms.DecimalField(
        label="Weight in the roll-up",
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(100),
        decimal_places=2,
        help_text="1 unless this action should count more or less; 0 leaves it out.",
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = Membership.objects.filter(plan=plan).select_related("user").order_by("id")
        self.fields["owner"].queryset = members  # type: ignore[attr-defined]
        self.fields["backup"].queryset = members  # type: ignore[attr-defined]
        self.fields["owner_organisation"].queryset = Organisation.objects.filter(plan=plan)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("owner") and not data.get("owner_organisation"):
            self.add_error("owner", "Choose a member or an organization to own the action.")
        if data.get("owner_organisation") and not (data.get("owner_contact") or "").strip():
            self.add_error("owner_contact", "Name who to ask at the organization.")
        if data.get("owner") and data.get("owner") == data.get("backup"):
            self.add_error("backup", "The backup must be someone other than the owner.")
        return data


class ReturnForm(UswdsForm):
    comment = forms.CharField(
        label="What should change",
        max_length=5000,
        widget=forms.Textarea(attrs=TEXT),
        help_text="The author sees this and can send an edited version.",
    )


class SettingsForm(UswdsForm):
    review_contributor_updates = forms.BooleanField(
        label="Contributors' updates wait for an editor's approval before they show",
        required=False,
    )


class ImportForm(UswdsForm):
    file = forms.FileField(
        label="CSV file of progress updates",
        help_text="Use the template's columns; at most 5 MB.",
    )
    dry_run = forms.BooleanField(label="Only check the file, load nothing", required=False)

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if (upload.size or 0) > 5 * 1024 * 1024:
            raise ValidationError("The file is larger than 5 MB: split it in parts.")
        return upload


class PartnerKeyForm(UswdsForm):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label="Organisation",
        help_text="The key reports on the actions this organisation owns, and their measures.",
        empty_label="Choose an organisation",
    )
    name = forms.CharField(
        max_length=100,
        label="Name of the key",
        help_text="Which system will use it, so you recognise it later: “case records export”.",
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(plan=plan).order_by("name")
