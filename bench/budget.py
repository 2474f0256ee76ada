"""Time bounds for benchmark loops: every loop checks a deadline as well as its count."""

from __future__ import annotations

import time
from collections.abc import Callable


class Deadline:
    """A point in monotonic time after which a section stops starting new work."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        if seconds <= 0:
            raise ValueError("a deadline needs a positive number of seconds")
        self._clock = clock
        self._end = clock() + seconds

    def remaining(self) -> float:
        """Seconds left (never negative)."""
        return max(0.0, self._end - self._clock())

    def expired(self) -> bool:
        """True once the time is up."""
        return self._clock() >= self._end

    def sub(self, seconds: float) -> Deadline:
        """A shorter deadline inside this one (a cell's share of a section's time)."""
        return Deadline(max(1e-3, min(seconds, self.remaining())), self._clock)
