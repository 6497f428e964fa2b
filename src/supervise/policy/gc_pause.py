"""Pausing Python's cyclic garbage collector while building many objects without cycles.

Reading a large authority builds hundreds of thousands of small objects (the dataset, then the
situation's indexes); none refers back to another, so reference counting frees them all. The
cyclic collector, triggered by the allocations themselves, would still walk every live object
again and again: a third of the time of a whole-authority page (`make bench`). It is resumed
afterwards, and only if it was running before (pauses nest).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
