"""Where release files come from: a folder, a file, or a download into the cache."""

from __future__ import annotations

import hashlib
import shutil
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

# The combined release files a real installation downloads (the repository's data/ folder).
RELEASE_FILES = (
    "11_mobility-metrics_county_longitudinal.csv",
    "61_mobility-metrics_place_longitudinal.csv",
    "62_mobility-metrics_place_race-ethnicity_longitudinal.csv",
    "63_mobility-metrics_place_race-share_longitudinal.csv",
    "65_mobility-metrics_place_age_longitudinal.csv",
    "66_mobility-metrics_place_gender_longitudinal.csv",
    "67_mobility-metrics_place_tenure_longitudinal.csv",
    "68_mobility-metrics_place_disability_longitudinal.csv",
)
MAX_DOWNLOAD_BYTES = 500 * 1024 * 1024
Progress = Callable[[int, int | None, str], None]  # bytes done, total or None, file name


class SourceError(Exception):
    """A source that cannot be read: the message says which and why."""


def is_url(source: str) -> bool:
    return urllib.parse.urlsplit(source).scheme in ("http", "https")


def download(*, url: str, target: Path, progress: Progress | None = None) -> Path:
    """Fetch one URL into target (atomically), refusing anything over MAX_DOWNLOAD_BYTES."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(target.suffix + ".part")
    name = target.name
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (http/https only)
            total = int(response.headers.get("Content-Length") or 0) or None
            done = 0
            with partial.open("wb") as out:
                while chunk := response.read(1 << 16):
                    done += len(chunk)
                    if done > MAX_DOWNLOAD_BYTES:
                        raise SourceError(f"{url} is larger than {MAX_DOWNLOAD_BYTES} bytes.")
                    out.write(chunk)
                    if progress:
                        progress(len(chunk), total, name)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise SourceError(f"could not download {url}: {exc}") from exc
    shutil.move(partial, target)
    return target


def default_sources(*, progress: Progress | None = None) -> list[Path]:
    """UPWARD_METRICS_DIR when set, otherwise the release downloaded into the cache."""
    if settings.METRICS_DIR is not None:
        if not settings.METRICS_DIR.is_dir():
            raise SourceError(f"UPWARD_METRICS_DIR is {settings.METRICS_DIR}, not a folder.")
        return [settings.METRICS_DIR]
    cache = Path(settings.DATA_DIR) / "cache" / "mobility-metrics"
    base = str(settings.METRICS_RELEASE_URL).rstrip("/") + "/"
    paths = []
    for name in RELEASE_FILES:
        target = cache / name
        if not target.exists():
            download(url=base + name, target=target, progress=progress)
        paths.append(target)
    return paths


def sources_expand(*, sources: list[str | Path], progress: Progress | None = None) -> list[Path]:
    """Turn folders, files and URLs into a list of CSV files to read."""
    files: list[Path] = []
    for source in sources:
        text = str(source)
        if is_url(text):
            name = Path(urllib.parse.urlsplit(text).path).name or "download.csv"
            target = Path(settings.DATA_DIR) / "cache" / "downloads" / name
            if target in files:
                # Two URLs with one file name (two vintages): keep both, under their name.
                target = target.parent / hashlib.sha256(text.encode()).hexdigest()[:12] / name
            files.append(download(url=text, target=target, progress=progress))
            continue
        path = Path(text).expanduser()
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() == ".csv" and p.is_file())
            if not found:
                raise SourceError(f"the folder {path} holds no CSV files.")
            files += found
        elif path.is_file():
            files.append(path)
        else:
            raise SourceError(f"{path} does not exist.")
    # A file named twice (a folder and a file in it) is read once.
    return list(dict.fromkeys(p.resolve() for p in files))
