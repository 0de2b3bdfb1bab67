from __future__ import annotations

from typing import Any

from django import forms

from foundation.models import CHARTER_SECTIONS, Helper, QuestionStatus
from foundation.questions import QUESTIONS
from foundation.selectors import DEFAULT_DAYS
from foundation.services import MAX_NOTE, MAX_SECTION, MAX_TEXT
from plans.models import Plan
from strategy.models import Measure, StrategicAction

DATE = forms.DateInput(attrs={"type": "date"})


class UswdsForm(forms.Form):
    """Widgets carry the USWDS classes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
            widget = f.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                widget.attrs.setdefault("class", "usa-checkbox__input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "usa-select")
            elif isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("class", "usa-textarea")
            elif not isinstance(widget, forms.CheckboxInput | forms.HiddenInput):
                widget.attrs.setdefault("class", "usa-input")


def _text(label: str, *, help_text: str = "", rows: int = 4, limit: int = MAX_SECTION,
          required: bool = False) -> forms.CharField:  # fmt: skip
    return forms.CharField(
        label=label, required=required, max_length=limit, help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}), strip=True,
    )  # fmt: skip


class CharterForm(UswdsForm):
    mission = _text("Mission", help_text="What the coalition is for, in a sentence or two.", rows=3)
    purpose = _text(CHARTER_SECTIONS[0][1], help_text=CHARTER_SECTIONS[0][2])
    membership = _text(CHARTER_SECTIONS[1][1], help_text=CHARTER_SECTIONS[1][2])
    decision_making = _text(CHARTER_SECTIONS[2][1], help_text=CHARTER_SECTIONS[2][2])
    meetings = _text(CHARTER_SECTIONS[3][1], help_text=CHARTER_SECTIONS[3][2])
    accountability = _text(CHARTER_SECTIONS[4][1], help_text=CHARTER_SECTIONS[4][2])
    note = _text("What changed and why", rows=2, limit=MAX_NOTE, required=True,
                 help_text="Kept with this revision in the history.")  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class RestoreForm(UswdsForm):
    note = _text("Why restore this text", rows=2, limit=MAX_NOTE, required=True)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class LearningForm(UswdsForm):
    question = _text("Question", rows=2, limit=MAX_TEXT, required=True,
                     help_text="What the coalition does not know yet and needs to.")  # fmt: skip
    why = _text("Why it matters", rows=2, limit=MAX_TEXT)
    helpers = forms.MultipleChoiceField(
        label="Who will help answer it", choices=Helper.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    status = forms.ChoiceField(label="Status", choices=QuestionStatus.choices,
                               initial=QuestionStatus.OPEN)  # fmt: skip
    learned = _text("What we learned", rows=3, limit=MAX_TEXT)
    learned_from = forms.CharField(
        label="Learned from whom", max_length=300, required=False,
        help_text="For example: bus riders at the West Side listening session.",
    )  # fmt: skip
    learned_on = forms.DateField(label="Learned on", required=False, widget=DATE)
    what_changed = _text(
        "What it changed", rows=2, limit=MAX_TEXT,
        help_text="In an action, a measure or how the coalition works.",
    )  # fmt: skip
    action = forms.ModelChoiceField(
        label="Linked action", queryset=StrategicAction.objects.none(), required=False,
        empty_label="No action", to_field_name="uuid",
    )  # fmt: skip
    measure = forms.ModelChoiceField(
        label="Linked measure", queryset=Measure.objects.none(), required=False,
        empty_label="No measure", to_field_name="uuid",
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, model in (("action", StrategicAction), ("measure", Measure)):
            choice = self.fields[name]
            assert isinstance(choice, forms.ModelChoiceField)
            choice.queryset = model.objects.filter(plan=plan)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == QuestionStatus.ANSWERED and not data.get("learned"):
            self.add_error("learned", "Say what was learned before marking the question answered.")
        if data.get("action") and data.get("measure"):
            self.add_error("measure", "Link an action or a measure, not both.")
        return data

    def values(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class ReflectionsForm(UswdsForm):
    """One answer per question, each with the version it was loaded at."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, question in QUESTIONS.items():
            self.fields[f"answer_{key}"] = _text(question, rows=3, limit=MAX_TEXT)
            self.fields[f"version_{key}"] = forms.IntegerField(
                widget=forms.HiddenInput, min_value=0
            )
        for f in self.fields.values():
            if isinstance(f.widget, forms.Textarea):
                f.widget.attrs.setdefault("class", "usa-textarea")


class DaysForm(UswdsForm):
    days = forms.IntegerField(
        label="An update counts as recent within (days)", min_value=1, max_value=3650,
        initial=DEFAULT_DAYS,
    )  # fmt: skip

    def value(self) -> int:
        if self.is_bound and self.is_valid():
            return int(self.cleaned_data["days"])
        return DEFAULT_DAYS
