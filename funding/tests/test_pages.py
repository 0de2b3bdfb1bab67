from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from funding.models import ActionFundingNeed, FundingEntry, FundingSettings
from funding.tests.conftest import entry_make


def url(name: str, plan, *args) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"funding:{name}", args=[plan.code, *args])


def entry_post(**values: object) -> dict[str, object]:
    data: dict[str, object] = {
        "source_type": "state-grant", "funder_name": "Illinois Department of Commerce",
        "status": "committed", "committed": "1,200", "received": "", "spent": "",
        "renewal_expected": "unknown", "starts_on": "2027-01-01", "ends_on": "2027-12-31",
        "restrictions": "", "notes": "", "people_reached": "",
    }  # fmt: skip
    return data | values


# -- reading -------------------------------------------------------------------------------


def test_every_member_reads_the_overview_with_gaps_and_funders(viewer, plan, grant):
    ActionFundingNeed.objects.create(action=grant.action, amount=Decimal("80000"))
    page = viewer.get(url("overview", plan))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Rock River Community Foundation" in text
    assert "$30,000" in text  # still needed
    assert "spec-gaps-priority" in text and "Show the data table" in text
    assert "Add a funding entry" not in text


def test_the_overview_warns_about_funding_that_ends_within_the_chosen_horizon(owner, plan, action):
    ends = datetime.date.today() + datetime.timedelta(days=100)
    entry_make(action, funder_name="Short Grant", ends_on=ends)
    assert "Short Grant" in owner.get(url("overview", plan)).content.decode()
    narrow = owner.get(url("overview", plan) + "?horizon=30").content.decode()
    assert "No committed or received funding ends within 30 days" in narrow


def test_a_horizon_that_is_not_a_number_is_refused_beside_the_field(owner, plan):
    page = owner.get(url("overview", plan) + "?horizon=%3Cb%3E")
    assert page.status_code == 400
    assert "Enter a whole number" in page.content.decode()


def test_outsiders_get_404_and_anonymous_people_are_sent_to_sign_in(
    outsider, anonymous, plan, grant
):
    pages = [
        url("overview", plan), url("action", plan, grant.action.uuid),
        url("entry", plan, grant.uuid), url("entry-new", plan, grant.action.uuid),
        url("funder", plan, "rock-river-community-foundation"),
        url("funder-download", plan, "rock-river-community-foundation", "pdf"),
    ]  # fmt: skip
    for page in pages:
        assert outsider.get(page).status_code == 404, page
        assert anonymous.get(page).status_code == 302, page


def test_the_ledger_shows_entries_escaped_and_warns_when_more_is_spent_than_received(
    viewer, plan, action
):
    entry_make(action, funder_name="<script>alert(1)</script>", received=Decimal("10"),
               spent=Decimal("20"))  # fmt: skip
    text = viewer.get(url("action", plan, action.uuid)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<script>alert(1)" not in text
    assert "more spent than received" in text


# -- adding and changing entries -----------------------------------------------------------


def test_an_editor_adds_an_entry_with_an_amount_written_with_a_comma(editor, plan, action):
    page = editor.post(url("entry-new", plan, action.uuid), entry_post())
    assert page.status_code == 302
    entry = FundingEntry.objects.get(action=action)
    assert entry.committed == Decimal("1200")
    assert entry.funder_label() == "Illinois Department of Commerce"


def test_the_contributor_who_owns_the_action_changes_its_ledger(contributor, plan, grant):
    page = contributor.post(
        url("entry", plan, grant.uuid),
        entry_post(funder_name="", funder_organisation=grant.funder_organisation_id,
                   committed="60000", received="20000", version=grant.version),
    )  # fmt: skip
    assert page.status_code == 302
    grant.refresh_from_db()
    assert grant.committed == Decimal("60000") and grant.version == 2


def test_a_contributor_may_not_change_an_action_they_do_not_own(contributor, plan, other_action):
    entry = entry_make(other_action)
    assert contributor.get(url("entry-new", plan, other_action.uuid)).status_code == 403
    assert contributor.post(url("entry", plan, entry.uuid), entry_post()).status_code == 403
    delete = contributor.post(url("entry-delete", plan, entry.uuid), {"version": 1})
    assert delete.status_code == 403
    assert FundingEntry.objects.filter(pk=entry.pk).exists()


def test_a_viewer_may_read_but_not_change_anything(viewer, plan, grant):
    assert viewer.get(url("action", plan, grant.action.uuid)).status_code == 200
    assert viewer.get(url("entry-new", plan, grant.action.uuid)).status_code == 403
    assert viewer.post(url("entry-new", plan, grant.action.uuid), entry_post()).status_code == 403
    assert viewer.post(url("entry", plan, grant.uuid), entry_post()).status_code == 403
    need = {"amount": "10", "version": 0}
    assert viewer.post(url("need", plan, grant.action.uuid), need).status_code == 403
    assert viewer.post(url("public", plan), {"public": "on"}).status_code == 403
    assert FundingEntry.objects.count() == 1


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"committed": "-5"}, "committed", "cannot be negative"),
        ({"committed": "1e30"}, "committed", "more than this ledger holds"),
        ({"committed": "1,2"}, "committed", "commas only between thousands"),
        ({"committed": "twelve"}, "committed", "number of dollars"),
        ({"committed": "NaN"}, "committed", "number of dollars"),
        ({"committed": "10.555"}, "committed", "two digits after the point"),
        ({"committed": "100", "received": "200"}, "received", "More was received than committed"),
        ({"ends_on": "2026-01-01"}, "ends_on", "cannot end before it starts"),
        ({"funder_name": ""}, "funder_name", "Name the funder"),
        ({"source_type": "lottery"}, "source_type", "valid choice"),
    ],
)
def test_bad_amounts_and_values_are_refused_beside_the_field_and_nothing_is_saved(
    owner, plan, action, values, field, message
):
    page = owner.post(url("entry-new", plan, action.uuid), entry_post(**values))
    assert page.status_code == 400
    assert message in str(page.context["form"].errors[field])
    assert not FundingEntry.objects.exists()


def test_received_above_committed_is_accepted_when_said_on_purpose(owner, plan, action):
    post = entry_post(committed="100", received="200", received_above_committed="on")
    assert owner.post(url("entry-new", plan, action.uuid), post).status_code == 302
    assert FundingEntry.objects.get().received == Decimal("200")


def test_markup_typed_in_notes_is_kept_as_text_and_shown_escaped(owner, plan, action):
    post = entry_post(notes='<img src=x onerror="alert(1)">', funder_name="<b>Bold</b> Fund")
    owner.post(url("entry-new", plan, action.uuid), post)
    text = owner.get(url("action", plan, action.uuid)).content.decode()
    assert "&lt;img src=x" in text and "&lt;b&gt;Bold&lt;/b&gt; Fund" in text


def test_a_stale_save_is_refused_and_nothing_is_overwritten(owner, editor, plan, grant):
    first = editor.post(url("entry", plan, grant.uuid),
                        entry_post(committed="70000", received="0", version=1))  # fmt: skip
    assert first.status_code == 302
    second = owner.post(url("entry", plan, grant.uuid),
                        entry_post(committed="1", version=1))  # fmt: skip
    assert second.status_code == 409
    assert "changed since you opened it" in second.content.decode()
    grant.refresh_from_db()
    assert grant.committed == Decimal("70000")


def test_an_entry_is_deleted_with_its_current_version_only(owner, plan, grant):
    stale = owner.post(url("entry-delete", plan, grant.uuid), {"version": 7}, follow=True)
    assert "changed since you opened it" in stale.content.decode()
    assert FundingEntry.objects.filter(pk=grant.pk).exists()
    owner.post(url("entry-delete", plan, grant.uuid), {"version": grant.version})
    assert not FundingEntry.objects.filter(pk=grant.pk).exists()


def test_the_owner_of_the_action_records_what_it_needs_and_a_stale_need_is_refused(
    contributor, plan, action
):
    ok = contributor.post(url("need", plan, action.uuid), {"amount": "$25,000", "version": 0})
    assert ok.status_code == 302
    assert ActionFundingNeed.objects.get(action=action).amount == Decimal("25000")
    stale = contributor.post(url("need", plan, action.uuid), {"amount": "1", "version": 0})
    assert stale.status_code == 409
    bad = contributor.post(url("need", plan, action.uuid), {"amount": "-1", "version": 1})
    assert bad.status_code == 400
    assert ActionFundingNeed.objects.get(action=action).amount == Decimal("25000")


# -- public page ---------------------------------------------------------------------------


def test_only_the_owner_chooses_to_show_funding_publicly(owner, editor, plan):
    assert editor.post(url("public", plan), {"public": "on"}).status_code == 403
    owner.post(url("public", plan), {"public": "on"})
    assert FundingSettings.objects.get(plan=plan).public


def test_the_public_plan_page_shows_funding_only_when_the_owner_publishes_it(
    owner, anonymous, plan, grant
):
    plan.published = True
    plan.save()
    public = reverse("public:plan", args=[plan.code])
    assert "Funding per strategic action" not in anonymous.get(public).content.decode()
    owner.post(url("public", plan), {"public": "on"})
    text = anonymous.get(public).content.decode()
    assert "Funding per strategic action" in text
    assert "Rock River Community Foundation" in text and "$50,000" in text


def test_a_contributor_is_offered_changes_only_on_the_ledger_of_their_own_action(
    contributor, plan, action, other_action
):
    own = contributor.get(url("action", plan, action.uuid)).content.decode()
    other = contributor.get(url("action", plan, other_action.uuid)).content.decode()
    assert "Add a funding entry" in own and "Save what it needs" in own
    assert "Add a funding entry" not in other and "Save what it needs" not in other


def test_a_plan_without_actions_has_an_overview_that_says_so(owner, plan):
    text = owner.get(url("overview", plan)).content.decode()
    assert "The plan has no strategic actions yet" in text
    assert "No funding recorded yet" in text
