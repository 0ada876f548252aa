"""Process-level settings that the batch stages share."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a batch builds many long-lived objects.

    Ingest and graph build allocate millions of small objects that all stay alive (records,
    nodes, edges); the collector kept re-scanning them, which cost a quarter of the ingest
    time and made the graph build grow faster than linearly (10,000 reports: 10.5 s with it,
    1.8 s without). They create no reference cycles (ingest, redact and graph build of
    1,000 reports with the collector off, then `gc.collect()`: 0 unreachable objects), so
    nothing piles up while it is paused. Pauses nest."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
