"""What the MATCH rules share: reading the title, video length and content text from ctx, and
turning a claims.Mismatch into a finding."""

from __future__ import annotations

from typing import Any

from prelint.checks.match.claims import MAX_JUDGED_CONTENT_CHARS, Mismatch, content_sources, judged_title
from prelint.model import Level


def title_or_skip(ctx: Any) -> str:
    """The title the MATCH rules judge: its first MAX_JUDGED_TITLE_CHARS characters."""
    title = (ctx.draft.title or "").strip()
    if not title:
        ctx.skip("no title given")
    return judged_title(ctx.draft.title)


def content_or_skip(ctx: Any, min_chars: int = 1) -> Any:
    """The draft's ContentText; skips the rule (with the reason) when there is no content text."""
    content = ctx.content  # raises Skip when there is neither video nor subtitles
    if not content.has_text:
        why = "; ".join(content.notes) or "no subtitles and no on-screen text found"
        ctx.skip(f"no content text to compare the title with ({why})")
    text, _ = judged_text(ctx, content)
    chars = len("".join(text.split()))
    ctx.metric("content_chars", chars)
    if len(text) >= MAX_JUDGED_CONTENT_CHARS:
        ctx.metric("content_read_up_to_chars", MAX_JUDGED_CONTENT_CHARS)  # the rest is not compared
    if chars < min_chars:
        ctx.skip(f"too little content text to judge ({chars} characters; need {min_chars})")
    return content


def judged_text(ctx: Any, content: Any) -> tuple[str, list[str]]:
    """(content text, [subtitle text, on-screen text]) the MATCH rules judge: subtitles and on-screen
    text, short on-screen lines included, on-screen lines that repeat the title left out."""
    title = judged_title(ctx.draft.title or "")
    return content_sources(title, [s.text for s in content.spans("subtitles")], [s.text for s in content.spans("screen")])


def video_length_s(ctx: Any) -> float | None:
    """The video's duration in seconds, or None when there is no video (subtitles only)."""
    from prelint.context import Skip

    if ctx.draft.video is None:
        return None
    try:
        return float(ctx.probe.duration_s)
    except Skip:
        return None


def where_in_content(content: Any, snippets: list[str]) -> tuple[float | None, float | None]:
    """Time span (s) of the content spans containing any of the snippets, or (None, None)."""
    starts, ends = [], []
    for span in content.spans():
        squashed = "".join(span.text.split()).lower()
        if any("".join(s.split()).lower() in squashed for s in snippets if s.strip()):
            starts.append(span.start_s)
            ends.append(span.end_s)
    if not starts:
        return None, None
    return min(starts), max(ends)


def finding(ctx: Any, mismatch: Mismatch, start_s: float | None = None, end_s: float | None = None) -> Any:
    return ctx.finding(
        mismatch.message,
        hint=mismatch.hint,
        level=mismatch.level if Level.parse(mismatch.level).rank > ctx.rule.level.rank else None,  # escalation only raises
        field="title",
        start=mismatch.start,
        end=mismatch.end,
        start_s=start_s,
        end_s=end_s,
        evidence=mismatch.evidence,
    )
