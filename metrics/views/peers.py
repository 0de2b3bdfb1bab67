"""Similar places, and one metric side by side for a place, its peers, its state and nation."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from metrics.charts import comparison_spec
from metrics.selectors.catalog import catalog_tree
from metrics.selectors.geographies import geography_or_404
from metrics.selectors.peers import UnknownMetric, peers_compare, peers_suggest

DEFAULT_METRIC = "pctl_income_50"
MAX_PEERS = 12
GEOID = re.compile(r"^(\d{5}|\d{7})$")


def peers_page(request: HttpRequest, geoid: str) -> HttpResponse:
    geography = geography_or_404(geoid=geoid)
    peers = peers_suggest(geoid=geography.geoid)
    return render(request, "metrics/peers.html", {"geography": geography, "peers": peers})


class GeoidListField(forms.Field):
    """Several `peer=` values from the query string; blanks dropped, each a GEOID."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[str]:
        return [v.strip() for v in value or [] if v and v.strip()]

    def validate(self, value: list[str]) -> None:
        bad = [v for v in value if not GEOID.match(v)]
        if bad:
            raise forms.ValidationError(
                "A peer must be a Census GEOID: 5 digits for a county, 7 for a city. "
                f"Not understood: {', '.join(v[:12] for v in bad)}."
            )
        if len(value) > MAX_PEERS:
            raise forms.ValidationError(f"Compare with at most {MAX_PEERS} places at once.")


class CompareForm(forms.Form):
    metric = forms.ChoiceField(label="Metric to compare")
    peer = GeoidListField(required=False, label="Places to compare with")

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        metric = self.fields["metric"]
        assert isinstance(metric, forms.ChoiceField)
        metric.choices = [
            (pillar.name, [(m.slug, m.name) for pr in pillar.predictors for m in pr.metrics
                           if kind in m.levels])
            for pillar in catalog_tree()
        ]  # fmt: skip
        metric.error_messages["invalid_choice"] = (
            "There is no metric called “%(value)s” for this kind of place. Pick one from the list."
        )


def compare_page(request: HttpRequest, geoid: str) -> HttpResponse:
    geography = geography_or_404(geoid=geoid)
    data = request.GET.copy()
    data.setdefault("metric", DEFAULT_METRIC)
    form = CompareForm(data, kind=geography.kind)
    context: dict[str, Any] = {"geography": geography, "form": form}
    if not form.is_valid():
        return render(request, "metrics/compare.html", context, status=400)
    peers = form.cleaned_data["peer"] if "peer" in request.GET else None
    try:
        comparison = peers_compare(geoid=geography.geoid, metric=form.cleaned_data["metric"],
                                   peers=peers)  # fmt: skip
    except UnknownMetric as error:
        form.add_error("metric", str(error))
        return render(request, "metrics/compare.html", context, status=400)
    context["comparison"] = comparison
    context["chosen"] = {row.geoid for row in comparison.rows if row.role == "peer"}
    context["spec"] = comparison_spec(
        metric_name=comparison.metric_name, unit=comparison.unit, rows=comparison.rows
    )
    return render(request, "metrics/compare.html", context)
