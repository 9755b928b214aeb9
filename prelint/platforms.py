"""Platform profiles: documented limits per platform, read from `prelint/data/platforms.toml`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any


@dataclass(frozen=True)
class PlatformProfile:
    """Limits of one platform. None means the platform documents no limit."""

    name: str
    display_name: str
    title_max_chars: int | None
    caption_max_chars: int | None
    hashtags_max: int | None
    hashtags_recommended_max: int | None
    min_duration_s: float | None
    max_duration_s: float | None
    aspect_ratio: str  # "vertical" (9:16 expected) or "vertical-or-square"
    min_short_side_px: int
    max_file_size_bytes: int | None
    min_fps: float
    max_fps: float
    sources: tuple[str, ...]


@lru_cache(maxsize=None)
def profiles() -> dict[str, PlatformProfile]:
    import tomllib

    raw: dict[str, Any] = tomllib.loads(files("prelint.data").joinpath("platforms.toml").read_text("utf-8"))
    out = {}
    for name, table in raw.items():
        out[name] = PlatformProfile(name=name, sources=tuple(table.pop("sources", ())), **table)
    return out


def profile(name: str) -> PlatformProfile:
    return profiles()[name]
