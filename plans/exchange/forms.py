"""The form of the import page."""

from __future__ import annotations

from django import forms

from plans.exchange.importer import MAX_BYTES


class PlanImportForm(forms.Form):
    file = forms.FileField(
        label="Plan file (JSON)",
        help_text=(
            "A Mobility Action Plan file, as downloaded from a plan's home page in Upward or "
            f"written by another tool; at most {MAX_BYTES // 1024 // 1024} MB."
        ),
    )
    code = forms.SlugField(
        label="Code of the new plan (optional)",
        max_length=60,
        required=False,
        help_text=(
            "Used in the plan's web address. Leave empty to keep the file's code, with a "
            "number added if another plan has it."
        ),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size / 1024 / 1024:.1f} MB; plan files up to "
                f"{MAX_BYTES // 1024 // 1024} MB are accepted."
            )
        return upload
