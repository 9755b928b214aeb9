"""MATCH002 count-claim."""

from __future__ import annotations

import prelint
from prelint.checks.match import _common
from prelint.checks.match.claims import count_enumerated, judge_count
from prelint.rules import Option


@prelint.check(
    code="MATCH002",
    name="count-claim",
    level="warn",
    options=[
        Option("min-enumerated", 2, "Judge only when the content visibly enumerates at least this many items", "items"),
    ],
    needs=("content",),
)
def count_claim(ctx):
    """What it checks: the title promises more items than the content enumerates. Promises are
    "5个技巧", "3种方法", "7天", "5 tips", "5 books"; items are what the content enumerates (第一/第二…, 1./2.,
    ①②, 步骤一, Step 1, first/second, 首先…然后…接着…最后, first…next…finally; 第N天/Day N for days).
    Markers are walked in order: an ordinal names item N, a sequence word the next item, so
    "第一 … 然后 … 接着 … 最后" is four. Things (dishes, books, places, products) are counted by
    ordinals only, not by a recipe's 首先…然后 steps; "三菜一汤" is a menu, not a count. It fires only
    when the content does enumerate (at least `min-enumerated` items) and enumerates fewer than
    promised; delivering more than promised is fine.

    Why it matters: "5个技巧" with two tips is the textbook 文不对题; viewers count, feel cheated and
    say so in the comments.

    How to fix: change the number in the title to what the video shows, or show every promised item
    with a clear on-screen marker (第一/第二…) so viewers (and this check) can count them.

    Options: items are counted in the subtitles and in the on-screen text separately (burned-in
    captions often repeat the subtitles) and the source that enumerates more is judged; with OCR
    off (`--no-ocr`) only subtitles count.
    """
    title = _common.title_or_skip(ctx)
    content = _common.content_or_skip(ctx)
    # Burned-in captions often repeat the subtitles: count each source on its own (joined, a
    # "然后" said and shown would count twice) and judge by the source that enumerates the most.
    _, sources = _common.judged_text(ctx, content)
    richest = max(sources, key=lambda text: (count_enumerated(text).items, count_enumerated(text, days=True).items))
    for mismatch in judge_count(title, None, richest, min_enumerated=ctx.options.min_enumerated):
        start_s, end_s = _common.where_in_content(content, mismatch.evidence.get("markers", []))
        yield _common.finding(ctx, mismatch, start_s, end_s)
