"""General bait shapes in the engagement-bait lexicon, the model guard's 骗 cue, one
engagement-word matcher for training and rule, more plain invitations for missing-cta, and
clickbait-title look-alikes (速看版, 突发…怎么办, “…”这类标题). Every text here was written for
these tests (none is a labelled case)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

import prelint
from prelint.text import ngram

TRAIN_SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "train_text_model.py"


def _bait(caption: str, model: bool = False):
    config = None if model else {"options": {"engagement-bait": {"model": False}}}
    return prelint.lint(caption=caption, select=["CTA002"], config=config).result("engagement-bait")


def _missing(caption: str):
    return prelint.lint(caption=caption, select=["CTA001"]).result("missing-cta")


def _clickbait(title: str):
    return prelint.lint(title=title, select=["RISK001"]).result("clickbait-title")


@pytest.fixture(scope="module")
def train_script():
    spec = importlib.util.spec_from_file_location("prelint_bench_train_text_model_r14", TRAIN_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "caption, category, flagged",
    [
        ("收藏破三千的话，下周末把全套配色卡整理出来", "conditional", "收藏破三千的话，下周末把全套配色卡整理出"),
        ("评论攒够五百条我再把源文件放出来", "conditional", "评论攒够五百条我再把源文件放出"),
        ("店名我就不说了，只告诉关注我的老粉", "gated", "只告诉关注"),
        ("关注了的姐妹私信我拿链接", "gated", "关注了的姐妹私信"),
        ("这期后半段设成了粉丝可见", "gated", "设成了粉丝可见"),
        ("高考的同学在评论区打个“中”字，分数只高不低", "luck-curse", "评论区打个“中”字，分数只高不低"),
        ("属兔的朋友把这条收藏好，今年不犯太岁", "luck-curse", "收藏好，今年不犯太岁"),
        ("腊八节到了，转发接福", "luck-curse", "转发接福"),
        ("收藏这条视频截图给客服，下单立减八元", "reward", "收藏这条视频截图给客服，下单立减"),
        ("Comment 'yes' and I'll follow you back, small creators unite", "mutual", "I'll follow you back"),
        ("Type AMEN2 and claim your blessing before Sunday", "luck-curse", "Type AMEN2 and claim your"),
        ("Comment SHEET and I'll DM you the full budget template", "gated", "Comment SHEET and I'll DM you"),
    ],
)
def test_general_bait_shapes_are_lexicon_errors(caption, category, flagged):
    result = _bait(caption)
    assert result.status.value == "error"
    finding = result.findings[0]
    assert finding.evidence["category"] == category
    assert caption[finding.start:finding.end] == finding.evidence["text"]
    assert finding.evidence["text"].lower().startswith(flagged.lower()[:6])
    assert finding.field == "caption"


@pytest.mark.parametrize(
    "caption",
    [
        "收藏破三千了，谢谢大家，下周照常更新",          # a milestone already reached
        "粉丝可见这个设置在哪里？这期讲清楚",            # the setting as a topic
        "评论区说说你考了多少分，祝大家都上岸",          # a wish, not a charm
        "收藏这份高分作文模板，考前翻一翻",              # a study aid, not a charm
        "直播间喊“点赞到十万就抽免单”的，我蹲了两次都没抽到",  # quoted: a report of someone else's bait
        "I follow up on every order myself",
    ],
)
def test_look_alikes_of_the_new_shapes_are_not_lexicon_bait(caption):
    assert _bait(caption).status.value == "pass", caption


def test_an_apostrophe_inside_a_word_is_no_quote_mark():
    # 'f4f' is quoted (a mention of the phrase), but i'll / let's must not close or open a quote
    from prelint.text.matcher import _quoted, normalize

    text = "comment 'f4f' and i'll follow you right back, let's grow"
    norm = normalize(text)
    start = norm.index("i'll follow")
    assert not _quoted(norm, start, start + len("i'll follow you right back"))
    assert _quoted(norm, norm.index("f4f"), norm.index("f4f") + 3)
    assert _bait("Small channel here, comment 'hi' and I'll follow you right back, let's grow").status.value == "error"


def test_model_guard_reads_pian_before_an_engagement_word_as_a_report():
    from prelint.checks.cta.engagement_bait import guard_reason

    text = "这种图都是营销号骗转发的，别信"
    assert guard_reason(text, (0, len(text))) == "negated"
    assert guard_reason("转发这张图，全家平安", (0, 10)) == ""


def test_hyphenated_compounds_hold_no_english_engagement_word():
    model = ngram.load_model("engagement_bait")
    assert model.required_hits("our follow-up video is out") == []
    assert model.required_hits("like-minded people") == []
    assert [w for _, w in model.required_hits("like and follow, share it")] == ["like", "follow", "share"]


def test_training_script_selects_sentences_with_the_rules_matcher(train_script):
    model = ngram.load_model("engagement_bait")
    assert tuple(model.requires_any) == train_script.ENGAGEMENT
    texts = ["Following the river upstream", "likely to rain", "vintage shop", "our follow-up", "Like and follow",
             "点赞过万更新", "typed notes", "double tap if you agree", "关注民生", "Share it with a friend"]
    assert [train_script.has_engagement_word(t) for t in texts] == [model.holds_required(t) for t in texts]
    assert [train_script.has_engagement_word(t) for t in texts] == [False, False, False, False, True, True, False, True, True, True]


@pytest.mark.parametrize(
    "caption, kind",
    [
        ("有问题可以留言，我都会回", "comment"),
        ("想跟着练的可以关注，下周讲腹肌", "follow"),
        ("把这条转给你那个总说明天再减肥的朋友", "share"),
        ("评论区交个作业，晒晒你们做的饺子", "comment"),
        ("没跟上的先收进收藏夹，慢慢看", "favourite"),
        ("家里有柯基的吱一声", "comment"),
        ("需要的可以收藏，下次用得上", "favourite"),
    ],
)
def test_more_plain_invitations_count_for_missing_cta(caption, kind):
    result = _missing(caption)
    assert result.status.value == "pass"
    assert kind in result.metrics["cta_kinds"].split(",")


@pytest.mark.parametrize(
    "caption",
    [
        "我妈把视频发给我看了，笑了半天",   # a story, not an invitation to share
        "Don't follow me for advice, I just film my cat",  # negated
        "这条视频不可以留言，平台设置的",
    ],
)
def test_look_alike_invitations_still_miss(caption):
    result = _missing(caption)
    assert result.status.value == "info" and result.metrics["cta_kinds"] == "none"
    assert result.findings[0].field == "caption"


def test_dont_forget_to_follow_is_still_an_invitation():
    assert "follow" in _missing("Don't forget to follow for the next build").metrics["cta_kinds"]


@pytest.mark.parametrize(
    "title, status",
    [
        ("速看版《琅琊榜》：前十集剧情梳理", "pass"),
        ("突发胸痛怎么办？急诊医生讲三步", "pass"),
        ("为什么“你绝对想不到”这类标题没人点了", "pass"),
        ("速看！明天起这些规定全面执行", "warn"),
        ("突发！某地连夜发布通知", "warn"),
    ],
)
def test_clickbait_look_alikes_of_urgency_and_topic_mentions(title, status):
    result = _clickbait(title)
    assert result.status.value == status, (title, result.metrics)


def test_bait_model_header_reports_missing_cta_with_the_out_of_fold_bait_model():
    header = ngram.load_model("engagement_bait").header
    cv = header["cross_validation"]["missing_cta_with_out_of_fold_bait_model"]
    assert cv["tp"] + cv["fn"] >= 150 and cv["precision"] >= 0.9
    assert {"fold-11", "fold-15"} <= set(header["training_splits"])
    assert header["never_seen"] == ["test-1", "test-2", "every split named test-*"]


@pytest.mark.parametrize(
    "caption, reason",
    [
        ("粉丝到五千那天，我们去吃了顿烧烤", "a milestone already reached"),
        ("点赞破千了，谢谢大家", "a milestone already reached"),
        ("We just hit 20k followers, thank you", "a milestone already reached"),
        ("粉丝到五千的时候我就露脸", ""),  # a promise, not news
    ],
)
def test_model_guard_sets_aside_a_milestone_already_reached(caption, reason):
    from prelint.checks.cta.engagement_bait import guard_reason

    assert guard_reason(caption, (0, len(caption))) == reason


def test_a_milestone_with_a_call_to_action_after_it_is_not_guarded():
    from prelint.checks.cta.engagement_bait import guard_reason

    caption = "粉丝过万了，关注我抽三个人送书"
    assert guard_reason(caption, (0, len(caption))) == ""
    assert _bait(caption).status.value == "error"  # the lexicon's reward entry
