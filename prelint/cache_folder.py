"""The cache folder shared by the media cache and the report cache, and how its entries are trusted.

Location: $PRELINT_CACHE_DIR, else $XDG_CACHE_HOME/prelint, else ~/.cache/prelint; never beside
the drafts. A cache entry decides whether a draft passes without being looked at again, so:

- the folder is used only when it is private to the user: owned by them and not writable by
  group or others (like ssh's checks); created with mode 0700; its sub-folders are not links;
  and it is not inside the repository checkout prelint runs in (found from the working folder),
  where a committed `.entry-key`, entry or `jieba.cache` would pose as the user's own. Otherwise
  prelint works without a cache and says so once on stderr;
- every entry carries an HMAC-SHA256 of its key and content under a secret kept in the folder
  (`.entry-key`, mode 0600): an entry edited, copied under another key or planted from elsewhere
  fails the check and is recomputed;
- entries are read with a size bound, never followed through links.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import stat
import sys
from pathlib import Path

#: Name of the secret that signs entries, inside the cache folder.
KEY_FILE = ".entry-key"
_warned: set[str] = set()


def cache_dir() -> Path:
    env = os.environ.get("PRELINT_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "prelint"


def checkout_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds `.git` (a repository checkout), or None."""
    for folder in (start, *start.parents):
        if os.path.lexists(folder / ".git"):
            return folder
    return None


def private_folder(folder: Path, link_ok: bool = True) -> Path | None:
    """`folder` created (0700) or checked to be the user's own; None (with one warning) when it is
    not. `link_ok=False` for the cache's own sub-folders, which prelint creates and never links."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = os.stat(folder)
        is_link = os.path.islink(folder)
        resolved = folder.resolve()
        checkout = checkout_root(Path.cwd().resolve())
    except OSError:
        return None
    problem = None
    if is_link and not link_ok:
        problem = "it is a symbolic link"
    elif checkout is not None and resolved.is_relative_to(checkout):
        problem = (f"it is inside the repository checkout {checkout}, where committed files could pose as "
                   "cache entries (set PRELINT_CACHE_DIR to a folder outside it)")
    elif not stat.S_ISDIR(st.st_mode):
        problem = "it is not a folder"
    elif hasattr(os, "geteuid") and st.st_uid != os.geteuid():
        problem = f"it belongs to another user (uid {st.st_uid})"
    elif st.st_mode & 0o022:
        problem = f"group or others may write to it (mode {stat.S_IMODE(st.st_mode):o})"
    if problem is None:
        return folder
    if str(folder) not in _warned:
        _warned.add(str(folder))
        from prelint.terminal import visible

        print(f"prelint: warning: not using the cache folder {visible(str(folder))}: {problem}", file=sys.stderr)
    return None


def _secret(folder: Path) -> bytes | None:
    path = folder / KEY_FILE
    for _ in range(2):
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        except FileNotFoundError:
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            except FileExistsError:
                continue  # another process made it meanwhile: read theirs
            except OSError:
                return None
            secret = os.urandom(32)
            with os.fdopen(fd, "wb") as fh:
                fh.write(secret)
            return secret
        except OSError:
            return None
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode) or st.st_mode & 0o077:
                return None
            secret = fh.read(64)
        return secret if len(secret) == 32 else None
    return None


def sampling_secret() -> bytes | None:
    """The cache folder's secret (None when the folder is not usable), for choices a file must not
    be able to predict (see prelint.media.sampling.sample_phase)."""
    folder = private_folder(cache_dir())
    return _secret(folder) if folder is not None else None


def entry_mac(folder: Path, key: str, content: bytes) -> str | None:
    """HMAC of an entry's key and content, or None when the folder has no usable secret."""
    secret = _secret(folder)
    if secret is None:
        return None
    return hmac.new(secret, key.encode("utf-8") + b"\0" + content, hashlib.sha256).hexdigest()


def entry_is_authentic(folder: Path, key: str, content: bytes, mac: object) -> bool:
    expected = entry_mac(folder, key, content)
    return expected is not None and isinstance(mac, str) and hmac.compare_digest(expected, mac)


def read_entry(path: Path, max_bytes: int) -> bytes | None:
    """The bytes of a regular file of at most max_bytes, never through a link; None otherwise."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode) or st.st_size > max_bytes:
            return None
        data = fh.read(max_bytes + 1)
    return data if len(data) <= max_bytes else None


def keep_within(folder: Path, suffix: str, max_bytes: int) -> None:
    """Remove the least recently used entries (`*<suffix>` directly in `folder`, oldest
    modification time first; a cache hit refreshes it with `touch`) until they hold at most
    `max_bytes` together. Drafts that each leave an entry cannot fill the disk."""
    entries: list[tuple[float, int, Path]] = []
    try:
        with os.scandir(folder) as scan:
            for item in scan:
                if item.name.endswith(suffix) and not item.name.startswith(".") and item.is_file(follow_symlinks=False):
                    st = item.stat(follow_symlinks=False)
                    entries.append((st.st_mtime, st.st_size, Path(item.path)))
    except OSError:
        return
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries, key=lambda e: e[0]):
        if total <= max_bytes:
            return
        try:
            path.unlink()
        except OSError:
            continue
        total -= size


def touch(path: Path) -> None:
    """Mark a cache entry as just used (see keep_within)."""
    try:
        os.utime(path, follow_symlinks=False)  # never the file a link points at
    except (OSError, NotImplementedError):
        pass
