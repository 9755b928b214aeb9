"""Keeping resident memory flat over a long video: frame buffers are recycled, and the heap's
free pages are handed back to the system after each decoded stretch."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable


class BufferPool:
    """Frame buffers recycled instead of allocated per frame: the small frames' pool is shared
    by all stretches (the analysers hand each buffer back with `put`), and each sampled-frame
    reader keeps its own one-buffer pool. Allocating a fresh buffer per frame on reader threads
    and freeing it on the main thread fragmented the heap: resident memory crept up by ~25 MiB
    over a 10-minute 1080p draft. A pool holds only as many buffers as were ever in flight."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._free: list[bytearray] = []
        self._lock = threading.Lock()

    def get(self) -> bytearray:
        with self._lock:
            if self._free:
                return self._free.pop()
        return bytearray(self.size)

    def put(self, buf: bytearray) -> None:
        with self._lock:
            self._free.append(buf)


def return_free_memory() -> None:
    """Give the heap's free pages back to the system (glibc's malloc_trim) after each stretch.
    JPEGs are allocated on reader threads and freed on the main thread, and the sampler thins
    its candidates as it goes: the holes this leaves made resident memory
    creep up with the video's length (105 -> 145 MiB from 1 to 10 min of 720p; 124 with
    this). Elsewhere than glibc: nothing."""
    global _malloc_trim
    if _malloc_trim is None:
        _malloc_trim = False
        if sys.platform.startswith("linux"):
            try:
                import ctypes

                _malloc_trim = ctypes.CDLL("libc.so.6").malloc_trim
            except (OSError, AttributeError):
                pass
    if _malloc_trim:
        _malloc_trim(0)


_malloc_trim: Callable[[int], int] | bool | None = None
