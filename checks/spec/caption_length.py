"""SPEC009 caption-length."""

from __future__ import annotations

import prelint
from prelint.checks.spec.title_length import count_chars, offset_past
from prelint.rules import Option


@prelint.check(
    code="SPEC009",
    name="caption-length",
    level="warn",
    options=[Option("max-chars", 0, "Override the platform's caption limit (0 = use the platform profile)", "chars")],
)
def caption_length(ctx):
    """What it checks: a caption longer than the platform accepts.

    Why it matters: the upload form refuses or cuts a caption over the limit (Douyin and
    Kuaishou about 1,000 characters with the topics, TikTok and Reels 2,200, YouTube 5,000
    for the description); what is cut is usually the hashtags and the call to action at the end.

    How to fix: keep the caption to what the viewer needs (the promise, one invitation, 2–5
    hashtags); move long text (recipes, lyrics, links allowed by the platform) to a pinned comment.

    Options: the limit comes from the platform profile unless `max-chars` is set. Characters are
    counted as a reader counts them (combining marks and variation selectors not counted).
    """
    caption = ctx.draft.caption
    if caption is None:
        ctx.skip("no caption given")
    limit = ctx.options.max_chars or ctx.platform.caption_max_chars
    length = count_chars(caption)
    ctx.metric("chars", length)
    ctx.metric("limit", limit)
    if limit and length > limit:
        cut = offset_past(caption, limit)
        yield ctx.finding(
            f"Caption is {length} characters; {ctx.platform.display_name} accepts at most {limit}",
            hint=f"Cut {length - limit} characters: keep the promise, one invitation and 2–5 hashtags; "
                 "move long text to a pinned comment",
            field="caption",
            start=cut,
            end=len(caption),
            evidence={"chars": length, "limit": limit, "platform": ctx.platform.name},
        )
