"""The public feedback form (no account): text, what it is about, an optional theme and
neighbourhood, an optional e-mail for a reply, a honeypot and the signed token."""

from __future__ import annotations

from typing import Any

from django import forms

from engagement.models import Theme
from engagement.public import TEXT_LIMIT, subject_choices
from lib.forms import UswdsForm
from plans.models import Plan


class PublicFeedbackForm(UswdsForm):
    text = forms.CharField(
        label="Your feedback",
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": TEXT_LIMIT}),
        help_text=f"Up to {TEXT_LIMIT:,} characters. Please do not include names or contact "
        "details: a moderator reads everything before it is shown on this page.",
        error_messages={"required": "Please write your feedback."},
    )
    about = forms.ChoiceField(label="What is it about?", required=False)
    theme = forms.ChoiceField(label="Topic (optional)", required=False)
    neighbourhood = forms.CharField(
        label="Your neighbourhood (optional)", required=False, max_length=120
    )
    email = forms.EmailField(
        label="Your e-mail (optional)",
        required=False,
        max_length=254,
        help_text="Only if you would like a reply. It is never shown or shared.",
        error_messages={
            "invalid": "Enter an e-mail address like name@example.org, or leave it empty."
        },
    )
    # A field people never see; programs that fill in every field fill this one too.
    website = forms.CharField(label="Leave this field empty", required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["about"].choices = subject_choices(plan=plan)  # type: ignore[attr-defined]
        themes = Theme.objects.filter(plan=plan).order_by("name")
        choices = [("", "No topic")] + [(str(t.uuid), t.name) for t in themes]
        self.fields["theme"].choices = choices  # type: ignore[attr-defined]

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"].strip()
        if len(text) > TEXT_LIMIT:
            raise forms.ValidationError(
                f"Please keep your feedback under {TEXT_LIMIT:,} characters "
                f"(this has {len(text):,})."
            )
        if not text:
            raise forms.ValidationError("Please write your feedback.")
        return text

    def theme_chosen(self) -> Theme | None:
        key = self.cleaned_data.get("theme") or ""
        return Theme.objects.filter(plan=self.plan, uuid=key).first() if key else None


class FollowForm(UswdsForm):
    email = forms.EmailField(
        label="Your e-mail",
        max_length=254,
        error_messages={
            "required": "Enter your e-mail address.",
            "invalid": "Enter an e-mail address like name@example.org.",
        },
    )
    about = forms.ChoiceField(label="What to follow", required=False)
    website = forms.CharField(label="Leave this field empty", required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        choices = [(k, v) for k, v in subject_choices(plan=plan) if not k.startswith("measure:")]
        self.fields["about"].choices = choices  # type: ignore[attr-defined]
