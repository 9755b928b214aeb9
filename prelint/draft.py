"""Drafts: a video and its text (title, caption, hashtags, subtitles), from the CLI or a metadata file.

Pre-commit passes file names only, so beside `clip.mp4` prelint reads `clip.prelint.toml`
(title, caption, hashtags, platform, ignore) and picks up `clip.srt`, `clip.vtt` or `clip.ass`.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable

from prelint.errors import ConfigError, InputError

VIDEO_SUFFIXES = (".mp4", ".mov", ".m4v", ".webm", ".mkv")
SUBTITLE_SUFFIXES = (".srt", ".vtt", ".ass")
METADATA_SUFFIX = ".prelint.toml"
#: The config file whose name ends like a metadata file's (prelint.config.CONFIG_FILES): not a draft.
CONFIG_NAME = ".prelint.toml"
PLATFORMS = ("douyin", "kuaishou", "tiktok", "shorts", "reels")
METADATA_KEYS = ("title", "caption", "hashtags", "platform", "subtitles", "ignore")
HASHTAG_PATTERN = re.compile(r"#([^\s#，,。！!？?、；;：:（）()\[\]【】\"'“”]+)")


@dataclass(frozen=True)
class Ignore:
    """A rule switched off for one draft, with the reason the team accepted it."""

    rule: str
    reason: str = ""


@dataclass(frozen=True)
class Draft:
    """One thing to lint. Every field is optional; `sources` says where each field came from."""

    video: Path | None = None
    title: str | None = None
    caption: str | None = None
    hashtags: tuple[str, ...] = ()
    subtitles: Path | None = None
    platform: str | None = None
    metadata: Path | None = None
    ignores: tuple[Ignore, ...] = ()
    sources: dict[str, str] = field(default_factory=dict)

    @property
    def path(self) -> Path | None:
        """The file that names this draft in reports: the video, else its metadata file."""
        return self.video or self.metadata

    @property
    def label(self) -> str:
        return str(self.path) if self.path else "<text>"

    def all_hashtags(self) -> tuple[str, ...]:
        """Explicit hashtags plus inline `#话题` in the title and caption, in order, without repeats."""
        seen: dict[str, None] = {}
        for tag in self.hashtags:
            seen.setdefault(tag.lstrip("#").strip(), None)
        for text in (self.title or "", self.caption or ""):
            for match in HASHTAG_PATTERN.finditer(text):
                seen.setdefault(match.group(1), None)
        return tuple(t for t in seen if t)

    def with_overrides(self, **values: Any) -> "Draft":
        """Apply CLI/API values (None means 'not given') on top of metadata values.

        A given subtitles path must be an existing file (InputError otherwise)."""
        given = {k: v for k, v in values.items() if v is not None}
        sources = dict(self.sources)
        for key in given:
            sources[key] = "cli"
        if "hashtags" in given:
            given["hashtags"] = tuple(given["hashtags"])
        if "subtitles" in given:
            given["subtitles"] = Path(given["subtitles"])
            if not given["subtitles"].is_file():
                raise InputError(f"subtitles file {_not_a_file(given['subtitles'])}", given["subtitles"])
        return replace(self, sources=sources, **given)


def hashtag_tuple(value: object) -> tuple[str, ...] | None:
    """Hashtags as given in a metadata file or to `prelint.lint`: a list of strings, or one string
    of tags separated by spaces ("烘焙 家常" is two tags, "烘焙" one); None for anything else."""
    if isinstance(value, str):
        return tuple(value.split())
    if isinstance(value, (list, tuple)) and all(isinstance(tag, str) for tag in value):
        return tuple(value)
    return None


def read_metadata(path: Path) -> dict[str, Any]:
    """Read and validate a `*.prelint.toml` draft metadata file."""
    from prelint.safe_io import MAX_METADATA_BYTES

    data = read_toml(path, MAX_METADATA_BYTES, "metadata file")
    unknown = sorted(set(data) - set(METADATA_KEYS))
    if unknown:
        raise ConfigError(f"unknown key {unknown[0]!r} (allowed: {', '.join(METADATA_KEYS)})", path)
    for key in ("title", "caption", "platform", "subtitles"):
        if key in data and not isinstance(data[key], str):
            raise ConfigError(f"key {key!r} must be a string", path)
    if "hashtags" in data:
        tags = hashtag_tuple(data["hashtags"])
        if tags is None:
            raise ConfigError("key 'hashtags' must be a list of strings", path)
        data["hashtags"] = tags
    if "platform" in data and data["platform"] not in PLATFORMS:
        raise ConfigError(f"platform {data['platform']!r} is not one of {', '.join(PLATFORMS)}", path)
    if not isinstance(data.get("ignore", []), list):
        raise ConfigError("key 'ignore' must be a list of tables with a 'rule' string and a 'reason'", path)
    ignores = []
    for i, item in enumerate(data.get("ignore", [])):
        if isinstance(item, str):
            item = {"rule": item}
        if not isinstance(item, dict) or not isinstance(item.get("rule"), str):
            raise ConfigError(f"ignore[{i}] must be a table with a 'rule' string and a 'reason'", path)
        extra = set(item) - {"rule", "reason"}
        if extra:
            raise ConfigError(f"ignore[{i}] has unknown key {sorted(extra)[0]!r}", path)
        ignores.append(Ignore(rule=item["rule"], reason=str(item.get("reason", ""))))
    data["ignore"] = tuple(ignores)
    return data


def read_toml(path: Path, max_bytes: int | None = None, what: str = "file") -> dict[str, Any]:
    """Parse a TOML file; any problem is a ConfigError naming the file.

    Read with `read_regular_file` (a FIFO, a device or a file over `max_bytes` is refused, never
    read); nesting too deep for the parser (`a = [[[[…]]]]` 100,000 levels) is an error too."""
    import tomllib

    from prelint.safe_io import MAX_CONFIG_BYTES, read_regular_file

    try:
        raw = read_regular_file(path, MAX_CONFIG_BYTES if max_bytes is None else max_bytes, what)
    except InputError as exc:
        raise ConfigError(exc.message, path) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not valid UTF-8 (byte {exc.start})", path) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", path) from None
    except RecursionError:
        raise ConfigError("invalid TOML: arrays or tables nested too deeply", path) from None


def metadata_path_for(video: Path) -> Path:
    return video.with_name(video.stem + METADATA_SUFFIX)


def video_for_metadata(metadata: Path) -> Path | None:
    stem = metadata.name[: -len(METADATA_SUFFIX)]
    for suffix in VIDEO_SUFFIXES + tuple(s.upper() for s in VIDEO_SUFFIXES):
        candidate = metadata.with_name(stem + suffix)
        if candidate.is_file():
            return candidate
    return None


def subtitles_for(video: Path) -> Path | None:
    """The sidecar subtitles beside a video (`clip.srt`, `.vtt`, `.ass`), confined like a metadata
    file's `subtitles`: a sidecar that is a symlink out of the video's folder is an error."""
    for suffix in SUBTITLE_SUFFIXES:
        candidate = video.with_suffix(suffix)
        if candidate.is_file():
            try:
                inside = candidate.resolve().is_relative_to(video.parent.resolve())
            except (OSError, RuntimeError):
                inside = False
            if not inside:
                raise InputError("subtitles sidecar links outside the draft's folder", candidate)
            return candidate
    return None


def require_regular_file(path: Path) -> None:
    """A FIFO, socket or device named like a draft would block or never end when read (hashed, probed)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # missing or unreadable: the reader reports it
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise InputError("not a regular file (a pipe, socket or device), not a video file", path)


def confinement_root(start: Path) -> Path:
    """The folder a draft's files must stay in: the repository holding `start` (the nearest folder
    above it with a `.git`), else `start` itself (a folder being linted, or a named file's folder)."""
    start = Path(os.path.abspath(start))
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def _require_inside(path: Path, root: Path, what: str) -> None:
    """A draft file that is a symlink resolving outside `root` is refused: a committed link to
    ~/.ssh/… or another checkout would be read and quoted in the report."""
    try:
        inside = path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a symlink loop leads nowhere: reading it fails ("broken symlink")
        return
    if not inside:
        raise InputError(f"{what} is a symlink to a file outside {root}; prelint reads no file outside the "
                         "folder being linted (or its repository)", path)


def draft_from_path(path: Path, root: Path | None = None) -> Draft:
    """Build a draft from a video or a metadata file, picking up its sidecar files.

    Every file the draft reads (the video, its metadata, its subtitles) must resolve inside `root`
    (default: the repository holding the file, else the file's folder); a symlink leading out is an
    InputError for this draft. Any problem with the draft's files is an InputError or ConfigError
    naming the file, never another exception, so a batch reports it and goes on."""
    root = confinement_root(path.parent) if root is None else Path(os.path.abspath(root))
    _require_inside(path, root, "metadata file" if path.name.endswith(METADATA_SUFFIX) else "video")
    require_regular_file(path)
    if path.name.endswith(METADATA_SUFFIX):
        metadata: Path | None = path
        video = video_for_metadata(path)
        if video is not None:
            _require_inside(video, root, "video")
    else:
        video = path
        candidate = metadata_path_for(path)
        metadata = candidate if candidate.exists() or candidate.is_symlink() else None
        if metadata is not None:
            _require_inside(metadata, root, "metadata file")
    sources: dict[str, str] = {}
    values: dict[str, Any] = {}
    ignores: tuple[Ignore, ...] = ()
    if metadata is not None:
        data = read_metadata(metadata)
        ignores = data.pop("ignore")
        for key, value in data.items():
            if key == "subtitles":
                value = _subtitles_beside(metadata, value)
            values[key] = value
            sources[key] = f"metadata:{metadata}"
    if "subtitles" not in values and video is not None:
        found = subtitles_for(video)
        if found is not None:
            values["subtitles"] = found
            sources["subtitles"] = f"sidecar:{found}"
    return Draft(video=video, metadata=metadata, ignores=ignores, sources=sources, **values)


def _subtitles_beside(metadata: Path, named: str) -> Path:
    """The subtitles file a metadata file names; it must lie in the metadata file's folder (or below).

    A draft folder comes from anyone (a pull request, a download): `subtitles = "../../.ssh/id_rsa"`
    or a symlink out of the folder would make prelint read, and quote in its report, a file the
    user never named. Symlinks are followed before the check. A name no file system accepts (a NUL,
    a component over 255 bytes) is a ConfigError too.
    """
    shown = repr(named) if len(named) <= 80 else repr(named[:60]) + f"… ({len(named)} characters)"
    if "\0" in named:
        raise ConfigError(f"subtitles {shown} contains a NUL character", metadata)
    folder = metadata.parent.resolve()
    candidate = metadata.parent / named
    try:
        target = candidate.resolve()
        if not target.is_relative_to(folder):
            raise ConfigError(f"subtitles {shown} is outside the metadata file's folder; put the file beside it", metadata)
        exists = target.is_file()
    except (OSError, RuntimeError, ValueError) as exc:  # a symlink loop, a name too long
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "symlink loop?"
        raise ConfigError(f"subtitles {shown} cannot be resolved ({reason})", metadata) from None
    if not exists:
        raise ConfigError(f"subtitles file {shown} {_not_a_file(target)}", metadata)
    return candidate


def _not_a_file(path: Path) -> str:
    """Why `path`, which is not a regular file, cannot be read as one."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return "does not exist"
    if stat.S_ISDIR(mode):
        return "is a directory, not a file"
    return "is not a regular file (a pipe, socket or device)"


def find_drafts(paths: Iterable[Path], exclude: Iterable[str] = ()) -> list[Draft | InputError]:
    """Expand files and folders into drafts. Problems with one path come back as errors, in place."""
    exclude = tuple(exclude)
    out: list[Draft | InputError] = []
    seen: set[str] = set()

    def add(path: Path, root: Path) -> None:
        key = os.path.normcase(os.path.abspath(path))
        if path.name == CONFIG_NAME:
            out.append(InputError(f"is prelint's config file ({CONFIG_NAME}), not a draft's metadata file", path))
            return
        if path.name.endswith(METADATA_SUFFIX):
            video = video_for_metadata(path)
            if video is not None:
                key = os.path.normcase(os.path.abspath(video))
        if key in seen:
            return
        seen.add(key)
        try:
            out.append(draft_from_path(path, root))
        except (InputError, ConfigError) as exc:
            out.append(exc if isinstance(exc, InputError) else InputError(exc.message, exc.path))

    for path in paths:
        if _excluded(path, exclude):
            continue
        if path.is_dir() and not path.suffix.lower() in VIDEO_SUFFIXES:
            root = confinement_root(path)
            for found in _walk(path, exclude):
                add(found, root)
        elif path.is_dir():
            out.append(InputError("is a directory, not a video file", path))
        elif not path.exists() and not path.is_symlink():
            out.append(InputError("no such file", path))
        elif path.suffix.lower() in SUBTITLE_SUFFIXES:  # pre-commit passes a changed .srt alone
            root = _subtitles_root(path)
            owner = draft_for_subtitles(path, root)
            if owner is None:
                out.append(InputError("subtitles with no draft: no video or .prelint.toml of the same name beside "
                                      "them or in the folder above", path))
            else:
                add(owner, root)
        else:
            add(path, confinement_root(path.parent))
    return out


def _subtitles_root(subtitles: Path) -> Path:
    """Where a named subtitles file's draft may be: its repository; outside one, the working folder
    when the file is below it, else the folder above the file's own (subs/clip.srt → clip.mp4)."""
    folder = Path(os.path.abspath(subtitles.parent))
    root = confinement_root(folder)
    if (root / ".git").exists():
        return root  # a repository
    cwd = Path(os.getcwd())
    return cwd if folder.is_relative_to(cwd) else folder.parent


def draft_for_subtitles(subtitles: Path, root: Path | None = None) -> Path | None:
    """The video or metadata file that subtitles belong to: clip.srt or clip.zh.srt beside clip.mp4 or
    clip.prelint.toml, or in a subfolder of theirs (subs/clip.zh.srt); never in a folder outside `root`
    (the repository or folder being linted: a root-level clip.srt does not pull in ../clip.prelint.toml)."""
    stem = subtitles.name[: -len(subtitles.suffix)]
    bases = [stem] + ([stem.rsplit(".", 1)[0]] if "." in stem else [])
    folders = [subtitles.parent, subtitles.parent.parent]
    if root is not None:
        limit = Path(os.path.abspath(root))
        folders = [f for f in folders if Path(os.path.abspath(f)).is_relative_to(limit)]
    for folder in folders:
        for base in bases:
            for suffix in VIDEO_SUFFIXES + tuple(s.upper() for s in VIDEO_SUFFIXES):
                if (folder / (base + suffix)).is_file():
                    return folder / (base + suffix)
            if (folder / (base + METADATA_SUFFIX)).is_file():
                return folder / (base + METADATA_SUFFIX)
    return None


def _walk(folder: Path, exclude: tuple[str, ...]) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _excluded(Path(root, d), exclude))
        for name in sorted(files):
            lower = name.lower()
            if lower.endswith(VIDEO_SUFFIXES) or (name.endswith(METADATA_SUFFIX) and name != CONFIG_NAME):
                candidate = Path(root, name)
                if not _excluded(candidate, exclude):
                    found.append(candidate)
    return found


def _excluded(path: Path, patterns: tuple[str, ...]) -> bool:
    from fnmatch import fnmatch

    text = path.as_posix()
    return any(fnmatch(text, p) or fnmatch(path.name, p) or fnmatch(text, f"*/{p}") for p in patterns)
