"""When to try a request again: exponential backoff with jitter, or the wait the server asks for
in `Retry-After` (seconds or an HTTP date)."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


@dataclass(frozen=True)
class Backoff:
    """At most `attempts` tries; the wait before try n+1 is drawn from [d/2, d] with
    d = min(max_delay, base_delay · 2^(n-1))."""

    attempts: int
    base_delay: float
    max_delay: float

    def delay(self, attempt: int) -> float:
        """Seconds to wait after failed try `attempt` (1-based)."""
        ceiling = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
        return random.uniform(ceiling / 2, ceiling)


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """A `Retry-After` header as seconds from `now` (never negative); None when absent or
    unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    return max(0.0, seconds) if math.isfinite(seconds) else None
