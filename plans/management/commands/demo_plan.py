"""upward demo_plan [--username demo] [--base-url URL]

Create the demo plan (Winnebago County, Illinois), or replace it with a fresh copy, owned by
the demo login. The login is created without a password if it is missing: `upward
demo_user` gives it one.
"""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import NoReverseMatch, reverse

from accounts.services import DEMO_USERNAME
from metrics.models import Geography
from plans.demo import DEMO_CODE, DEMO_GEOID, demo_plan_build
from plans.steps import plan_steps


class Command(BaseCommand):
    help = "Create (or replace) the demo plan for Winnebago County, owned by the demo login."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default=DEMO_USERNAME, help="the plan's owner")
        parser.add_argument(
            "--base-url", default="", help="put before the printed paths (http://host:port)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not Geography.objects.filter(geoid=DEMO_GEOID).exists():
            raise CommandError(
                f"The demo plan is for Winnebago County, Illinois ({DEMO_GEOID}), which is not "
                "in the database: run `upward metrics import` first."
            )
        owner, created = get_user_model().objects.get_or_create(
            username=options["username"], defaults={"first_name": "Demo", "last_name": "User"}
        )
        if created:
            owner.set_unusable_password()
            owner.save()
        started = time.perf_counter()
        outcome = demo_plan_build(owner=owner)
        seconds = time.perf_counter() - started
        complete = sum(s.complete for s in plan_steps(plan=outcome.plan))
        base = options["base_url"].rstrip("/")
        self.stdout.write(
            f"Demo plan ready in {seconds:.1f} s: {outcome.plan.title} ({DEMO_CODE}), owned by "
            f"{owner.get_username()}, {complete} of 10 steps complete.\n"
            f"  The plan:         {base}{reverse('plans:home', args=[DEMO_CODE])}"
        )
        public = _public_path(outcome.plan)
        if public:
            self.stdout.write(f"  Its public page:  {base}{public}")
        if created:
            self.stdout.write(
                f"The login {owner.get_username()!r} was created without a password: "
                "`upward demo_user` gives it one."
            )


def _public_path(plan: Any) -> str:
    """The public page's path when the reports app provides one and the plan is published."""
    if not plan.published:
        return ""
    try:
        return reverse("public:plan", args=[plan.code])
    except NoReverseMatch:
        return ""
