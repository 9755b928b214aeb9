"""SPEC001 title-length."""

from __future__ import annotations

import unicodedata

import prelint
from prelint.rules import Option


def count_chars(text: str) -> int:
    """Characters as a reader counts them: NFC code points, combining marks and variation selectors not counted."""
    text = unicodedata.normalize("NFC", text)
    return sum(1 for ch in text if unicodedata.category(ch) not in ("Mn", "Me", "Cf"))


def offset_past(text: str, limit: int) -> int:
    """Offset in `text` of the first character a reader counts past `limit` (len(text) if none)."""
    seen = 0
    for i, ch in enumerate(text):
        if unicodedata.category(ch) not in ("Mn", "Me", "Cf"):
            seen += 1
            if seen > limit:
                return i
    return len(text)


@prelint.check(
    code="SPEC001",
    name="title-length",
    level="warn",
    options=[Option("max-chars", 0, "Override the platform's title limit (0 = use the platform profile)", "chars")],
)
def title_length(ctx):
    """What it checks: a title longer than the platform shows, an empty one, or none at all.

    A draft with neither title nor caption (a video committed without its `clip.prelint.toml`)
    gets one finding: no text rule can run on it.

    Why it matters: Douyin cuts titles at about 30 characters; a longer title is truncated
    mid-phrase and the part that sells the video is lost. An empty title gives the
    recommender and the viewer nothing to go on.

    How to fix: keep the promise in the first characters; move detail to the caption. For a
    draft without text, add `clip.prelint.toml` (title, caption) beside `clip.mp4`, or pass
    `--title` / `--caption`.

    Options: the limit comes from the platform profile (douyin 30, kuaishou 30, shorts 100,
    tiktok and reels 2200) unless `max-chars` is set.
    """
    title = ctx.draft.title
    if title is None and ctx.draft.caption is None:
        metadata = ctx.draft.metadata or (ctx.draft.video.with_name(ctx.draft.video.stem + ".prelint.toml")
                                          if ctx.draft.video is not None else None)
        yield ctx.finding(
            "The draft has no title and no caption: the title, clickbait, contact and call-to-action checks cannot run",
            hint=(f"Add {metadata.name} with a title and a caption" if metadata is not None and ctx.draft.metadata is None
                  else "Add a title and a caption") + " (or pass --title / --caption)",
            evidence={"title": None, "caption": None},
        )
        return
    if title is None:
        ctx.skip("no title given (the caption is given)")
    limit = ctx.options.max_chars or ctx.platform.title_max_chars
    length = count_chars(title)
    ctx.metric("chars", length)
    ctx.metric("limit", limit)
    if not title.strip():
        yield ctx.finding(
            "Title is empty",
            hint="Write a title that says what the viewer gets, e.g. '3个技巧让蛋糕不塌'",
            field="title",
            evidence={"chars": 0},
        )
        return
    if limit and length > limit:
        cut = offset_past(title, limit)
        yield ctx.finding(
            f"Title is {length} characters; {ctx.platform.display_name} shows at most {limit}",
            hint=f"Cut {length - limit} characters: put the promise first and move details to the caption",
            field="title",
            start=cut,
            end=len(title),
            evidence={"chars": length, "limit": limit, "platform": ctx.platform.name},
        )
