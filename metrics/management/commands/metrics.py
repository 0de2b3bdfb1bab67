"""upward metrics import|status: load the Mobility Metrics release and report what is loaded."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from metrics.selectors.status import metrics_status
from metrics.services.catalog import framework_load
from metrics.services.imports import ImportRejected, SourceError, metrics_import


class _Bar:
    """A progress bar per stage, drawn on standard error."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: tqdm | None = None
        self.label = ""

    def __call__(self, done: int, total: int | None, label: str) -> None:
        if not self.enabled:
            return
        if self.bar is None or label != self.label:
            self.close()
            self.label = label
            self.bar = tqdm(
                total=total, desc=label, unit="B", unit_scale=True, file=sys.stderr, leave=False
            )
        self.bar.update(done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


class Command(BaseCommand):
    help = "Import the Mobility Metrics release (import) or show what is loaded (status)."
    # The system checks import every view module (0.3-0.45 s per run) and check nothing
    # an import or a status report depends on; `upward check` runs them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("import", help="Read, check and load release files.")
        run.add_argument(
            "sources",
            nargs="*",
            help="Files, folders or URLs. None: UPWARD_METRICS_DIR, or the release download.",
        )
        run.add_argument("--dry-run", action="store_true", help="Check only; load nothing.")
        run.add_argument("--label", help="A name for this release in the history.")
        run.add_argument("--no-progress", action="store_true", help="No progress bar.")
        status = sub.add_parser("status", help="Counts of what is loaded, and the releases.")
        status.add_argument("--json", action="store_true", help="Print JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "status":
            self._status(as_json=options["json"])
        else:
            self._import(options)

    def _import(self, options: dict[str, Any]) -> None:
        framework_load()
        bar = _Bar(enabled=not options["no_progress"] and sys.stderr.isatty())
        if not bar.enabled and not options["no_progress"]:
            self.stderr.write("Reading and checking the release files...")
        try:
            report = metrics_import(
                sources=options["sources"] or None,
                dry_run=options["dry_run"],
                label=options["label"],
                progress=bar,
            )
        except ImportRejected as exc:
            bar.close()
            raise CommandError(exc.summary()) from exc
        except SourceError as exc:
            bar.close()
            raise CommandError(f"Nothing was imported: {exc}") from exc
        bar.close()
        for file in report.files:
            if file.unknown_columns:
                self.stdout.write(
                    f"{file.name}: columns not in the catalog, not imported: "
                    + ", ".join(file.unknown_columns)
                )
        self.stdout.write(report.summary())

    def _status(self, *, as_json: bool) -> None:
        status = metrics_status()
        if as_json:
            self.stdout.write(json.dumps(status, indent=2))
            return
        geos: dict[str, int] = status["geographies"]  # type: ignore[assignment]
        self.stdout.write(
            f"{geos['county']:,} counties, {geos['place']:,} cities, {geos['state']:,} states; "
            f"{status['metrics']} metrics; {status['observations']:,} observations."
        )
        for release in status["releases"]:  # type: ignore[attr-defined]
            self.stdout.write(
                f"  release {release['id']}: {release['label']} at {release['imported_at']} "
                f"({release['observations_added']:,} added, "
                f"{release['observations_revised']:,} revised)"
            )
