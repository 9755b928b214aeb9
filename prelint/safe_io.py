"""Reading the small files a repository hands prelint (baselines, config and metadata files, subtitles).

Any of them may be committed by someone else: a symlink to /dev/zero would be read until memory
runs out, a FIFO would block the run forever. `read_regular_file` reads only regular files, never
blocks on opening, and never reads more than its limit.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from prelint.errors import InputError

#: Largest config file (prelint.toml, .prelint.toml, pyproject.toml) read, bytes.
MAX_CONFIG_BYTES = 1 << 20
#: Largest draft metadata file (clip.prelint.toml) read, bytes.
MAX_METADATA_BYTES = 1 << 20
#: Largest baseline file (--baseline) read, bytes (about 60,000 recorded findings).
MAX_BASELINE_BYTES = 16 << 20
#: Largest subtitle file (sidecar .srt/.vtt/.ass, or an embedded stream's text) read, bytes: about
#: 70,000 cues, far beyond any short video; the text rules read it in about 15 s at most.
MAX_SUBTITLE_BYTES = 4 << 20


def describe_size(n: int) -> str:
    """1048576 -> '1 MiB'."""
    for unit, shift in (("GiB", 30), ("MiB", 20), ("KiB", 10)):
        if n >= 1 << shift and n % (1 << shift) == 0:
            return f"{n >> shift} {unit}"
    return f"{n} bytes"


def read_regular_file(path: str | Path, max_bytes: int, what: str = "file") -> bytes:
    """The bytes of the regular file at `path` (symlinks followed), at most `max_bytes` of them.

    Opened with O_NONBLOCK, so a FIFO does not block; checked with fstat on the open descriptor, so
    what is read is what was checked. Raises InputError (naming the path) for a missing file, a
    directory, a FIFO, socket or device, an unreadable file, or one larger than `max_bytes`; `what`
    names the kind of file in the message ("baseline", "config file").
    """
    path = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputError(f"{what} does not exist", path) from None
    except IsADirectoryError:
        raise InputError(f"{what} is a directory, not a file", path) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(f"{what} cannot be opened: symlink loop", path) from None
        if exc.errno in (errno.ENXIO, errno.EOPNOTSUPP):  # a socket, or a FIFO on a platform that refuses it
            raise InputError(f"{what} is not a regular file (a pipe, socket or device)", path) from None
        raise InputError(f"{what} cannot be read: {exc.strerror or exc}", path) from None
    except ValueError:  # a NUL in the name
        raise InputError(f"{what} name contains a NUL character", path) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{what} is a directory, not a file", path)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{what} is not a regular file (a pipe, socket or device)", path)
        if st.st_size > max_bytes:
            raise InputError(f"{what} is larger than {describe_size(max_bytes)} ({st.st_size} bytes), the limit", path)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # a regular file: read it plainly
        chunks: list[bytes] = []
        remaining = max_bytes + 1  # one byte more tells a file that grew past the limit since fstat
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    except OSError as exc:
        raise InputError(f"{what} cannot be read: {exc.strerror or exc}", path) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > max_bytes:
        raise InputError(f"{what} is larger than {describe_size(max_bytes)}, the limit", path)
    return data
