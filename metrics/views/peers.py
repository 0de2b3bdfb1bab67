from __future__ import annotations

from metrics.views._stub import not_built

peers_page = compare_page = not_built
