"""MATCH002 count-claim."""

from __future__ import annotations

import prelint
from prelint.checks.match import _common
from prelint.checks.match.claims import judge_count
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
    Promises are "5个技巧", "3种方法", "7天", "5 tips", "5 books", "Top 10", "前十名", any noun a classifier counts
    ("5个让手机续航翻倍的隐藏设置", "八个和弦"; not time, people or a part: "3个月", "两个人", "两个鸡蛋的早餐"), and a
    title that opens with a number and a plural noun ("9 underrated Android settings"; not a measure: "5 minute abs"); items are what the
    content enumerates (第一/第二…, 1./2., 一、二、, （1）, ①②, 1️⃣, 一是…二是…, 其一/其二, 步骤一, Step 1,
    Tip #1, first/second, 首先…然后…接着…最后, first…next…another tip…finally, a bulleted list with one
    item a line, 1st/2nd, Ⅰ/Ⅱ, a bare number opening a sentence ("Two, Collateral.", 三，), a list after a header that says it is one or shares a word with the
    title (约会推荐：海洋馆、摩天轮、livehouse; 比如… and …等 give examples only), sentences that open with
    the same verb (少看手机。少熬夜。"Keep… Keep…"), works named by their titles (《活着》《鼓楼》), a sequence word
    that says what the item is (首先是猫砂盆…其次是…), English sentences that only name a thing ("The Gulbenkian
    garden. Tasca do Chico for fado." — three or more, judged when the content has room for fewer items than
    promised); 第N天/Day N for days). An unmarked first item said before 然后/next counts, in the sentence or
    the clause before it. Markers are walked in order:
    an ordinal names item N, a sequence word the next item, so "第一 … 然后 … 接着 … 最后" is four.
    Things (dishes, books, places, products, N样/N种/N类) are counted by sequence words only once an
    ordinal has opened the list (第一站…然后…最后, "First… then… after that… finally"), so a recipe's
    首先…然后 steps are no dishes; "三菜一汤" is a menu, not a count. A content that says how many it
    covers counts too: a limiter, a verb and a count ("就这两个", "今天只教这一个动作", "今天先讲三个
    (明天继续)", "just one move today"; with no noun or a noun of the claim's kind, and not a verb of
    need: 只要三个鸡蛋 is no count of tips, 只要这一个动作 is), the claim's own classifier naming the item
    ("今天就做一道可乐鸡翅" under 3道快手菜), a count pointing back at what was named ("这两点做好", "这俩就够了",
    "get those two right", "those are my top four"), a total it says it delivered ("四家都吃完了", "以上就是这五个")
    is never fewer items, and an admission that the rest is left out ("其他的你们随意", "别的看个人需求",
    "the rest is up to you") or an unmarked list that says it ends ("就这几样", "好啦今天就说到这", "这些练熟了",
    "that's my list", "those are the ones") allows at most one item per clause said before it. It fires when the
    content enumerates at least `min-enumerated` items, says how many it covers or admits leaving the
    rest out, and that is fewer than promised; delivering more than promised is fine.

    Why it matters: "5个技巧" with two tips is the textbook 文不对题; viewers count, feel cheated and
    say so in the comments.

    How to fix: change the number in the title to what the video shows, or show every promised item
    with a clear on-screen marker (第一/第二…) so viewers (and this check) can count them.

    Options: items are counted in the subtitles and in the on-screen text separately (burned-in
    captions often repeat the subtitles) and the source that delivers more is judged; with OCR
    off (`--no-ocr`) only subtitles count.
    """
    title = _common.title_or_skip(ctx)
    content = _common.content_or_skip(ctx)
    # Burned-in captions often repeat the subtitles: count each source on its own (joined, a
    # "然后" said and shown would count twice) and judge by the source that enumerates the most.
    joined, sources = _common.judged_text(ctx, content)
    for mismatch in judge_count(title, None, joined, min_enumerated=ctx.options.min_enumerated, sources=sources):
        start_s, end_s = _common.where_in_content(content, mismatch.evidence.get("markers", []))
        yield _common.finding(ctx, mismatch, start_s, end_s)
