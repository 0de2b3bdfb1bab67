"""The `upward` command: every Django management command, plus serve, demo and secret-key.

upward migrate                 any Django management command, as with manage.py
upward serve --port 8000       the production server (gunicorn)
upward demo                    everything needed to look at a real profile and plan locally
upward demo --no-serve         the same, without starting the server
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

PROG = "upward"
SETTINGS = "config.settings"
BASE_DIR = Path(__file__).resolve().parent.parent

# Our commands and Django's most used ones, one line each, in the order `upward --help` shows.
OVERVIEW: list[tuple[str, str]] = [
    ("serve", "Run the web server (gunicorn) on --host and --port."),
    ("demo", "Migrate, import the metrics, seed the demo plan and login, then serve."),
    ("metrics import", "Load the Mobility Metrics release (a folder, files or URLs)."),
    ("metrics status", "Count geographies, metrics and observations (--json)."),
    ("demo_user", "Create the demo login, or give it a new password, and print it."),
    ("demo_plan", "Create (or replace) the demo plan for Winnebago County, Illinois."),
    ("plans list", "List the plans with their place, lead and steps complete (--json)."),
    ("plans export PLAN -o FILE", "Write a whole plan as one JSON document (open format)."),
    ("plans import FILE", "Create a plan from such a document (checked first, all or nothing)."),
    ("plans snapshot PLAN", "Freeze the whole plan now (--label TEXT), to compare later."),
    (
        "reports build KIND PLAN",
        "Write a document: map, summary, progress, funder, transition, wins.",
    ),
    ("tracking import PLAN FILE", "Load a CSV of progress updates or measure values (--dry-run)."),
    ("send-reminders", "E-mail each person their digest of due and overdue updates (for cron)."),
    ("send-updates", "E-mail followers of published plans their new updates and answers (cron)."),
    ("secret-key", "Create $UPWARD_DATA_DIR/secret_key if it is missing."),
    ("migrate", "Create or update the database tables."),
    ("createsuperuser", "Create an administrator account."),
    ("check", "Check the configuration for problems."),
    ("help COMMAND", "Show the options of any command, ours or Django's."),
]


def data_dir() -> Path:
    """The folder settings use for the database and the key (UPWARD_DATA_DIR, default ./var)."""
    value = os.environ.get("UPWARD_DATA_DIR")
    return Path(value).expanduser().resolve() if value else BASE_DIR / "var"


def secret_key_ensure() -> Path:
    """Write a random key to <data dir>/secret_key unless the file exists; return its path."""
    path = data_dir() / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50) + "\n")
    return path


def django_run(argv: Sequence[str]) -> None:
    """Run one Django management command in this process (exits on a CommandError)."""
    from django.core.management import ManagementUtility

    ManagementUtility([PROG, *argv]).execute()


def django_commands() -> set[str]:
    import django
    from django.core.management import get_commands

    django.setup()
    return set(get_commands())


def help_print() -> None:
    width = max(len(name) for name, _ in OVERVIEW) + 2
    print(f"Usage: {PROG} COMMAND [OPTIONS]\n")
    print("Upward: Mobility Action Plans on the Urban Institute's Mobility Metrics.\n")
    print("Commands:")
    for name, line in OVERVIEW:
        print(f"  {name.ljust(width)}{line}")
    print(
        f"\nEvery other Django management command works too: `{PROG} help --commands` "
        "lists them all.\nSettings come from environment variables (see .env.example)."
    )


def gunicorn_argv(*, host: str, port: int, workers: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--timeout",
        "60",
        # gunicorn's control socket lives in $HOME and is shared by every server of the
        # user; Upward does not use it, and two servers would fight over it.
        "--no-control-socket",
    ]


def serve_parser(prog: str, description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"{PROG} {prog}", description=description)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    return parser


def serve_exec(args: argparse.Namespace) -> int:
    """Replace this process with gunicorn, so signals and exit codes are gunicorn's."""
    static_root = data_dir() / "staticfiles"
    if not (static_root / "vendor").is_dir():
        print(
            f"{PROG}: note: {static_root} has no vendor assets, so pages will show without "
            f"styles. Run `make setup` (or `{PROG} collectstatic --noinput` after `npm ci` "
            "and scripts/vendor_assets.py).",
            file=sys.stderr,
        )
    argv = gunicorn_argv(host=args.host, port=args.port, workers=args.workers)
    sys.stdout.flush()
    os.execv(argv[0], argv)  # noqa: S606 - our own interpreter, fixed arguments
    return 0  # not reached


def cmd_serve(argv: Sequence[str]) -> int:
    parser = serve_parser("serve", "Run Upward with gunicorn, a production-grade server.")
    return serve_exec(parser.parse_args(argv))


def cmd_demo(argv: Sequence[str]) -> int:
    parser = serve_parser("demo", cmd_demo.__doc__ or "")
    parser.add_argument("--skip-import", action="store_true", help="do not import the metrics")
    parser.add_argument(
        "--no-serve", action="store_true", help="prepare everything, print the login, then stop"
    )
    args = parser.parse_args(argv)
    if not os.environ.get("SECRET_KEY"):
        secret_key_ensure()
    django_run(["migrate", "--noinput", "--verbosity", "0"])
    django_run(["collectstatic", "--noinput", "--verbosity", "0"])
    if not args.skip_import:
        django_run(["metrics", "import"])

    from accounts.services import DEMO_USERNAME, demo_user_reset

    password = demo_user_reset()
    host = "localhost" if args.host in {"127.0.0.1", "0.0.0.0"} else args.host  # noqa: S104
    base_url = f"http://{host}:{args.port}"
    seeded = demo_plan_run(base_url=base_url)
    status = "is ready at" if args.no_serve else "is starting at"
    print(
        "\n"
        f"  Upward {status.ljust(15)} {base_url}/\n"
        f"  Sign in as             {DEMO_USERNAME}\n"
        f"  with the password      {password}\n"
        "  (a new password is made each time the demo starts"
        + ("; `upward serve` serves it)\n" if args.no_serve else "; Ctrl+C stops the server)\n")
    )
    if args.no_serve:
        return 0 if seeded else 1
    return serve_exec(args)


def demo_plan_run(*, base_url: str) -> bool:
    """Seed the demo plan; when it cannot be (no metrics for its county), say so and go on."""
    try:
        django_run(["demo_plan", "--base-url", base_url])
    except SystemExit as exc:  # a CommandError, already printed in words
        if exc.code not in (0, None):
            print(f"{PROG}: the demo plan was not created (see above).", file=sys.stderr)
            return False
    return True


cmd_demo.__doc__ = "Prepare a local demo (database, metrics, demo plan and login) and serve it."


def cmd_secret_key(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog=f"{PROG} secret-key", description=secret_key_ensure.__doc__
    )
    parser.parse_args(argv)
    path = secret_key_ensure()
    print(f"Secret key file: {path}")
    return 0


OURS: dict[str, Callable[[Sequence[str]], int]] = {
    "serve": cmd_serve,
    "demo": cmd_demo,
    "secret-key": cmd_secret_key,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    from lib.env import ConfigError

    try:
        return dispatch(args)
    except ConfigError as exc:
        print(f"{PROG}: configuration error: {exc}", file=sys.stderr)
        return 2


def dispatch(args: list[str]) -> int:
    if not args or args[0] in {"-h", "--help"} or args == ["help"]:
        help_print()
        return 0
    name, rest = args[0], args[1:]
    if name in OURS:
        return OURS[name](rest)
    if name == "help" and rest and rest[0] in OURS:
        return OURS[rest[0]](["--help"])
    if name not in {"help", "--version"} and name not in django_commands():
        print(
            f"{PROG}: unknown command {name!r}. Run `{PROG} --help` to see the commands.",
            file=sys.stderr,
        )
        return 2
    django_run(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
