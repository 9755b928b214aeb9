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
        Option("min-enumerated", 2, "Judge only when the content visibly enumerates at least this many items (or says how many it covers)", "items"),
    ],
    needs=("content",),
)
def count_claim(ctx):
    """What it checks: the title promises more items than the content enumerates or says it covers.
    Promises are "5个技巧", "3种方法", "7天", "5 tips", "5 books", "Top 10", "前十名"; items are what the
    content enumerates (第一/第二…, 1./2., 一、二、, （1）, ①②, 1️⃣, 一是…二是…, 其一/其二, 步骤一, Step 1,
    Tip #1, first/second, 首先…然后…接着…最后, first…next…another tip…finally, a bulleted list with one
    item a line; 第N天/Day N for days). Markers are walked in order: an ordinal names item N, a
    sequence word the next item, so "第一 … 然后 … 接着 … 最后" is four. Things (dishes, books, places,
    products) are counted by ordinals and bullets only, not by a recipe's 首先…然后 steps; "三菜一汤" is
    a menu, not a count. A content that says how many it covers counts too: "就这两个", "今天先讲三个
    (明天继续)", "just one move today" (with no noun or a noun of the claim's kind: 只要三个鸡蛋 is no
    count of tips), and a total it says it delivered ("四家都吃完了", "以上就是这五个") is never fewer
    items. It fires when the content enumerates at least `min-enumerated` items, or says how many it
    covers, and that is fewer than promised; delivering more than promised is fine.

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
