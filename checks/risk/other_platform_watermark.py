"""RISK004 other-platform-watermark."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import prelint
from prelint.rules import Option
from prelint.text.facts import DRAFT_FIELDS
from prelint.text.fields import content_of, locate, rule_fields
from prelint.text.matcher import Match

RULE_NAME = "other-platform-watermark"
SCREEN = "screen"
ID_KIND = "id"
END_CARD_KIND = "end-card"
# How findings name a mark's owner (the lexicon's categories are "<mark>:<kind>").
MARK_NAMES = {
    "douyin": "Douyin 抖音", "kuaishou": "Kuaishou 快手", "xiaohongshu": "Xiaohongshu 小红书",
    "channels": "WeChat Channels 视频号", "bilibili": "Bilibili B站", "tiktok": "TikTok", "xigua": "Xigua 西瓜视频",
    "kwai": "Kwai", "likee": "Likee", "jianying": "剪映", "capcut": "CapCut", "kuaiying": "快影",
}
FIELD_NAMES = {"title": "title", "caption": "caption", "hashtags": "hashtags", SCREEN: "on-screen text"}
SPACES = re.compile(r"\s+")


@dataclass
class _Mark:
    """One watermark, id or end card: every match of the same mark and text, with the time it covers."""

    owner: str
    kind: str
    field: str
    text: str
    first: Match
    start_s: float | None = None
    end_s: float | None = None
    seen: int = 0
    texts: list[str] = field(default_factory=list)


@prelint.check(
    code="RISK004",
    name=RULE_NAME,
    level="warn",
    options=[
        Option(
            "own-marks",
            ("douyin:douyin", "douyin:jianying", "kuaishou:kuaishou", "kuaishou:kuaiying", "tiktok:tiktok",
             "tiktok:capcut"),
            "Marks that are a platform's own, as '<platform>:<mark>': the creator's own id or the platform's "
            "own editor (a 抖音号 on a Douyin draft)",
            "",
        ),
        Option("check-screen", True, "Read the on-screen text (OCR) as well as the title, caption and hashtags", ""),
        Option("end-card-window-s", 6.0, "An editor's end card counts only when it shows in the video's last "
               "this many seconds (a 剪映 tutorial shows 剪映 all along)", "s"),
        Option("min-ocr-confidence", 0.6, "On-screen text read with a lower OCR confidence is not judged", ""),
    ],
)
def other_platform_watermark(ctx):
    """What it checks: another platform's watermark or account id, or a video editor's end card
    (外站标识). It finds 抖音号/抖音ID/dy号, 快手号/快手ID/ks号, 小红书号, 视频号 · name, B站UID, TikTok @name,
    西瓜视频 @name, Kwai and Likee ids in the on-screen text (read by OCR) and in the title, caption
    and hashtags, and 剪映 (剪映 模板, 剪映制作), CapCut and 快影 end cards in the on-screen text of the
    video's last seconds. Which platform is "other" depends on the draft's platform: a 抖音号 on a
    Douyin draft is the creator's own id; on Kuaishou, TikTok, Shorts or Reels it is another
    platform's mark. Only id-shaped text counts — the platform's name, then 号/ID/@, then an id: a
    platform named as a topic (我在抖音上看到, 抖音号怎么改, #用快影上热门), a game's UID or a year
    (快手号2020年) is no mark. Every reading of one mark (a watermark that jumps between corners) is
    one finding spanning all of them; an end card is one finding for its span.

    Why it matters: a competitor's watermark or an editor's end card marks the video as reposted
    (搬运). Instagram said in 2021 that Reels "visibly recycled from other apps (i.e. contains logos
    or watermarks)" are made less discoverable; TikTok's For You feed eligibility standards exclude
    unoriginal content reuploaded from elsewhere; Douyin and Kuaishou creators report such drafts set
    to "not recommended" automatically (unofficial: creators' reports, no published rule text).

    How to fix: upload the original export, saved before the other platform added its watermark;
    otherwise crop or blur the watermark for the time the finding gives. Re-export without the
    editor's end card (剪映 and CapCut let you switch the ending off) or cut its seconds. Remove
    another platform's id from the title, caption and hashtags.

    Options: `own-marks` lists the marks that are a platform's own, as `platform:mark`
    (`douyin:jianying`: 剪映 is Douyin's editor); `check-screen` turns the on-screen text off (the
    title, caption and hashtags are still read); `end-card-window-s` is how close to the end an
    end card must show; `min-ocr-confidence` leaves out on-screen text OCR read unsurely. The
    lexicon is `prelint/data/lexicons/other_platform_watermark.toml`.
    """
    fields = DRAFT_FIELDS + ((SCREEN,) if ctx.options.check_screen else ())
    field_facts = rule_fields(ctx, fields)
    if not field_facts:
        ctx.skip("no title, caption, hashtags or on-screen text given")
    own = {mark for platform, _, mark in (item.partition(":") for item in ctx.options.own_marks)
           if platform == ctx.platform.name}
    content = content_of(ctx) if ctx.options.check_screen else None
    video_end_s = _video_end_s(ctx, content)
    marks: dict[tuple[str, str, str, str], _Mark] = {}
    read = 0
    for located in locate(ctx, (m for facts in field_facts for m in facts.for_rule(RULE_NAME))):
        m = located.match
        owner, _, kind = m.category.partition(":")
        if owner in own:
            continue
        if m.field == SCREEN:
            span = content.span_at(SCREEN, m.start) if content is not None else None
            if span is not None and span.confidence is not None and span.confidence < ctx.options.min_ocr_confidence:
                continue  # OCR was unsure: a lookalike is no watermark
            if kind == END_CARD_KIND and not _near_end(located.end_s, video_end_s, ctx.options.end_card_window_s):
                continue
        elif kind == END_CARD_KIND:
            continue  # 用剪映制作 in a caption is a topic; an end card is only seen on screen
        read += 1
        text = SPACES.sub(" ", m.text).strip()
        # on screen, each mark's text is one watermark (its readings merge); in a field, one finding per owner
        same = SPACES.sub("", text).lower() if m.field == SCREEN and kind != END_CARD_KIND else ""
        key = (owner, kind, m.field, same)
        mark = marks.setdefault(key, _Mark(owner, kind, m.field, text, m))
        mark.seen += 1
        if text not in mark.texts:
            mark.texts.append(text)
        if located.start_s is not None:
            mark.start_s = located.start_s if mark.start_s is None else min(mark.start_s, located.start_s)
            mark.end_s = located.end_s if mark.end_s is None else max(mark.end_s, located.end_s)
    ctx.metric("other_platform_marks", read)
    order = list(FIELD_NAMES)
    for mark in sorted(marks.values(), key=lambda k: (order.index(k.field), k.start_s or 0.0, k.first.start)):
        yield _finding(ctx, mark)


def _finding(ctx, mark: _Mark):  # type: ignore[no-untyped-def]
    owner = MARK_NAMES.get(mark.owner, mark.owner)
    where = FIELD_NAMES.get(mark.field, mark.field)
    platform = ctx.platform.display_name
    texts = "」「".join(mark.texts[:3]) + ("」「…" if len(mark.texts) > 3 else "")
    when = f" at {_clock(mark.start_s)}–{_clock(mark.end_s, up=True)}" if mark.start_s is not None else ""
    if mark.kind == END_CARD_KIND:
        message = f"{owner} end card 「{texts}」 in the {where}{when}: a {platform} draft showing another app's end card reads as reposted"
        hint = f"Re-export without the {owner} end card (片尾), or cut{when or ' it'}"
    elif mark.field == SCREEN:
        message = f"{owner} watermark 「{texts}」 in the {where}{when}: on {platform} another platform's mark reads as reposted (搬运)"
        hint = f"Upload the original export without the watermark, or crop or blur it{when}"
    else:
        ids = "ids" if len(mark.texts) > 1 else "id"
        message = f"{owner} account {ids} 「{texts}」 in the {where}: on {platform} another platform's {ids} read as reposted (搬运)"
        hint = f"Remove the {owner} {ids} from the {where}"
    m = mark.first
    return ctx.finding(
        message,
        hint=hint,
        field=mark.field,
        start=m.start,
        end=m.end,
        start_s=mark.start_s,
        end_s=mark.end_s,
        evidence={"text": mark.texts[0], "texts": list(mark.texts), "mark": mark.owner, "kind": mark.kind,
                  "readings": mark.seen, "note": m.note},
    )


def _video_end_s(ctx, content) -> float | None:  # type: ignore[no-untyped-def]
    """The video's length: the probe's when it was measured, else the end of the last text read."""
    probe = ctx.facts.computed("probe")
    duration = getattr(probe, "duration_s", None)
    if duration:
        return float(duration)
    if content is None:
        return None
    ends = [s.end_s for s in content.spans()]
    return max(ends) if ends else None


def _near_end(end_s: float | None, video_end_s: float | None, window_s: float) -> bool:
    return end_s is not None and video_end_s is not None and end_s >= video_end_s - window_s


def _clock(seconds: float | None, up: bool = False) -> str:
    """0:12 for 12.4 s (0:13 rounding up: a span's end, so cropping to it covers the mark)."""
    whole = math.ceil(seconds or 0.0) if up else int(seconds or 0.0)
    return f"{whole // 60}:{whole % 60:02d}"
