from __future__ import annotations

from metrics.views._stub import not_built

insights_page = not_built
