"""A tiny shared cache for the agenda, the page everyone opens first.

The agenda is a pure function of the ledger and the clock, and on a large
ledger it costs tens of milliseconds. Under many concurrent clients one
computation is shared (the others wait for it), and the result is kept for a
few seconds; any write through the app clears it at once. Writes from
elsewhere (the CLI) show up within ``seconds``.
"""

from __future__ import annotations

import threading
import time
from typing import Callable, Hashable, TypeVar

T = TypeVar("T")


class Memo:
    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.clock = clock
        self._entries: dict[Hashable, tuple[float, int, object]] = {}
        self._locks: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()
        self._generation = 0

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        if self.seconds <= 0:
            return compute()
        hit = self._fresh(key)
        if hit is not None:
            return hit[2]  # type: ignore[return-value]
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            hit = self._fresh(key)
            if hit is not None:
                return hit[2]  # type: ignore[return-value]
            generation = self._generation
            value = compute()
            if generation == self._generation:  # no write happened meanwhile
                self._entries[key] = (self.clock() + self.seconds, generation, value)
            return value

    def _fresh(self, key: Hashable):
        hit = self._entries.get(key)
        if hit is not None and hit[0] > self.clock() and hit[1] == self._generation:
            return hit
        return None

    def clear(self) -> None:
        self._generation += 1
        self._entries.clear()
