"""Upward's bench (`make bench`): each figure beside a reference measured in the same run.

  a. full import of UPWARD_METRICS_DIR into a fresh SQLite database, against DuckDB loading
     the same CSV files into tables (at most 3 times DuckDB's time);
  b. profile page and profile JSON for 200 counties, p50 and p95 server time in-process,
     beside a trivial view (/healthz) (p95 at most 100 ms);
  c. suggested peers for 50 counties among all counties (at most 50 ms);
  d. peak memory of a one-worker gunicorn after 1,000 profile requests (at most 300 MB).

Further parts live in `bench/parts/<name>.py`, each with `TITLE` and
`run(*, data_dir: Path) -> dict` (Django is ready and the release imported when it runs; it
prints its own lines with `line()`/`verdict()` from this module and returns its figures).
`--parts a,b` runs only those parts after a single import. Parts whose features are not
built yet print "not available yet". Results also go to bench-results/latest.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
UPWARD = str(BIN / "upward")
RESULTS = ROOT / "bench-results" / "latest.json"
NOT_AVAILABLE = "not available yet"

IMPORT_RATIO_MAX = 3.0
PROFILE_P95_MAX_MS = 100.0
PEERS_MAX_MS = 50.0
RSS_MAX_MB = 300.0


# --- figures ----------------------------------------------------------------------------


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (pct in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, round(pct / 100 * len(ordered) + 0.4999))
    return ordered[min(rank, len(ordered)) - 1]


def spread(values: list[float]) -> dict[str, float]:
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "p95": percentile(values, 95),
        "n": len(values),
    }


def fmt_ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def seconds_spread(s: dict[str, float]) -> str:
    return f"median {s['median']:.1f} s (min {s['min']:.1f}, max {s['max']:.1f})"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def line(label: str, text: str) -> None:
    print(f"  {label:<28} {text}")


def header(title: str) -> None:
    print(f"\n== {title}")


# --- environment --------------------------------------------------------------------------


def bench_env(data_dir: Path) -> dict[str, str]:
    """Environment for Upward processes: a scratch data dir, production-like settings."""
    env = dict(os.environ)
    for name in ("DATABASE_URL", "SECRET_KEY", "DEBUG"):
        env.pop(name, None)
    env.update(
        UPWARD_DATA_DIR=str(data_dir),
        UPWARD_ALLOW_INSECURE_KEY="1",
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        LOG_LEVEL="ERROR",
    )
    return env


def upward(args: list[str], *, env: dict[str, str]) -> float:
    """Run `upward ARGS` and return its wall time in seconds; stop the bench on failure."""
    start = time.perf_counter()
    result = subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [UPWARD, *args], env=env, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"bench: `upward {' '.join(args)}` failed:\n{result.stderr[-3000:]}")
    return elapsed


def metrics_command_exists() -> bool:
    return (ROOT / "metrics" / "management" / "commands" / "metrics.py").is_file()


def release_dir() -> Path | None:
    value = os.environ.get("UPWARD_METRICS_DIR")
    return Path(value) if value and Path(value).is_dir() else None


# --- a. import against DuckDB ---------------------------------------------------------------

# The reference, run as a whole command like ours (interpreter start and import included):
# DuckDB reads every CSV file of the release with type detection into a table of a
# database file, and closes it (writing the file).
DUCKDB_LOAD = """
import sys, duckdb
from pathlib import Path
source, target = Path(sys.argv[1]), sys.argv[2]
con = duckdb.connect(target)
for number, path in enumerate(sorted(source.rglob("*.csv"))):
    con.execute(
        f"CREATE TABLE t{number} AS SELECT * FROM read_csv_auto(?)",
        [str(path)],
    )
con.close()
"""


def duckdb_load_time(source: Path, scratch: Path) -> float:
    target = scratch / "duck.db"
    target.unlink(missing_ok=True)
    start = time.perf_counter()
    command = [sys.executable, "-c", DUCKDB_LOAD, str(source), str(target)]
    subprocess.run(command, check=True)  # noqa: S603 - our own interpreter and script
    return time.perf_counter() - start


def bench_import(*, repeats: int, keep: Path) -> dict[str, Any]:
    header("a. Full import into a fresh SQLite database, against DuckDB loading the same CSVs")
    source = release_dir()
    if source is None:
        line("import", "no UPWARD_METRICS_DIR: " + NOT_AVAILABLE)
        return {"status": NOT_AVAILABLE, "reason": "UPWARD_METRICS_DIR is not set"}
    if not metrics_command_exists():
        line("import", NOT_AVAILABLE)
        return {"status": NOT_AVAILABLE}
    files = sorted(source.rglob("*.csv"))
    size_mb = sum(p.stat().st_size for p in files) / 1e6
    line("source", f"{source} ({len(files)} CSV files, {size_mb:.0f} MB)")
    ours: list[float] = []
    theirs: list[float] = []
    for run in range(repeats):
        data_dir = keep if run == repeats - 1 else Path(tempfile.mkdtemp(prefix="upward-bench-"))
        shutil.rmtree(data_dir, ignore_errors=True)
        data_dir.mkdir(parents=True)
        (data_dir / "staticfiles").mkdir()  # WhiteNoise warns when STATIC_ROOT is missing
        env = bench_env(data_dir)
        upward(["migrate", "--noinput", "--verbosity", "0"], env=env)
        # Both are whole commands in their own process, one right after the other; which
        # goes first alternates, so a machine growing busier or quieter favours neither.
        if run % 2:
            theirs.append(duckdb_load_time(source, data_dir))
            ours.append(upward(["metrics", "import", str(source)], env=env))
        else:
            ours.append(upward(["metrics", "import", str(source)], env=env))
            theirs.append(duckdb_load_time(source, data_dir))
        if data_dir != keep:
            shutil.rmtree(data_dir, ignore_errors=True)
        print(
            f"    run {run + 1}: upward {ours[-1]:.1f} s, duckdb {theirs[-1]:.1f} s "
            f"({ours[-1] / theirs[-1]:.2f}x)",
            flush=True,
        )
    ratio = statistics.median(ours) / statistics.median(theirs)
    ratios = spread([a / b for a, b in zip(ours, theirs, strict=True)])
    a, b = spread(ours), spread(theirs)
    line("upward metrics import", seconds_spread(a))
    line("reference: duckdb", seconds_spread(b))
    ok = ratio <= IMPORT_RATIO_MAX
    line("ratio", f"{ratio:.2f}x (at most {IMPORT_RATIO_MAX:.0f}x, aim 2x)  {verdict(ok)}")
    line(
        "ratio run by run",
        f"median {ratios['median']:.2f}x (min {ratios['min']:.2f}, max {ratios['max']:.2f})",
    )
    return {
        "status": "ok",
        "upward_seconds": a,
        "duckdb_seconds": b,
        "ratio": ratio,
        "ratio_by_run": ratios,
        "pass": ok,
    }


# --- b. profile pages in-process ------------------------------------------------------------


def django_ready(data_dir: Path) -> None:
    os.environ.update(bench_env(data_dir))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def county_geoids(count: int, *, seed: int = 2025) -> list[str]:
    from metrics.models import Geography, GeographyKind

    geoids = list(
        Geography.objects.filter(kind=GeographyKind.COUNTY).values_list("geoid", flat=True)
    )
    random.Random(seed).shuffle(geoids)
    return geoids[:count]


def timed_gets(client: Any, urls: Iterable[str]) -> tuple[list[float], list[str]]:
    times: list[float] = []
    failures: list[str] = []
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        if response.status_code != 200:
            failures.append(f"{url} -> {response.status_code}")
    return times, failures


def view_is_built(client: Any, url: str) -> bool:
    return bool(client.get(url).status_code not in {404, 501})


def bench_profiles(*, counties: list[str]) -> dict[str, Any]:
    header(f"b. Profile page and JSON for {len(counties)} counties, server time in-process")
    from django.test import Client

    client = Client()
    timed_gets(client, ["/healthz"] * 20 + [f"/geographies/{g}/" for g in counties[-5:]])
    base, _ = timed_gets(client, ["/healthz"] * len(counties))
    b = spread(base)
    line("reference: /healthz", f"p50 {fmt_ms(b['median'])}, p95 {fmt_ms(b['p95'])}")
    out: dict[str, Any] = {"status": "ok", "healthz_seconds": b}
    pages = {
        "page": lambda g: f"/geographies/{g}/",
        "json": lambda g: f"/api/v1/geographies/{g}/profile",
    }
    for name, url_for in pages.items():
        out[name] = profile_timing(client, name, [url_for(g) for g in counties])
    return out


def profile_timing(client: Any, name: str, urls: list[str]) -> dict[str, Any]:
    label = f"profile {name}"
    if not view_is_built(client, urls[0]):
        line(label, NOT_AVAILABLE)
        return {"status": NOT_AVAILABLE}
    times, failures = timed_gets(client, urls)
    s = spread(times)
    ok = s["p95"] * 1000 <= PROFILE_P95_MAX_MS and not failures
    line(
        label,
        f"p50 {fmt_ms(s['median'])}, p95 {fmt_ms(s['p95'])}, max {fmt_ms(s['max'])} "
        f"(p95 at most {PROFILE_P95_MAX_MS:.0f} ms)  {verdict(ok)}",
    )
    for failure in failures[:5]:
        line("", f"not 200: {failure}")
    return {"status": "ok", "seconds": s, "failures": failures, "pass": ok}


# --- c. peers --------------------------------------------------------------------------------


def bench_peers(*, counties: list[str]) -> dict[str, Any]:
    header(f"c. Suggested peers for {len(counties)} counties among all counties")
    try:
        from metrics.selectors.peers import peers_suggest
    except ImportError:
        line("peers_suggest", NOT_AVAILABLE)
        return {"status": NOT_AVAILABLE}
    start = time.perf_counter()
    peers_suggest(geoid=counties[0])
    first = time.perf_counter() - start
    times = [timed(lambda g=g: peers_suggest(geoid=g)) for g in counties]
    s = spread(times)
    ok = s["p95"] * 1000 <= PEERS_MAX_MS
    line("first call (builds matrix)", fmt_ms(first))
    line(
        "peers_suggest",
        f"median {fmt_ms(s['median'])}, p95 {fmt_ms(s['p95'])}, max {fmt_ms(s['max'])} "
        f"(reference {PEERS_MAX_MS:.0f} ms)  {verdict(ok)}",
    )
    return {"status": "ok", "first_call_seconds": first, "seconds": s, "pass": ok}


def timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


# --- d. server memory ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def http_get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)
    except OSError:
        return 0


def children_of(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def peak_rss_mb(pid: int) -> float:
    for text in Path(f"/proc/{pid}/status").read_text().splitlines():
        if text.startswith("VmHWM:"):
            return int(text.split()[1]) / 1024
    return 0.0


def bench_memory(*, data_dir: Path, geoids: list[str], requests: int) -> dict[str, Any]:
    header(f"d. Peak memory of a one-worker server after {requests} profile requests")
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - our own command
        [UPWARD, "serve", "--port", str(port), "--workers", "1"],
        env=bench_env(data_dir),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        return memory_measure(server.pid, port, geoids, requests)
    finally:
        server.terminate()
        server.wait(timeout=30)


def memory_measure(pid: int, port: int, geoids: list[str], requests: int) -> dict[str, Any]:
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while http_get(base + "/healthz") != 200:
        if time.monotonic() > deadline:
            line("server", "did not start")
            return {"status": "failed", "reason": "server did not start"}
        time.sleep(0.2)
    idle = max(peak_rss_mb(p) for p in children_of(pid))
    if http_get(f"{base}/geographies/{geoids[0]}/") in {404, 501}:
        line("profile page", NOT_AVAILABLE)
        return {"status": NOT_AVAILABLE, "idle_worker_mb": idle}
    statuses = [http_get(f"{base}/geographies/{geoids[i % len(geoids)]}/") for i in range(requests)]
    workers = children_of(pid)
    worker_mb = max(peak_rss_mb(p) for p in workers)
    master_mb = peak_rss_mb(pid)
    bad = sum(status != 200 for status in statuses)
    ok = worker_mb <= RSS_MAX_MB and bad == 0
    line("reference: idle worker", f"{idle:.0f} MB")
    line("worker VmHWM", f"{worker_mb:.0f} MB (at most {RSS_MAX_MB:.0f} MB)  {verdict(ok)}")
    line("master VmHWM", f"{master_mb:.0f} MB")
    if bad:
        line("", f"{bad} of {requests} requests did not answer 200")
    return {
        "status": "ok",
        "idle_worker_mb": idle,
        "worker_peak_mb": worker_mb,
        "master_peak_mb": master_mb,
        "non_200": bad,
        "pass": ok,
    }


# --- main ------------------------------------------------------------------------------------


def bench_parts(only: list[str]) -> list[tuple[str, Any]]:
    """The plug-in parts of bench/parts/, in name order (or only those named)."""
    import importlib

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    folder = Path(__file__).resolve().parent / "parts"
    names = sorted(p.stem for p in folder.glob("*.py") if not p.stem.startswith("_"))
    unknown = [name for name in only if name not in names]
    if unknown:
        raise SystemExit(f"No bench part named {', '.join(unknown)} (have: {', '.join(names)})")
    chosen = [name for name in names if not only or name in only]
    return [(name, importlib.import_module(f"bench.parts.{name}")) for name in chosen]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="import runs (default 3)")
    parser.add_argument("--counties", type=int, default=200)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--parts", default="", help="only these parts of bench/parts/ (a,b)")
    args = parser.parse_args(argv)
    only = [name for name in args.parts.split(",") if name]
    if only:
        args.repeat = 1
    started = time.perf_counter()
    data_dir = Path(tempfile.mkdtemp(prefix="upward-bench-db-"))
    results: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
    }
    try:
        results["import"] = bench_import(repeats=args.repeat, keep=data_dir)
        if results["import"]["status"] != "ok":
            for part in ("profiles", "peers", "memory"):
                results[part] = {"status": NOT_AVAILABLE, "reason": "needs the import"}
                print(f"\n== {part}: {NOT_AVAILABLE} (needs the import)")
        else:
            django_ready(data_dir)
            if not only:
                counties = county_geoids(args.counties)
                results["profiles"] = bench_profiles(counties=counties)
                results["peers"] = bench_peers(counties=counties[:50])
                results["memory"] = bench_memory(
                    data_dir=data_dir, geoids=county_geoids(args.requests), requests=args.requests
                )
            for name, module in bench_parts(only):
                header(getattr(module, "TITLE", name))
                results[name] = module.run(data_dir=data_dir)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    results["seconds"] = time.perf_counter() - started
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, default=str) + "\n")
    print(f"\nWrote {RESULTS.relative_to(ROOT)} ({results['seconds']:.0f} s in all).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
