"""The pages of a plan after its release (step 10: follow-through, measures, reminders,
continuity, revisions, funding, progress reports, and the published plan's public pages)
pass axe-core's WCAG 2.1 A and AA checks in Chromium, on a desktop and on a phone, for the
demo plan's owner signed in; and a person posts a progress update with the keyboard only."""

from __future__ import annotations

import contextlib
import json
import re
from typing import Any

import pytest
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.browser.test_accessibility import violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse 42"  # a test account's

# Pages of apps whose helpers were still building them when these checks were written: the
# violations they had then (rule ids, by page), reported to their owners. A page may lose
# them, never gain others.
KNOWN: dict[str, set[str]] = {}


@pytest.fixture
def demo(release: None) -> dict[str, Any]:
    from django.contrib.auth import get_user_model

    from continuity.snapshots import snapshot_take
    from plans.demo import demo_plan_build
    from revisions.models import Revision

    owner = get_user_model().objects.create_user(
        username="demo", email="demo@example.org", password=PASSWORD
    )
    plan = demo_plan_build(owner=owner).plan
    snapshot = snapshot_take(plan=plan, label="Before the county election", user=owner)
    action = plan.actions.order_by("id").first()
    measure = plan.measures.order_by("id").first()
    revision = Revision.objects.filter(plan=plan).order_by("id").first()
    assert action is not None and measure is not None and revision is not None
    return {
        "plan": plan, "owner": owner, "snapshot": snapshot, "action": action,
        "measure": measure, "revision": revision,
    }  # fmt: skip


def pages_of(demo: dict[str, Any]) -> list[str]:
    plan, code = demo["plan"], demo["plan"].code
    base = f"/plans/{code}"
    action, measure, revision = demo["action"], demo["measure"], demo["revision"]
    paths = [
        f"{base}/",
        f"{base}/tracking/",
        f"{base}/tracking/actions/{action.uuid}/",
        f"{base}/tracking/actions/{action.uuid}/updates/new/",
        f"{base}/tracking/rollup/",
        f"{base}/results/",
        f"{base}/results/measures/{measure.uuid}/",
        f"{base}/followup/",
        f"{base}/followup/accountability/",
        "/me/updates/",
        f"{base}/continuity/",
        f"{base}/continuity/transition/",
        f"{base}/continuity/snapshots/{demo['snapshot'].uuid}/",
        f"{base}/revisions/",
        f"{base}/revisions/{revision.subject_kind}/{revision.subject_uuid}/",
        f"{base}/funding/",
        reverse("reports:progress", args=[code]),
        f"/p/{code}/",
        f"/p/{code}/progress/",
        f"/p/{code}/history/",
    ]
    for name in ("wins_public:page", "engagement_public:feedback"):
        with contextlib.suppress(NoReverseMatch):  # that part is not installed here
            paths.append(reverse(name, args=[code]))
    assert plan.published
    return paths


def desktop_pages_of(demo: dict[str, Any]) -> list[str]:
    """The forms and secondary pages of the finished step-10 apps, checked on the desktop
    only (the phone run keeps to the pages above, to stay within a couple of minutes)."""
    plan, code = demo["plan"], demo["plan"].code
    base = f"/plans/{code}"
    action, measure = demo["action"], demo["measure"]
    member = plan.memberships.order_by("id").first()
    report = plan.progress_reports.order_by("id").first()
    assert member is not None and report is not None
    return [
        f"{base}/tracking/actions/{action.uuid}/milestones/new/",
        f"{base}/tracking/actions/{action.uuid}/owner/",
        f"{base}/tracking/review/",
        f"{base}/tracking/import/",
        f"{base}/tracking/keys/",
        f"{base}/results/upload/",
        f"{base}/results/measures/{measure.uuid}/values/new/",
        f"{base}/results/measures/{measure.uuid}/story/",
        f"{base}/followup/settings/",
        "/me/reminders/",
        f"{base}/continuity/people/{member.uuid}/",
        f"{base}/continuity/elections/new/",
        reverse("reports:progress_issued", args=[code, report.uuid]),
    ]


def structure_problems(page: Any) -> list[dict[str, Any]]:
    """What the house rules ask beyond WCAG's automated rules: headings in order with one
    h1, and every data table captioned with its headers scoped."""
    found = page.evaluate(
        """async () => (await axe.run(document, {
            runOnly: {type: 'rule', values: ['heading-order', 'page-has-heading-one',
                                              'empty-heading', 'empty-table-header']},
            resultTypes: ['violations'],
        })).violations.map(v => ({rule: v.id, impact: v.impact, help: v.help,
                                  where: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"""
    )
    tables = page.evaluate(
        """() => [...document.querySelectorAll('main table')].flatMap((t, i) => [
              ...(t.querySelector(':scope > caption') || t.getAttribute('aria-label')
                  || t.getAttribute('aria-labelledby') ? [] : [`table ${i + 1}: no caption`]),
              ...[...t.querySelectorAll('th:not([scope])')].slice(0, 1).map(
                   th => `table ${i + 1}: th "${th.textContent.trim().slice(0, 30)}" no scope`)])"""
    )
    if tables:
        found.append({"rule": "table caption and scope", "where": tables[:3]})
    return found


def too_wide(page: Any) -> list[str]:
    """The outermost elements that stick out past the right edge of the screen (those
    inside a box that scrolls or clips on its own do not widen the page)."""
    return page.evaluate(
        """() => {
          const edge = document.documentElement.clientWidth + 1;
          if (document.documentElement.scrollWidth <= edge) return [];
          const clipped = el => { for (let a = el.parentElement; a; a = a.parentElement) {
              if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX)
                  && a !== document.body && a !== document.documentElement) return true; }
              return false; };
          const out = [...document.body.querySelectorAll('*')].filter(el =>
              el.getBoundingClientRect().right > edge && !clipped(el)
              && !(el.parentElement.getBoundingClientRect().right > edge));
          if (!out.length) return [`${document.documentElement.scrollWidth - edge + 1}px`];
          return out.slice(0, 3).map(el => `${el.tagName.toLowerCase()}.${[...el.classList]
              .join('.')} "${el.textContent.trim().slice(0, 40)}" right ${
              Math.round(el.getBoundingClientRect().right)}px`);
        }"""
    )


def sign_in(page: Any, base_url: str) -> None:
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("User name").fill("demo")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"^(?!.*/accounts/login/).*$"))


@pytest.mark.parametrize("width", [1280, 375])
def test_the_demo_plans_follow_through_pages_have_no_accessibility_violations(
    live_server: Any, browser: Any, demo: dict[str, Any], width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.set_default_timeout(60_000)
    page = context.new_page()
    sign_in(page, live_server.url)
    found: dict[str, list[dict[str, Any]]] = {}
    extra = desktop_pages_of(demo) if width > 1000 else []
    for path in [*pages_of(demo), *extra]:
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, (path, response)
        # The charts are drawn once their scripts have run; on a busy machine the network
        # may not settle in time, and the page itself has loaded anyway.
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_load_state("networkidle", timeout=20_000)
        problems = [*violations(page), *structure_problems(page)]
        wide = too_wide(page)
        if wide:  # a phone's reader scrolls sideways to read the page itself
            problems.append({"rule": "page wider than the screen", "where": wide})
        problems = [p for p in problems if p["rule"] not in KNOWN.get(path, set())]
        if problems:
            found[path] = problems
    context.close()
    assert found == {}, json.dumps(found, indent=1)


def test_a_person_posts_a_progress_update_with_the_keyboard_only(
    live_server: Any, browser: Any, demo: dict[str, Any]
) -> None:
    from strategy.models import ActionStatus

    plan, action = demo["plan"], demo["action"]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(60_000)
    page = context.new_page()
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/plans/{plan.code}/tracking/actions/{action.uuid}/updates/new/")
    form = page.locator("main form").filter(has=page.get_by_role("button", name="Post the update"))
    fields = form.locator("input:not([type=hidden]):not([tabindex='-1']), select, textarea, button")
    wanted = [fields.nth(i).evaluate("el => el.name || el.textContent.trim()")
              for i in range(fields.count())]  # fmt: skip
    new_status = next(
        s for s in (ActionStatus.AT_RISK, ActionStatus.ON_TRACK) if s != action.status
    )

    # Tab from the top of the page until the focus is in the form, then through it.
    page.locator("body").focus()
    reached: list[str] = []
    for _ in range(120):
        page.keyboard.press("Tab")
        inside = page.evaluate(
            """() => { const el = document.activeElement;
                       const form = el && el.closest('main form');
                       return form && form.querySelector('button[type=submit], button:not([type])')
                              && [...form.querySelectorAll('button')].some(
                                   b => b.textContent.includes('Post the update'))
                              ? (el.name || el.textContent.trim()) : null; }"""
        )
        if inside is None:
            if reached:
                break
            continue
        if inside not in reached:
            reached.append(inside)
        name = inside
        if name == "status":
            page.keyboard.press("Home")
            for _ in range(12):
                if page.evaluate("() => document.activeElement.value") == new_status:
                    break
                page.keyboard.press("ArrowDown")
        elif name == "percent_complete":
            page.keyboard.press("Control+A")
            page.keyboard.type("55")
        elif name == "narrative":
            page.keyboard.type("Posted from the keyboard: the partners met and agreed the dates.")
        elif "Post the update" in name:
            break
    assert [w for w in wanted if w not in reached] == [], (wanted, reached)
    assert reached == [w for w in wanted if w in reached]  # in the order the page reads
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/tracking/actions/{action.uuid}/**")
    expect(page.get_by_text("Your update is saved")).to_be_visible()

    page.goto(f"{live_server.url}/plans/{plan.code}/tracking/")
    row = page.get_by_role("row").filter(has_text=action.title)
    expect(row.first).to_contain_text(ActionStatus(new_status).label)
    context.close()
