"""Settings come from the environment, .env.example lists every variable, bad values stop."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENV_EXAMPLE = ROOT / ".env.example"
VARIABLE_LINE = re.compile(r"^([A-Z][A-Z0-9_]*)=")

# Imports settings in a fresh interpreter and prints what they read and decided.
PROBE = """
import json
from config import settings
from lib.env import KNOWN_VARIABLES
print(json.dumps({
    "read": sorted(KNOWN_VARIABLES),
    "secret_key": settings.SECRET_KEY,
    "debug": settings.DEBUG,
}))
"""


def settings_load(data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Import config.settings in a subprocess with only the given Upward variables set."""
    base = {k: v for k, v in os.environ.items() if k not in example_variables()}
    base.update(UPWARD_DATA_DIR=str(data_dir), **env)
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=base,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def example_variables() -> list[str]:
    lines = ENV_EXAMPLE.read_text().splitlines()
    return [m.group(1) for line in lines if (m := VARIABLE_LINE.match(line))]


def variables_read(data_dir: Path, **env: str) -> set[str]:
    result = settings_load(data_dir, **env)
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout)["read"])


def test_env_example_lists_every_variable_settings_read(tmp_path: Path) -> None:
    # Two environments, so variables read on only one branch are seen too.
    read = variables_read(tmp_path, UPWARD_ALLOW_INSECURE_KEY="1")
    read |= variables_read(
        tmp_path, DEBUG="1", SECRET_KEY="x" * 50, DATABASE_URL="sqlite:///:memory:"
    )
    assert {"DEBUG", "SECRET_KEY", "DATABASE_URL", "UPWARD_DATA_DIR"} <= read
    missing = sorted(read - set(example_variables()))
    assert not missing, f"settings read variables that .env.example does not list: {missing}"


def test_env_example_explains_each_variable_in_a_comment_above_it() -> None:
    lines = ENV_EXAMPLE.read_text().splitlines()
    for number, line in enumerate(lines):
        if VARIABLE_LINE.match(line):
            assert lines[number - 1].startswith("# "), f"{line!r} has no comment above it"
    names = example_variables()
    assert len(names) == len(set(names)), "a variable is listed twice"


@pytest.mark.parametrize(
    ("name", "value", "key"),
    [
        ("DEBUG", "maybe", "x" * 50),
        ("SECURE_COOKIES", "perhaps", "x" * 50),
        # Read only when there is no key, so none is given here.
        ("UPWARD_ALLOW_INSECURE_KEY", "sure", ""),
    ],
)
def test_a_bad_true_or_false_stops_settings_with_a_message_naming_it(
    tmp_path: Path, name: str, value: str, key: str
) -> None:
    result = settings_load(tmp_path, SECRET_KEY=key, **{name: value})
    assert result.returncode != 0
    assert f"{name} must be true or false" in result.stderr
    assert repr(value) in result.stderr


def test_without_debug_or_a_key_settings_refuse_to_start(tmp_path: Path) -> None:
    result = settings_load(tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_a_key_file_in_the_data_dir_is_used_when_secret_key_is_unset(tmp_path: Path) -> None:
    (tmp_path / "secret_key").write_text("k" * 60 + "\n")
    result = settings_load(tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["secret_key"] == "k" * 60


def test_secret_key_in_the_environment_wins_over_the_key_file(tmp_path: Path) -> None:
    (tmp_path / "secret_key").write_text("k" * 60)
    result = settings_load(tmp_path, SECRET_KEY="e" * 60)
    assert json.loads(result.stdout)["secret_key"] == "e" * 60


def test_debug_is_off_unless_asked(tmp_path: Path) -> None:
    result = settings_load(tmp_path, SECRET_KEY="x" * 50)
    assert json.loads(result.stdout)["debug"] is False
