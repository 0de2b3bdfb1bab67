"""The `upward` console script, run as a person would run it: in a subprocess."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import cut_slice

UPWARD = str(Path(sys.executable).with_name("upward"))


def clean_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The caller's environment with a scratch data dir and no key or debug of its own."""
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env.pop("UPWARD_ALLOW_INSECURE_KEY", None)
    env.pop("DATABASE_URL", None)
    env["UPWARD_DATA_DIR"] = str(data_dir)
    env.update(extra)
    return env


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [UPWARD, *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_help_lists_our_commands_one_line_each(tmp_path: Path) -> None:
    result = run("--help", env=clean_env(tmp_path))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    for command in ("serve", "demo", "metrics import", "metrics status", "migrate"):
        assert sum(line.strip().startswith(command + " ") for line in lines) == 1, command


def test_help_for_serve_shows_host_port_and_workers(tmp_path: Path) -> None:
    result = run("help", "serve", env=clean_env(tmp_path))
    assert result.returncode == 0
    assert "--host" in result.stdout and "--port" in result.stdout
    assert "--workers" in result.stdout


def test_check_runs_djangos_system_checks(tmp_path: Path) -> None:
    result = run("check", env=clean_env(tmp_path, UPWARD_ALLOW_INSECURE_KEY="1"))
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_an_unknown_command_says_so_and_points_to_help(tmp_path: Path) -> None:
    result = run("frobnicate", env=clean_env(tmp_path, UPWARD_ALLOW_INSECURE_KEY="1"))
    assert result.returncode == 2
    assert "unknown command 'frobnicate'" in result.stderr
    assert "upward --help" in result.stderr


def test_a_bad_setting_gives_one_line_naming_it_not_a_traceback(tmp_path: Path) -> None:
    result = run("check", env=clean_env(tmp_path, DEBUG="maybe"))
    assert result.returncode == 2
    assert "DEBUG" in result.stderr
    assert "Traceback" not in result.stderr


def test_without_a_key_settings_refuse_to_start_and_say_how_to_fix_it(tmp_path: Path) -> None:
    result = run("check", env=clean_env(tmp_path))
    assert result.returncode == 2
    assert "SECRET_KEY" in result.stderr and "upward secret-key" in result.stderr


def test_secret_key_writes_a_private_key_file_that_settings_then_use(tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    assert run("secret-key", env=env).returncode == 0
    key_file = tmp_path / "secret_key"
    key = key_file.read_text()
    assert len(key.strip()) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert run("secret-key", env=env).returncode == 0
    assert key_file.read_text() == key, "an existing key is never replaced"
    assert run("check", env=env).returncode == 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback only
            return str(response.read().decode())
    except OSError:
        return None


def test_serve_answers_http_on_the_port_it_is_given(tmp_path: Path) -> None:
    port = free_port()
    env = clean_env(tmp_path, UPWARD_ALLOW_INSECURE_KEY="1")
    server = subprocess.Popen(
        [UPWARD, "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        body = None
        deadline = time.monotonic() + 60
        while body is None and server.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
            body = get(f"http://127.0.0.1:{port}/healthz")
        assert body == "ok", server.stderr.read() if server.poll() is not None else "no answer"
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "gunicorn" in (server.stderr.read() if server.stderr else "").lower()


@pytest.mark.parametrize("args", [["metrics", "--help"], ["help", "metrics"]])
def test_metrics_is_reachable_as_a_management_command(tmp_path: Path, args: list[str]) -> None:
    result = run(*args, env=clean_env(tmp_path, UPWARD_ALLOW_INSECURE_KEY="1"))
    assert result.returncode == 0, result.stderr
    assert "import" in result.stdout and "status" in result.stdout


def test_demo_without_serving_seeds_the_demo_plan_prints_its_address_and_the_login(
    tmp_path: Path, metrics_slice_dir: Path
) -> None:
    illinois = tmp_path / "release"
    cut_slice(metrics_slice_dir, illinois, {"17"})
    env = clean_env(tmp_path / "data", UPWARD_METRICS_DIR=str(illinois))
    result = run("demo", "--no-serve", "--port", "8765", env=env)
    assert result.returncode == 0, result.stderr
    assert "http://localhost:8765/plans/winnebago-demo/" in result.stdout
    assert "http://localhost:8765/p/winnebago-demo/" in result.stdout
    assert "Sign in as             demo" in result.stdout
    listed = run("plans", "list", "--json", env=env)
    assert listed.returncode == 0, listed.stderr
    (row,) = json.loads(listed.stdout)
    assert row["code"] == "winnebago-demo" and row["steps_complete"] >= 2
