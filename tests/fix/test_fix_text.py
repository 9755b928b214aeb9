"""The safe text fixes and the in-place edit of a metadata file (no video involved)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from prelint.errors import ConfigError
from prelint.fix import TextValues, edit_metadata, plan_text_fixes, read_values

PATH = Path("clip.prelint.toml")


def _fix(title=None, caption=None, hashtags=None, limit=None, title_limit=None):
    plan = plan_text_fixes(TextValues(title, caption, hashtags), limit, title_limit)
    return plan.after, [str(f) for f in plan.fixes], plan.not_fixed


def test_surrounding_whitespace_and_stacked_marks():
    after, fixes, _ = _fix(title="\u3000 震惊！！！真的吗？？？ ", caption="Wow!!! really?? ok!？")
    assert after.title == "震惊！真的吗？"
    assert after.caption == "Wow! really? ok!？"  # a mixed !？ pair is not a stack of one mark
    assert "title: surrounding whitespace removed" in fixes
    assert "title: stacked punctuation 「！！！」 → 「！」, 「？？？」 → 「？」" in fixes


def test_mixed_width_stacks_keep_the_first_mark():
    after, _, _ = _fix(title="好吃!！!")
    assert after.title == "好吃!"


def test_nothing_to_fix_is_no_fix():
    after, fixes, not_fixed = _fix(title="3个技巧让蛋糕不塌", caption="新手也能学会 #烘焙", hashtags=["蛋糕"], limit=None)
    assert fixes == [] and not_fixed == ()
    assert (after.title, after.caption, after.hashtags) == ("3个技巧让蛋糕不塌", "新手也能学会 #烘焙", ["蛋糕"])


def test_a_long_title_loses_no_word():
    title = "这是一个非常非常长的标题" * 5
    after, fixes, _ = _fix(title=title)
    assert after.title == title and fixes == []  # not over any limit: untouched
    after, fixes, not_fixed = _fix(title=title, title_limit=30)
    assert after.title == title and fixes == []  # over it, with nothing safe to take out: only suggested
    assert not_fixed == ("title: 30 characters over the limit of 30; cut words yourself (the promise first)",)


def test_an_over_long_title_loses_space_runs_and_hashtags_the_caption_also_has():
    after, fixes, not_fixed = _fix(title="夏天的第一道凉菜   超级简单 #凉菜 #家常菜 #夏日", caption="做法在视频里 #家常菜 #凉菜",
                                   title_limit=18)
    assert after.title == "夏天的第一道凉菜 超级简单 #夏日"  # #夏日 is the title's own: it stays
    assert "title: runs of spaces made one" in fixes
    assert "title: hashtags the caption or list also has left the title: #凉菜, #家常菜" in fixes
    assert after.caption == "做法在视频里 #家常菜 #凉菜" and not_fixed == ()
    # only as many leave as the length needs, from the end
    after, _, _ = _fix(title="夏天的第一道凉菜超级简单 #凉菜 #家常菜", caption="#家常菜 #凉菜", title_limit=18)
    assert after.title == "夏天的第一道凉菜超级简单 #凉菜"


def test_duplicate_hashtags_keep_the_first_in_reading_order():
    after, fixes, _ = _fix(title="蛋糕 #Baking", caption="学会了 #baking #烘焙 #烘焙# 好吃", hashtags=["#烘焙", "家常", "家常"])
    assert after.title == "蛋糕 #Baking"  # the first one stays, whatever its case
    assert after.caption == "学会了 #烘焙 好吃"  # the closing # of #烘焙# goes with it
    assert after.hashtags == ["家常"]
    assert "caption: duplicate hashtag: #baking #烘焙" in fixes
    assert "hashtags: duplicate hashtag: #烘焙 #家常" in fixes


def test_hashtags_over_the_limit_are_dropped_from_the_end_but_never_from_the_title():
    after, fixes, not_fixed = _fix(title="标题 #t1", caption="正文 #c1 #c2 #c3", hashtags=["l1", "l2"], limit=3)
    assert after.hashtags == []  # six tags, three allowed: l2, l1, then the caption's last one go
    assert after.caption == "正文 #c1 #c2"
    assert after.title == "标题 #t1"
    assert not_fixed == ()
    after, _, not_fixed = _fix(title="#a #b #c #d", caption="正文 #e", limit=2)
    assert after.title == "#a #b #c #d" and after.caption == "正文"
    assert not_fixed and "title's hashtags are not removed" in not_fixed[0]


def _edit(text: str, limit=None) -> str:
    values = read_values(PATH, text)
    plan = plan_text_fixes(values, limit)
    return edit_metadata(PATH, text, plan).new_text


def test_the_edit_keeps_comments_order_quoting_and_other_keys():
    text = (
        "# 草稿\n"
        "platform = 'douyin'   # where it goes\n"
        "title = '好吃！！'  # literal string\n"
        "caption = \"\"\"第一行？？\n"
        "第二行 #a #a\"\"\"\n"
        "hashtags = [\n"
        "    \"b\",  # keep\n"
        "    'b',\n"
        "]\n"
        "ignore = [{ rule = \"long-ending\", reason = \"brand outro\" }]\n"
    )
    new = _edit(text)
    assert new == (
        "# 草稿\n"
        "platform = 'douyin'   # where it goes\n"
        "title = '好吃！'  # literal string\n"
        "caption = \"\"\"第一行？\n"
        "第二行 #a\"\"\"\n"
        "hashtags = [\n"
        "    \"b\",\n"
        "]\n"
        "ignore = [{ rule = \"long-ending\", reason = \"brand outro\" }]\n"
    )
    data = tomllib.loads(new)
    assert data["ignore"] == [{"rule": "long-ending", "reason": "brand outro"}]


def test_hashtags_written_as_a_string_stay_a_string():
    new = _edit('title = "t"\nhashtags = "#a #b #a"\n')
    assert new == 'title = "t"\nhashtags = "#a #b"\n'


def test_escapes_are_written_back_as_toml():
    new = _edit('title = "say \\"hi\\"！！\\t\\u0001"\n')
    assert tomllib.loads(new)["title"] == 'say "hi"！\t\u0001'


def test_a_key_that_cannot_be_found_is_an_error_not_a_guess():
    text = '"\\u0074itle" = "好吃！！"\n'  # a quoted key with an escape: valid TOML, not edited in place
    with pytest.raises(ConfigError, match="cannot edit key 'title' in place"):
        _edit(text)


def test_a_title_line_inside_a_string_is_not_taken_for_the_key():
    text = 'caption = """\ntitle = "fake"\n"""\ntitle = "真的！！"\n'
    new = _edit(text)
    assert tomllib.loads(new) == {"caption": 'title = "fake"', "title": "真的！"}  # the caption's trailing newline too


def test_a_file_full_of_quotes_is_edited_in_one_pass():
    import time

    caption = "a\"b'c " * 4000
    text = 'caption = """' + caption + '  """\ntitle = "x！！"\nhashtags = [' + ", ".join(['"#t"'] * 500) + "]\n"
    started = time.perf_counter()
    new = _edit(text)
    assert time.perf_counter() - started < 2.0
    data = tomllib.loads(new)
    assert data["title"] == "x！" and data["caption"] == caption.strip() and data["hashtags"] == ["#t"]
