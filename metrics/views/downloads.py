from __future__ import annotations

from metrics.views._stub import not_built

profile_csv = chart_file = not_built
