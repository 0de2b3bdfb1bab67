"""The foundation through the JSON API with personal tokens: the same role rules as the
pages, 409 for stale versions, 422 with the page's messages."""

from __future__ import annotations

from django.test import Client

from accounts.services import api_token_create
from foundation.models import CharterRevision, LearningQuestion, RaciEntry


def client_for(user) -> Client:  # type: ignore[no-untyped-def]
    _, raw = api_token_create(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def base(plan) -> str:  # type: ignore[no-untyped-def]
    return f"/api/v1/plans/{plan.code}/foundation"


def send(api: Client, method: str, path: str, body: dict) -> object:  # type: ignore[type-arg]
    return getattr(api, method)(path, body, content_type="application/json")


def test_without_a_token_the_charter_answers_401_and_outsiders_404(plan, people):
    assert Client().get(f"{base(plan)}/charter").status_code == 401
    outsider = client_for(people["outsider"])
    for path in ("charter", "charter/revisions", "raci", "learning", "gaps"):
        assert outsider.get(f"{base(plan)}/{path}").status_code == 404, path


def test_an_editor_saves_revisions_with_the_version_read_and_a_stale_one_gets_409(plan, people):
    api = client_for(people["editor"])
    assert api.get(f"{base(plan)}/charter").json()["version"] == 0
    made = send(
        api,
        "post",
        f"{base(plan)}/charter",
        {"version": 0, "note": "First text.", "mission": "Everyone gets ahead."},
    )
    assert made.status_code == 201, made.content
    assert made.json()["version"] == 1 and made.json()["mission"] == "Everyone gets ahead."
    again = send(
        api,
        "post",
        f"{base(plan)}/charter",
        {"version": 1, "note": "Meetings.", "meetings": "Quarterly."},
    )
    assert again.json()["mission"] == "Everyone gets ahead."  # left out: kept
    stale = send(
        api,
        "post",
        f"{base(plan)}/charter",
        {"version": 1, "note": "Late.", "mission": "Overwrite"},
    )
    assert stale.status_code == 409
    assert CharterRevision.objects.count() == 2
    listed = api.get(f"{base(plan)}/charter/revisions").json()
    assert [r["number"] for r in listed] == [2, 1]


def test_a_revision_without_a_note_is_422_and_a_viewer_gets_403(plan, people):
    api = client_for(people["editor"])
    empty = send(api, "post", f"{base(plan)}/charter", {"version": 0, "note": " "})
    assert empty.status_code == 422
    assert "what changed and why" in empty.content.decode()
    viewer = send(
        client_for(people["viewer"]), "post", f"{base(plan)}/charter", {"version": 0, "note": "x"}
    )
    assert viewer.status_code == 403
    assert not CharterRevision.objects.exists()


def test_an_editor_sets_cells_by_organisation_name_or_member_and_hears_about_accountability(
    plan, people, action, library, member
):
    api = client_for(people["editor"])
    cell = {
        "subject_kind": "action",
        "subject": str(action.uuid),
        "party_kind": "organisation",
        "party": "rockford public library",
        "role": "R",
    }
    answer = send(api, "put", f"{base(plan)}/raci", cell)
    assert answer.status_code == 200, answer.content
    assert answer.json()["warning"] == "Nobody is accountable: name exactly one."
    owner = send(
        api,
        "put",
        f"{base(plan)}/raci",
        cell | {"party_kind": "member", "party": "contributor", "role": "A"},
    )
    assert owner.json()["accountable"] == 1 and owner.json()["warning"] == ""
    listed = client_for(people["viewer"]).get(f"{base(plan)}/raci").json()
    assert {(r["party"], r["role"]) for r in listed} == {
        ("Rockford Public Library", "R"),
        (str(member("contributor").uuid), "A"),
    }


def test_a_cell_that_changed_since_it_was_read_gets_409(plan, people, action, library):
    RaciEntry.objects.create(plan=plan, action=action, organisation=library, role="C")
    cell = {
        "subject_kind": "action",
        "subject": str(action.uuid),
        "party_kind": "organisation",
        "party": "Rockford Public Library",
        "role": "A",
        "was": "",
    }
    assert send(client_for(people["editor"]), "put", f"{base(plan)}/raci", cell).status_code == 409
    assert RaciEntry.objects.get().role == "C"


def test_bad_cells_are_refused(plan, people, action, measure):
    api = client_for(people["editor"])
    cell = {
        "subject_kind": "action",
        "subject": str(action.uuid),
        "party_kind": "organisation",
        "party": "<script>x</script>",
        "role": "R",
    }
    assert send(api, "put", f"{base(plan)}/raci", cell).status_code == 422
    assert send(api, "put", f"{base(plan)}/raci", cell | {"role": "Z"}).status_code == 422
    wrong = cell | {"subject": str(measure.uuid)}  # a measure's key named as an action
    assert send(api, "put", f"{base(plan)}/raci", wrong).status_code == 404
    viewer = send(client_for(people["viewer"]), "put", f"{base(plan)}/raci", cell)
    assert viewer.status_code == 403
    assert not RaciEntry.objects.exists()


def test_a_contributor_adds_and_changes_their_own_question_only(plan, people, action):
    api = client_for(people["contributor"])
    made = send(
        api,
        "post",
        f"{base(plan)}/learning",
        {
            "question": "Who rides the late bus?",
            "helpers": ["residents"],
            "action": str(action.uuid),
        },
    )
    assert made.status_code == 201, made.content
    key = made.json()["uuid"]
    assert made.json()["action"] == str(action.uuid)
    answered = send(
        api,
        "patch",
        f"{base(plan)}/learning/{key}",
        {
            "version": 1,
            "status": "answered",
            "learned": "Night-shift workers.",
            "learned_from": "Riders",
            "learned_on": "2027-02-10",
        },
    )
    assert answered.status_code == 200, answered.content
    assert answered.json()["status"] == "answered" and answered.json()["version"] == 2
    assert answered.json()["helpers"] == ["residents"]  # left out: kept
    stale = send(api, "patch", f"{base(plan)}/learning/{key}", {"version": 1, "why": "x"})
    assert stale.status_code == 409
    theirs = LearningQuestion.objects.create(
        plan=plan, question="Theirs", created_by=people["editor"]
    )
    refused = send(api, "patch", f"{base(plan)}/learning/{theirs.uuid}", {"version": 1})
    assert refused.status_code == 403
    listed = client_for(people["viewer"]).get(f"{base(plan)}/learning?status=answered").json()
    assert [q["question"] for q in listed] == ["Who rides the late bus?"]


def test_a_question_answered_without_what_was_learned_is_422(plan, people):
    api = client_for(people["editor"])
    bad = send(api, "post", f"{base(plan)}/learning", {"question": "Q", "status": "answered"})
    assert bad.status_code == 422
    assert "Say what was learned" in bad.content.decode()
    viewer = send(client_for(people["viewer"]), "post", f"{base(plan)}/learning", {"question": "Q"})
    assert viewer.status_code == 403
    assert not LearningQuestion.objects.exists()


def test_gaps_are_read_with_where_to_fix_them(plan, people, action, group):
    found = client_for(people["viewer"]).get(f"{base(plan)}/gaps?days=30").json()
    assert {"action", "working-group"} <= {g["area"] for g in found}
    assert any(g["kind"] == "No chair" and g["fix_url"].endswith("/") for g in found)
    assert client_for(people["viewer"]).get(f"{base(plan)}/gaps?days=0").status_code == 422
