"""Measures over time through the JSON API with personal tokens: the pages' rules."""

from __future__ import annotations

import json

from django.test import Client

from accounts.services import api_token_create
from results.models import MeasureStory, MeasureValue
from results.services import ValueInput, release_sync, value_add


def bearer(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    _, raw = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def api(plan, path: str) -> str:  # type: ignore[no-untyped-def]
    return f"/api/v1/plans/{plan.code}/results/{path}"


def send(method: str, path: str, body: object, headers: dict):  # type: ignore[no-untyped-def]
    call = getattr(Client(), method)
    return call(path, json.dumps(body), content_type="application/json", **headers)


def test_without_a_token_the_endpoints_answer_401(plan, measure) -> None:
    assert Client().get(api(plan, "measures")).status_code == 401
    assert send("post", api(plan, "values"), [], {}).status_code == 401


def test_a_member_reads_the_measures_their_status_freshness_and_story(
    plan, people, measure
) -> None:
    value_add(measure=measure, user=None, item=ValueInput(period="2025", value=12, lb=10, ub=14))
    headers = bearer(people["viewer"])
    rows = Client().get(api(plan, "measures"), **headers).json()
    assert [r["name"] for r in rows] == [measure.name]
    assert rows[0]["latest"] == "12 in 2025" and "freshness" in rows[0]
    one = Client().get(api(plan, f"measures/{measure.uuid}"), **headers).json()
    assert one["status"]["code"] == "no-target" and one["story"]["version"] == 0
    assert one["freshness"]["last_period"] == "2025"
    values = Client().get(api(plan, f"measures/{measure.uuid}/values"), **headers).json()
    assert [(v["period"], v["value"], v["lb"], v["version"]) for v in values] == [
        ("2025", 12.0, 10.0, 1)
    ]


def test_the_outsider_gets_404(plan, people, measure) -> None:
    headers = bearer(people["outsider"])
    assert Client().get(api(plan, "measures"), **headers).status_code == 404
    body = [{"measure": str(measure.uuid), "period": "2026", "value": 1}]
    assert send("post", api(plan, "values"), body, headers).status_code == 404


def test_the_measures_owner_posts_a_batch_of_values(plan, people, measure) -> None:
    body = [
        {"measure": str(measure.uuid), "period": "2025", "value": 11, "lb": 10, "ub": 12},
        {"measure": measure.name, "period": "2026-Q1", "value": "12.5", "subgroup": "Youth"},
    ]
    response = send("post", api(plan, "values"), body, bearer(people["contributor"]))
    assert response.status_code == 201, response.content
    assert [v["period"] for v in response.json()] == ["2025", "2026-Q1"]
    assert set(MeasureValue.objects.values_list("origin", flat=True)) == {"api"}


def test_a_batch_with_one_bad_value_loads_nothing_and_names_each_problem(
    plan, people, measure
) -> None:
    body = [
        {"measure": str(measure.uuid), "period": "2025", "value": 11},
        {"measure": str(measure.uuid), "period": "2025-13", "value": "<b>"},
        {"measure": "No such measure", "period": "2025", "value": 1},
    ]
    response = send("post", api(plan, "values"), body, bearer(people["editor"]))
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail.index("values.1.period: ") < detail.index("values.1.value: ")
    assert "values.2.measure: No measure of this plan is named" in detail
    assert "values.0" not in detail
    assert not MeasureValue.objects.exists()


def test_contributors_post_only_for_their_measures_and_viewers_not_at_all(
    plan, people, measure, other_measure
) -> None:
    body = [{"measure": str(other_measure.uuid), "period": "2026", "value": 1}]
    assert send("post", api(plan, "values"), body, bearer(people["contributor"])).status_code == 403
    mine = [{"measure": str(measure.uuid), "period": "2026", "value": 1}]
    assert send("post", api(plan, "values"), mine, bearer(people["viewer"])).status_code == 403
    assert not MeasureValue.objects.exists()


def test_a_mobility_metrics_values_cannot_be_posted(plan, people, metric_measure) -> None:
    release_sync(plan=plan)
    before = MeasureValue.objects.count()
    body = [{"measure": str(metric_measure.uuid), "period": "2030", "value": 0.5}]
    response = send("post", api(plan, "values"), body, bearer(people["editor"]))
    assert response.status_code == 422 and "Mobility Metric" in response.content.decode()
    assert MeasureValue.objects.count() == before


def test_a_stale_value_change_answers_409_and_keeps_the_first(plan, people, measure) -> None:
    value = value_add(measure=measure, user=None, item=ValueInput(period="2025", value=11))
    path = api(plan, f"measures/{measure.uuid}/values/{value.uuid}")
    body = {"version": 1, "period": "2025", "value": 12}
    assert send("put", path, body, bearer(people["contributor"])).status_code == 200
    stale = send("put", path, {**body, "value": 99}, bearer(people["editor"]))
    assert stale.status_code == 409 and "changed since you opened it" in stale.json()["detail"]
    value.refresh_from_db()
    assert value.value == 12.0
    assert Client().delete(path + "?version=2", **bearer(people["contributor"])).status_code == 403
    assert Client().delete(path + "?version=1", **bearer(people["editor"])).status_code == 409
    assert Client().delete(path + "?version=2", **bearer(people["editor"])).status_code == 204
    assert not MeasureValue.objects.exists()


def test_the_story_is_written_with_a_version_and_a_stale_one_answers_409(
    plan, people, measure
) -> None:
    path = api(plan, f"measures/{measure.uuid}/story")
    first = send(
        "put", path, {"version": 0, "story": "Plants closed."}, bearer(people["contributor"])
    )
    assert first.status_code == 200 and first.json()["version"] == 1
    assert (
        send("put", path, {"version": 0, "story": "x"}, bearer(people["editor"])).status_code == 409
    )
    assert (
        send("put", path, {"version": 1, "story": "x"}, bearer(people["viewer"])).status_code == 403
    )
    assert MeasureStory.objects.get().story == "Plants closed."


def test_the_endpoints_are_in_the_openapi_description(plan, people) -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/plans/{code}/results/values" in paths
    assert "/api/v1/plans/{code}/results/measures/{measure}/story" in paths


def test_hostile_values_are_refused_with_a_422_and_nothing_is_loaded(plan, people, measure) -> None:
    headers = bearer(people["editor"])
    for bad in ({"value": True}, {"value": "1e999"}, {"value": "NaN"}, {"period": "x" * 500},
                {"lb": 5, "ub": 1}):  # fmt: skip
        item = {"measure": str(measure.uuid), "period": "2026", "value": 3, **bad}
        response = send("post", api(plan, "values"), [item], headers)
        assert response.status_code == 422, (bad, response.content)
    assert send("post", api(plan, "values"), [], headers).status_code == 422
    assert send("post", api(plan, "values"), {"not": "a list"}, headers).status_code == 422
    assert not MeasureValue.objects.exists()
