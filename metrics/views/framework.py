from __future__ import annotations

from metrics.views._stub import not_built

framework_index = not_built
