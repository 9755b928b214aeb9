"""RISK003 off-platform-contact."""

from __future__ import annotations

import re

import prelint
from prelint.content.qr import QR_NOTE_START, TEXT_NOT_UTF8
from prelint.rules import Option
from prelint.text.facts import CONTENT_FIELDS, DRAFT_FIELDS
from prelint.text.fields import content_of, locate, quote, rule_fields

RULE_NAME = "off-platform-contact"
LINK_CATEGORIES = ("url", "email")
# How creators name the platform a draft is for: sending viewers there keeps them on it (#快手搜索更多教程).
OWN_PLATFORM_WORDS = {"kuaishou": ("快手",), "douyin": ("抖音",), "tiktok": ("tiktok",), "shorts": ("youtube", "油管"), "reels": ("instagram", "insta", "ins", "ig")}
PLATFORM_WORD = re.compile(
    r"快手|抖音|淘宝|天猫|拼多多|闲鱼|小红书|b站|哔哩哔哩|视频号|微博|(?<![a-z])(tiktok|youtube|油管|instagram|insta|ins|ig|"
    r"snapchat|snap|telegram|whatsapp|signal|line|kakaotalk|discord|facebook|fb|messenger|patreon)(?![a-z])")


@prelint.check(
    code="RISK003",
    name=RULE_NAME,
    level="warn",
    options=[
        Option(
            "link-platforms",
            ("douyin", "kuaishou"),
            "Platforms on which web addresses and e-mail addresses count as diversion "
            "(YouTube and TikTok captions may carry links)",
            "",
        ),
        Option("check-content", True, "Also check subtitles, on-screen text and QR codes when available", ""),
        Option("max-findings", 20, "Report at most this many contacts, and this many QR codes, per draft (the metrics count all)",
               "findings"),
    ],
)
def off_platform_contact(ctx):
    """What it checks: contact details and invitations to leave the platform (站外引流). It finds
    WeChat and its spellings and slang (微信号, 加微信, VX, V信, 薇信, 加V, V我, 绿泡泡, 绿色软件, 威❤ or 加我薇
    with an id, 我发你微信), QQ号/QQ群/加Q, 公众号 as a destination, hints (主页有微, 主页有惊喜), phone numbers (spaced,
    dotted, dashed, 400 numbers), web and e-mail addresses, WhatsApp/Telegram/LINE contacts, shops
    and searches on other platforms (淘宝搜, 某宝搜 and 拼夕夕搜, 小红书同名, 抖音搜索 on Kuaishou, 完整版教学在B站，搜「…」) and
    channels and groups elsewhere ("search X on my YouTube channel", message me on Snapchat, join our Discord
    via the link in my bio, WhatsApp group link in my bio) — in the title, caption, hashtags, subtitles and on-screen
    text, plus QR codes read from every frame sampled about twice a second (in a separate process; a frame
    that takes more than 5 s or 1 GiB to scan is skipped, and three end the scan: a warning then says
    which part of the video was not scanned, and the metric `qr_scan` says why). Names that merely contain a platform word
    are not contacts (QQ飞车, a tutorial about 微信支付), nor is a search on the platform the draft is
    for (#快手搜索更多广场舞教程 on Kuaishou, DM me on Instagram on Reels) or a question about an app as a topic (小红书搜索真的好用吗？,
    绿泡泡怎么改名？).

    Why it matters: Douyin's 恶意营销号治理规范 item 8 (违规引流) and Kuaishou's community rules
    penalise contact details and QR codes in content: reduced distribution, deleted videos,
    and account penalties.

    How to fix: remove the contact detail and the QR code; keep the conversation on the
    platform (私信, 评论区, the platform's own shop or group features).

    Options: `link-platforms` limits web and e-mail addresses to the platforms that forbid
    them; `max-findings` caps the contact findings of one draft, and the QR-code findings apart (a
    subtitle file with a contact in every cue gives the first ones; the `contacts` and `qr_codes`
    metrics count all). The lexicon is
    `prelint/data/lexicons/off_platform_contact.toml`.
    """
    fields = DRAFT_FIELDS + (CONTENT_FIELDS if ctx.options.check_content else ())
    field_facts = rule_fields(ctx, fields)
    links_count = ctx.platform.name in ctx.options.link_platforms
    own = OWN_PLATFORM_WORDS.get(ctx.platform.name, ())
    found = [
        m
        for facts in field_facts
        for m in facts.for_rule(RULE_NAME)
        if (links_count or m.category not in LINK_CATEGORIES)
        and not (m.category in ("other-platform", "messenger") and _names_own_platform(m.text, own))  # 快手搜索 on Kuaishou stays on it
    ]
    texts = {facts.field: facts.text for facts in field_facts}
    qr_codes = ()
    qr_note = None  # the QR scan stopped early (a frame too costly to scan, or the time limit)
    if ctx.options.check_content:
        content = content_of(ctx)
        qr_codes = tuple(getattr(content, "qr_codes", ()) or ()) if content is not None else ()
        qr_note = next((n for n in getattr(content, "notes", ()) if n.startswith(QR_NOTE_START)), None)
    if qr_note:
        ctx.metric("qr_scan", qr_note)
    if not texts and not qr_codes:
        ctx.skip("no title, caption, hashtags or video text given" + (f"; {qr_note}" if qr_note else ""))
    ctx.metric("contacts", len(found))
    ctx.metric("qr_codes", len(qr_codes))
    limit = max(0, ctx.options.max_findings)
    for located in locate(ctx, found[:limit]):
        m = located.match
        yield ctx.finding(
            f"Off-platform contact ({m.category}) 「{m.text}」 in the {m.field}: {quote(texts[m.field], m.start, m.end)}",
            hint="Remove the contact detail; keep viewers on the platform (私信, 评论区, the platform's shop)",
            level=m.level,
            **located.where(),
            evidence={"text": m.text, "category": m.category, "note": m.note},
        )
    if qr_note:
        # a picture built to stall the QR detector is how a code would be hidden: say so
        yield ctx.finding(
            f"Part of the video could not be checked for QR codes ({qr_note.removeprefix(QR_NOTE_START + ' ').strip(': ')})",
            hint="Check the video for QR codes yourself; frames made of QR-like squares take too long to scan",
            field="screen",
            evidence={"category": "qr-scan", "note": qr_note},
        )
    for code in qr_codes[:limit]:  # a count of its own: twenty contacts in a caption must not hide a QR code
        end_s = code.end_s if code.end_s is not None else code.t_s
        when = f"from {code.t_s:.1f} to {end_s:.1f} s" if end_s - code.t_s >= 0.05 else f"at {code.t_s:.1f} s"
        yield ctx.finding(
            f"QR code on screen {when} ({_describe(code.data)})",
            hint="Remove the QR code from the video; platforms treat it as diversion",
            field="screen",
            start_s=code.t_s,
            end_s=end_s,
            evidence={"category": "qr-code", "data": code.data, "t_s": round(code.t_s, 3)},
        )


def _names_own_platform(text: str, own: tuple[str, ...]) -> bool:
    """The first platform the match names is the one the draft is for (快手搜索 on Kuaishou, DM me on
    Instagram on Reels): viewers stay on it."""
    m = PLATFORM_WORD.search(text.lower())
    return m is not None and m.group() in own


def _describe(data: str) -> str:
    if data == TEXT_NOT_UTF8:
        return "its text is in an encoding prelint cannot show: Kanji mode, GB18030 or Shift-JIS"
    lowered = data.lower()
    if "weixin" in lowered or "wechat" in lowered or "wxp://" in lowered:
        return "WeChat code"
    if lowered.startswith(("http://", "https://")):
        return f"link {data[:60]}"
    return f"data {data[:60]!r}"
