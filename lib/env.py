"""Typed readers for settings that come from the environment. They fail loudly."""

from __future__ import annotations

import os
from pathlib import Path

# Every variable that settings may read. A test checks that .env.example lists each one.
KNOWN_VARIABLES: set[str] = set()


class ConfigError(RuntimeError):
    """A setting in the environment has a value Upward cannot use."""


def _raw(name: str) -> str | None:
    KNOWN_VARIABLES.add(name)
    value = os.environ.get(name)
    return value if value not in (None, "") else None


def env_str(name: str, default: str | None = None) -> str | None:
    value = _raw(name)
    return default if value is None else value


def env_bool(name: str, *, default: bool = False) -> bool:
    value = _raw(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be true or false (1/0, yes/no), not {value!r}.")


def env_int(name: str, *, default: int) -> int:
    value = _raw(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number, not {value!r}.") from exc


def env_list(name: str, *, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_path(name: str, *, default: Path | None) -> Path | None:
    value = _raw(name)
    if value is None:
        return default
    return Path(value).expanduser().resolve()
