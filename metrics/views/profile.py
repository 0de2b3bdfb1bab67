from __future__ import annotations

from metrics.views._stub import not_built

profile = metric_detail = not_built
