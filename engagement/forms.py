from __future__ import annotations

from typing import Any, cast

from django import forms

from engagement.models import (
    Compensation,
    Method,
    MobilityPart,
    Mode,
    ReportChannel,
    Spectrum,
)
from engagement.selectors import FindingChoices
from plans.models import Membership

TEXTAREA = {"rows": 3}
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StyledForm(forms.Form):
    """USWDS classes on every input, so the fields look like the rest of the site."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
                continue
            kind = (
                "usa-textarea" if isinstance(widget, forms.Textarea)
                else "usa-select" if isinstance(widget, forms.Select)
                else "usa-input"
            )  # fmt: skip
            widget.attrs.setdefault("class", kind)


class ActivityForm(StyledForm):
    title = forms.CharField(max_length=200, label="Title")
    method = forms.ChoiceField(choices=Method.choices, label="Method")
    spectrum = forms.ChoiceField(
        choices=Spectrum.choices,
        label="How much say residents had",
        help_text="From being informed to deciding; see the explanation of each level above.",
    )
    date = forms.DateField(label="Date", widget=DATE, help_text="For example 2026-03-14.")
    mode = forms.ChoiceField(choices=Mode.choices, label="In person or online")
    place = forms.CharField(
        max_length=300, required=False, label="Place", help_text="Where it was held, if in person."
    )
    languages = forms.CharField(
        max_length=300,
        required=False,
        label="Languages offered",
        help_text="Separated by commas: English, Spanish, Arabic.",
    )
    accessibility = forms.CharField(
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        label="Accessibility measures",
        help_text="Interpretation, captioning, step-free access, large print, quiet room...",
    )
    compensation = forms.MultipleChoiceField(
        choices=Compensation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Compensation offered to participants",
    )
    participants = forms.IntegerField(
        min_value=0, max_value=1_000_000, required=False, label="Number of participants"
    )
    makeup = forms.CharField(
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        label="Who took part, counted by group",
        help_text=(
            "One group per line, a colon, then how many: “Renters: 12”. Counts only; "
            "never names or anything that points to one person."
        ),
    )
    facilitator = forms.ModelChoiceField(
        queryset=Membership.objects.none(),
        required=False,
        label="Facilitator",
        help_text="A contributor who facilitates may add feedback to this activity.",
    )
    notes = forms.CharField(
        max_length=10000, required=False, widget=forms.Textarea(attrs=TEXTAREA), label="Notes"
    )

    def __init__(self, *args: Any, memberships: list[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["facilitator"]
        field.queryset = Membership.objects.filter(pk__in=[m.pk for m in memberships])  # type: ignore[attr-defined]
        field.label_from_instance = lambda m: (  # type: ignore[attr-defined]
            f"{m.user.get_full_name() or m.user.get_username()} ({m.get_role_display().lower()})"
        )

    def clean_languages(self) -> list[str]:
        names = [n.strip() for n in self.cleaned_data["languages"].split(",") if n.strip()]
        if any(len(n) > 60 for n in names):
            raise forms.ValidationError("A language name is longer than 60 characters.")
        return list(dict.fromkeys(names))

    def clean_makeup(self) -> dict[str, int]:
        groups: dict[str, int] = {}
        for number, line in enumerate(self.cleaned_data["makeup"].splitlines(), start=1):
            if not line.strip():
                continue
            label, colon, count = line.rpartition(":")
            label = label.strip()
            if not colon or not label:
                raise forms.ValidationError(
                    f"Line {number}: write the group, a colon, then a count (“Renters: 12”)."
                )
            if not count.strip().isdigit():
                raise forms.ValidationError(
                    f"Line {number}: “{count.strip()}” is not a whole number of people."
                )
            if len(label) > 100:
                raise forms.ValidationError(f"Line {number}: the group name is too long.")
            if label in groups:
                raise forms.ValidationError(f"Line {number}: “{label}” is listed twice.")
            groups[label] = int(count)
        return groups

    @staticmethod
    def initial_for(activity: Any) -> dict[str, Any]:
        values = {name: getattr(activity, name) for name in ActivityForm.base_fields}
        values["languages"] = ", ".join(activity.languages)
        values["makeup"] = "\n".join(f"{k}: {v}" for k, v in activity.makeup.items())
        return values


class ThemeForm(StyledForm):
    name = forms.CharField(max_length=120, label="Theme")
    description = forms.CharField(
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="What belongs under it",
    )


class _ThemesMixin(StyledForm):
    themes = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label="Themes"
    )


class FeedbackForm(_ThemesMixin):
    text = forms.CharField(
        max_length=5000,
        widget=forms.Textarea(attrs=TEXTAREA),
        label="What was said",
        help_text="In their words, or summarised. Leave out anything that names a person.",
    )
    predictor = forms.ChoiceField(required=False, label="Predictor it speaks to (optional)")
    field_order = ["text", "themes", "predictor"]

    def __init__(self, *args: Any, choices: FindingChoices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices_set(self, "themes", [(str(t.uuid), t.name) for t in choices.themes])
        _choices_set(self, "predictor", _predictor_choices(choices))


def _choices_set(form: forms.Form, name: str, choices: list[Any]) -> None:
    cast(forms.ChoiceField, form.fields[name]).choices = choices


def _predictor_choices(choices: FindingChoices) -> list[Any]:
    """Predictors grouped by pillar; a pillar alone may be chosen too ("pillar:slug")."""
    options: list[Any] = [("", "None")]
    for pillar in choices.pillars:
        group = [(pillar.slug, f"{pillar.name} (the pillar as a whole)")]
        group += [
            (f"{pillar.slug}/{p.slug}", p.name)
            for p in choices.predictors
            if p.pillar_id == pillar.pk
        ]
        options.append((pillar.name, group))
    return options


class FeedbackImportForm(StyledForm):
    file = forms.FileField(
        label="CSV file",
        help_text="Columns: activity, text, and optionally themes (separated by “;”).",
    )
    create_themes = forms.BooleanField(
        required=False, label="Add themes the file names that this plan does not have yet"
    )


class FindingForm(_ThemesMixin):
    statement = forms.CharField(
        max_length=3000, widget=forms.Textarea(attrs=TEXTAREA), label="Finding"
    )
    predictor = forms.ChoiceField(required=False, label="Pillar or predictor")
    mobility_part = forms.ChoiceField(
        choices=[("", "Not one in particular"), *MobilityPart.choices],
        required=False,
        label="Part of mobility",
    )
    metrics = forms.MultipleChoiceField(
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        label="Mobility Metrics",
        help_text="The latest figure for your place is shown beside the finding.",
    )
    insights = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label="Kept insights (step 2)"
    )
    local_indicators = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label="Local indicators (step 5)"
    )
    evidence_note = forms.CharField(
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Other evidence",
        help_text="Histories, reports, what working groups found.",
    )
    field_order = [
        "statement", "predictor", "mobility_part", "metrics", "insights", "themes",
        "local_indicators", "evidence_note",
    ]  # fmt: skip

    def __init__(self, *args: Any, choices: FindingChoices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices_set(self, "themes", [(str(t.uuid), t.name) for t in choices.themes])
        _choices_set(self, "predictor", _predictor_choices(choices))
        _choices_set(self, "metrics", choices.metrics)
        _choices_set(self, "insights", [(str(i.uuid), i.statement[:200]) for i in choices.insights])
        if choices.local:
            _choices_set(self, "local_indicators", [(r.key, r.name) for r in choices.local])
        else:
            del self.fields["local_indicators"]


class ReportBackForm(StyledForm):
    shared = forms.CharField(
        max_length=5000, widget=forms.Textarea(attrs=TEXTAREA), label="What was shared back"
    )
    date = forms.DateField(label="When", widget=DATE)
    channel = forms.ChoiceField(choices=ReportChannel.choices, label="How")
