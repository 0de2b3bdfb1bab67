from __future__ import annotations

from metrics.views._stub import not_built

home = geography_search = geography_suggest = not_built
