"""Copy the front-end assets installed by npm into static/vendor/.

Run after `npm ci`. The copies are never committed (static/vendor is ignored by git);
templates refer to them as `vendor/<package>/...`.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (source under node_modules, target under static/vendor); a trailing slash copies a folder.
COPIES: list[tuple[str, str]] = [
    ("@uswds/uswds/dist/css/", "uswds/css/"),
    ("@uswds/uswds/dist/js/", "uswds/js/"),
    ("@uswds/uswds/dist/fonts/", "uswds/fonts/"),
    ("@uswds/uswds/dist/img/", "uswds/img/"),
    ("vega/build/vega.min.js", "vega/vega.min.js"),
    ("vega-lite/build/vega-lite.min.js", "vega/vega-lite.min.js"),
    ("vega-embed/build/vega-embed.min.js", "vega/vega-embed.min.js"),
    ("htmx.org/dist/htmx.min.js", "htmx/htmx.min.js"),
]

# Files the templates load: checked after copying so a broken package fails here, not in a page.
REQUIRED = [
    "uswds/css/uswds.min.css",
    "uswds/js/uswds-init.min.js",
    "uswds/js/uswds.min.js",
    "uswds/img/usa-icons/close.svg",
    "vega/vega.min.js",
    "vega/vega-lite.min.js",
    "vega/vega-embed.min.js",
    "htmx/htmx.min.js",
]


def assets_copy(*, node_modules: Path, target: Path) -> list[Path]:
    """Copy every entry of COPIES; return the paths of the files written."""
    written: list[Path] = []
    for source_name, target_name in COPIES:
        source = node_modules / source_name
        dest = target / target_name
        if not source.exists():
            raise FileNotFoundError(f"{source} is missing: run `npm ci` first.")
        if source.is_dir():
            if dest.exists():
                shutil.rmtree(dest)
            shutil.copytree(source, dest)
            written.extend(p for p in dest.rglob("*") if p.is_file())
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest)
            written.append(dest)
            # Keep the source map beside a minified file so its sourceMappingURL resolves.
            source_map = source.with_name(source.name + ".map")
            if source_map.exists():
                shutil.copy2(source_map, dest.with_name(dest.name + ".map"))
                written.append(dest.with_name(dest.name + ".map"))
    missing = [name for name in REQUIRED if not (target / name).is_file()]
    if missing:
        raise FileNotFoundError(f"Assets the templates need were not copied: {', '.join(missing)}")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--node-modules", type=Path, default=ROOT / "node_modules")
    parser.add_argument("--target", type=Path, default=ROOT / "static" / "vendor")
    args = parser.parse_args(argv)
    try:
        written = assets_copy(node_modules=args.node_modules, target=args.target)
    except FileNotFoundError as exc:
        print(f"vendor_assets: {exc}", file=sys.stderr)
        return 1
    print(f"Copied {len(written)} front-end files into {args.target.relative_to(ROOT)}/.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
