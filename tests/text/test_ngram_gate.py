"""The trained n-gram gate of clickbait-title (RISK001) and engagement-bait (CTA002): packaged model
files, lazy loading, evidence that shows why, the off-switch, and plain look-alikes that stay clean."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from importlib import resources

import prelint
import pytest

from prelint.registry import load_rules
from prelint.text import ngram

MODEL_OFF = {"options": {"clickbait-title": {"model": False}, "engagement-bait": {"model": False}}}
CLICKBAIT_MODEL_ON = {"options": {"clickbait-title": {"model": True}}}  # opt-in: off by default


def _clickbait(title: str, config: dict | None = None):
    return prelint.lint(title=title, select=["RISK001"], config=config).result("clickbait-title")


def _bait(caption: str, config: dict | None = None):
    return prelint.lint(caption=caption, select=["CTA002"], config=config).result("engagement-bait")


@pytest.mark.parametrize("name", ["clickbait_title", "engagement_bait"])
def test_models_are_package_data_trained_without_the_blind_splits(name, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("a model must load without the network")

    monkeypatch.setattr(socket, "socket", no_network)
    ngram.load_model.cache_clear()
    model = ngram.load_model(name)
    path = resources.files("prelint.data").joinpath("models", f"{name}.json")
    assert path.is_file() and len(path.read_bytes()) < 450_000
    header = model.header
    assert header["script"] == "bench/train_text_model.py"
    assert header["never_seen"] == ["test-1", "test-2", "every split named test-*"]
    assert not {"test-1", "test-2"} & set(header["training_splits"])
    assert {"fold-16", "fold-17", "fold-18", "fold-19", "fold-20"} <= set(header["training_splits"])
    assert not any(s.startswith("test-") for s in header["training_splits"])
    assert {"fold-01", "fold-05", "fold-10", "fold-11", "fold-15", "train-extra"} <= set(header["training_splits"])
    assert header["cases"]["positive"] >= 150 and header["cases"]["negative"] >= 300
    assert header["cross_validation"]["model_branch_of_gate"]["precision"] >= 0.95
    assert 1_000 < len(model.weights) < 30_000 and (model.min_n, model.max_n) == (1, 3)


def test_model_thresholds_are_the_gate_in_the_model_header_and_only_the_bait_model_is_on_by_default():
    rules = load_rules()
    clickbait = rules["RISK001"].default_options()
    gate = ngram.load_model("clickbait_title").header["gate"]
    assert (clickbait["model_threshold"], clickbait["model_assist_min_score"], clickbait["model_assist_threshold"]) == (
        gate["alone_log_odds"], gate["assist_min_lexicon"], gate["assist_log_odds"])
    assert rules["CTA002"].default_options()["model_threshold"] == ngram.load_model("engagement_bait").header["gate"]["alone_log_odds"]
    # the clickbait model alone flags emotional one-liners on real titles: opt-in only; the bait model reports
    # only where the same sentence holds a bait cue (a threshold, a gate, a prize, luck, a follow back)
    assert clickbait["model"] is False and rules["CTA002"].default_options()["model"] is True


@pytest.mark.parametrize("command", [
    "import prelint",
    "from prelint.cli import main\ntry:\n    main(['rules'])\nexcept SystemExit:\n    pass",
])
def test_import_and_rule_listing_do_not_load_the_models(command):
    probe = command + "\nimport sys\nprint('LOADED' if 'prelint.text.ngram' in sys.modules else 'NOT LOADED')"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "NOT LOADED"


def test_normalise_and_ngrams_read_digits_case_and_the_ends():
    assert ngram.normalise("ＡＢ 12") == "^ab 00$"
    assert list(ngram.ngrams("ab", 1, 2)) == ["a", "b", "^a", "ab", "b$"]
    assert ngram.locate("Watch 99 TIMES", "00 t") == (6, 10)
    assert ngram.locate("震惊！后来", "^震") == (0, 1)


def test_clickbait_evidence_shows_the_model_score_and_its_drivers():
    title = "万万没想到，她打开门的那一刻哭了"
    result = _clickbait(title, CLICKBAIT_MODEL_ON)
    (finding,) = result.findings
    model = finding.evidence["model"]
    assert finding.evidence["decided_by"] == "lexicon"  # 万万没想到 alone reaches min-score
    assert model["log_odds"] == result.metrics["model_log_odds"] > 0.5
    assert 0.5 < model["probability"] < 1 and model["threshold"] == ngram.load_model("clickbait_title").header["gate"]["alone_log_odds"]
    assert model["drivers"] and all(len(gram) >= 2 and share > 0 for gram, share in model["drivers"])
    assert model["positive_total"] >= sum(share for _, share in model["drivers"])
    assert "clickbait_title" in model["trained_on"]
    assert "model" not in _clickbait(title).findings[0].evidence  # off by default: the lexicon alone decides


UNSEEN_CLICKBAIT = [  # written for this test; none is in the training data: withholding, reaction, fear, insider hype
    "她拆开快递的那一刻，整个人都傻眼了",
    "他在路边捡到一个钱包，接下来的事让人想不到",
    "整个小区都在传，物业终于坐不住了",
    "This is the reason nobody tells you",
    "只有极少数人知道，这种菜千万别隔夜吃",
]


@pytest.mark.parametrize("title", UNSEEN_CLICKBAIT)
def test_clickbait_in_unseen_wording_fires(title):
    result = _clickbait(title)
    assert result.status.value == "warn", (title, result.metrics)
    assert result.findings[0].evidence["signals"]
    with_model = _clickbait(title, CLICKBAIT_MODEL_ON)
    assert with_model.findings[0].evidence["model"]["log_odds"] >= 0


def test_with_the_model_switched_on_a_title_the_lexicon_misses_is_flagged_with_a_span():
    title = "他把三年的工资都存在了一个地方，家人知道后"
    assert _clickbait(title).status.value == "pass"  # no withholding word the lexicon knows
    result = _clickbait(title, {"options": {"clickbait-title": {"model": True, "model-threshold": -5.0}}})
    (finding,) = result.findings
    assert result.metrics["score"] < 2.0 and finding.evidence["decided_by"] == "model"
    assert "model log-odds" in finding.message and "「" not in finding.message.split(";")[0]
    assert finding.start is not None and 0 <= finding.start < finding.end <= len(title)
    off = _clickbait(title, MODEL_OFF)
    assert off.status.value == "pass" and "model_log_odds" not in off.metrics


@pytest.mark.parametrize("title", [
    "原来的配方", "第一次做蛋糕", "最近很火的减脂餐", "关注民生", "这家店的点赞数很夸张",
    "原来的配方做出来的豆腐更嫩", "第一次做蛋糕就成功的三个要点", "最近很火的减脂餐，一周食谱和热量",
])
def test_plain_titles_with_trigger_words_pass_both_rules(title):
    report = prelint.lint(title=title, select=["RISK001", "CTA002"])
    assert report.verdict == "pass", (title, [f.message for f in report.findings])


@pytest.mark.parametrize("caption", ["关注民生，关注社区食堂的菜价", "这家店的点赞数很夸张，实际去吃了一次",
                                     "觉得有用就点赞收藏，评论区告诉我你的做法", "关注我，每周更新一道家常菜"])
def test_plain_captions_with_engagement_words_pass(caption):
    result = _bait(caption)
    assert not result.findings, (caption, result.metrics)
    assert result.metrics["model_log_odds_caption"] < 0.0


def test_the_model_defers_to_a_lexicon_exception():
    caption = "点赞关注，教你免费领取社保补贴"  # the lexicon's exception: a how-to, not a reward
    result = _bait(caption)
    assert result.metrics["model_log_odds_caption"] > 0.0 and not result.findings


def test_bait_the_lexicon_misses_is_a_model_warning_on_the_engagement_clause():
    caption = "评论区留下你的生日，生日那天送你一份小礼物"  # written for this test, not in the training data
    result = _bait(caption)
    assert result.status.value == "warn", result.metrics
    (finding,) = result.findings
    assert finding.level.value == "warn" and finding.evidence["category"] == "model"
    assert finding.evidence["decided_by"] == "model" and finding.evidence["model"]["log_odds"] >= finding.evidence["model"]["threshold"] == 0.5
    assert caption[finding.start:finding.end] == finding.evidence["text"] == "评论区留下你的生日"
    assert "trained model" in finding.message and finding.evidence["cue"] == "送" and "「送」" in finding.message
    assert not _bait(caption, MODEL_OFF).findings


def test_the_bait_model_never_reports_a_plain_invitation_without_a_bait_cue():
    caption = "评论区留下你的生日，下个月会有惊喜"  # the model leans bait, but nothing is traded for the comment
    result = _bait(caption)
    assert result.metrics["model_log_odds_caption"] >= 0.5 and not result.findings
    assert "no condition, gate, reward, luck or exchange" in result.metrics["model_guarded"]


def test_lexicon_bait_findings_also_carry_the_model_score():
    (finding,) = _bait("点赞过万更新下一期").findings
    assert finding.level.value == "error" and finding.evidence["decided_by"] == "lexicon"
    assert isinstance(finding.evidence["model"]["log_odds"], float) and finding.evidence["model"]["drivers"]


def test_model_file_format_is_checked():
    with pytest.raises(ValueError, match="unknown format"):
        ngram.model_from_json("x", {"format": "other"})
    data = json.loads(resources.files("prelint.data").joinpath("models", "clickbait_title.json").read_text("utf-8"))
    assert data["format"] == ngram.FORMAT and data["scaling"] == "sqrt"


@pytest.mark.parametrize("code", ["RISK001", "CTA002"])
def test_docs_say_a_trained_model_decides_and_how_to_turn_it_off(code):
    docs = load_rules()[code].documentation()
    assert "trained model" in docs.lower() and "model = " in docs
    assert "model-threshold" in docs


def test_the_training_script_treats_every_test_split_as_blind():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "bench" / "train_text_model.py"
    spec = importlib.util.spec_from_file_location("prelint_bench_train_text_model", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    assert [module.is_blind(s) for s in ("fold-11", "fold-15", "fold-16", "fold-18", "fold-19", "fold-20", "fold-20b", "test-1", "test-2", "test-1b", "test-4", "fold-01", "train-extra")] == [
        False, False, False, False, False, False, False, True, True, True, True, False, False]
    assert {"fold-11", "fold-12", "fold-13", "fold-14", "fold-15", "fold-16", "fold-17", "fold-18", "fold-19", "fold-20"} <= set(module.FOLDS)
    assert not any(module.is_blind(fold) for fold in module.FOLDS)


def test_sentences_split_at_sentence_ends_but_not_at_commas():
    text = "想知道在哪？先关注，明天公布！ Next one.  ok\n第二行…完"
    assert [text[a:b] for a, b in ngram.sentence_spans(text)] == ["想知道在哪", "先关注，明天公布", "Next one.", "ok", "第二行", "完"]
    assert ngram.mask_book_titles("重温《万万没想到》和《惊天魔盗团》") == "重温《》和《》"


def test_one_bait_sentence_in_a_long_caption_is_not_diluted():
    # written for this test, not in the training data: the bait (no lexicon match) is one sentence of six
    caption = ("周末去了城郊的一个湖边露营，营地有热水和电，一晚八十。晚上能看到很多星星，孩子特别喜欢。"
               "烧烤架是营地租的，木炭要自己带。早上起来湖面有雾，拍照特别好看。回程走的是山路，注意晕车。"
               "营地在哪，给这条点满两千个赞我就说。")
    whole = ngram.load_model("engagement_bait").score(caption).log_odds
    sentence = ngram.load_model("engagement_bait").score("营地在哪，给这条点满两千个赞我就说").log_odds
    assert sentence > whole + 1.5  # the description around it pulls the whole caption's score down
    bar = {"options": {"engagement-bait": {"model-threshold": round((whole + sentence) / 2, 1)}}}  # between the two
    result = _bait(caption, bar)
    (finding,) = result.findings
    assert result.metrics["model_log_odds_caption"] == round(sentence, 2)
    assert finding.evidence["decided_by"] == "model" and finding.evidence["text"] == "给这条点满两千个赞我就说"
    assert caption[finding.start:finding.end] == "给这条点满两千个赞我就说"


@pytest.mark.parametrize("caption", [
    "周末去了城郊的一个湖边露营，营地有热水和电，一晚八十。晚上能看到很多星星，孩子特别喜欢。营地名字在视频开头，觉得有用就收藏。",
    "下期讲怎么挑露营灯，关注不迷路",
    "想看露营装备清单的评论区扣1，我看看有多少人需要",
])
def test_plain_invitations_in_the_same_shapes_pass(caption):
    result = _bait(caption)
    assert not result.findings, (caption, result.metrics)


@pytest.mark.parametrize("title", ["《万万没想到》导演新片定档，主创聊拍摄", "《惊天魔盗团》三个魔术的原理"])
def test_words_inside_title_marks_are_a_name_not_clickbait(title):
    result = _clickbait(title)
    assert result.status.value == "pass", (title, result.metrics)
    assert result.metrics["score"] == 0


def test_shock_words_outside_title_marks_still_count():
    result = _clickbait("震惊！《某某剧》的结局竟然是这样")
    assert result.status.value == "warn" and result.metrics["score"] >= 2


@pytest.mark.parametrize("title", ["丧尸特效妆怎么画才足够吓人？三个步骤", "cos女鬼要多吓人，分享上妆过程"])
def test_scary_as_the_goal_of_a_makeup_look_is_not_shock(title):
    result = _clickbait(title)
    assert result.status.value == "pass", (title, result.metrics)


def test_english_engagement_words_count_only_as_words():
    from prelint.text.ngram import load_model

    model = load_model("engagement_bait")
    assert not model.holds_required("Following the river upstream to find the old mill")
    assert not model.holds_required("likely rain at the vintage stage")
    assert model.holds_required("I only send those to people who follow the page")
    assert model.holds_required("followers only")
    assert model.holds_required("关注后私信我")
