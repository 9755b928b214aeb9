"""RISK002 absolute-terms."""

from __future__ import annotations

import prelint
from prelint.rules import Option
from prelint.text.facts import CONTENT_FIELDS, DRAFT_FIELDS
from prelint.text.fields import locate, quote, rule_fields

RULE_NAME = "absolute-terms"


@prelint.check(
    code="RISK002",
    name=RULE_NAME,
    level="warn",
    options=[
        Option("check-content", True, "Also check subtitles and on-screen text when the draft has them", ""),
        Option("max-findings", 20, "Report at most this many terms per draft (the metric counts all)", "findings"),
    ],
)
def absolute_terms(ctx):
    """What it checks: absolute claims that 广告法 第九条(三) bans in advertising. Terms such as
    最佳, 最好的, 第一 (全国第一, 销量第一), 国家级, 顶级, 唯一, 首选, 100%有效, 全网最低价, NO.1 in the
    title, caption, hashtags and (when available) subtitles and on-screen text. Words are
    judged in context: 最近, 最后, 第一次, 第一步, 第一时间, 唯一需要注意的是, 最好放冰箱,
    最佳食用时间 and true background facts (国家级非遗) are not claims. Each finding gives the
    field, the character span and the matched text.

    Why it matters: in 带货 or sponsored content an absolute term is an advertising-law
    violation (fines of 20万–100万元); platforms also screen for 极限词 and limit reach. SAMR's
    2023 guide asks for contextual judgement, so prelint reports the term with its context.

    How to fix: replace the claim with a checkable fact: "全网最低价" → "比日常价便宜30元",
    "第一品牌" → "连续3年销量增长", "最好的面膜" → "我用了两周的面膜".

    Options: the lexicon is `prelint/data/lexicons/absolute_terms.toml`. Brand or product
    names that contain a term go in `[tool.prelint.lexicon] allow = ["品牌名最佳"]`.
    """
    fields = DRAFT_FIELDS + (CONTENT_FIELDS if ctx.options.check_content else ())
    field_facts = rule_fields(ctx, fields)
    found = [m for facts in field_facts for m in facts.for_rule(RULE_NAME)]
    texts = {facts.field: facts.text for facts in field_facts}
    if not texts:
        ctx.skip("no title, caption or hashtags given")
    ctx.metric("terms", len(found))
    for located in locate(ctx, found[: ctx.options.max_findings]):
        m = located.match
        yield ctx.finding(
            f"Absolute claim 「{m.text}」 in the {m.field}: {quote(texts[m.field], m.start, m.end)}",
            hint=f"Replace 「{m.text}」 with a fact the viewer can check (a number, a comparison, your own experience)",
            level=m.level,
            **located.where(),
            evidence={"text": m.text, "category": m.category, "term": m.term, "note": m.note},
        )
