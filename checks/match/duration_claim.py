"""MATCH001 duration-claim."""

from __future__ import annotations

import prelint
from prelint.checks.match import _common
from prelint.checks.match.claims import judge_duration
from prelint.rules import Option


@prelint.check(
    code="MATCH001",
    name="duration-claim",
    level="warn",
    options=[
        Option("length-tolerance", 0.25, "How much longer than a 'N分钟看懂/学会' promise the video may run before it is flagged", "share"),
        Option("task-tolerance", 0.5, "How much more time than a 'N分钟搞定/出锅' promise the content may describe (炖1小时, 腌制过夜)", "share"),
    ],
    needs=("video", "content"),
)
def duration_claim(ctx):
    """What it checks: a time promise in the title that the draft contradicts. Promises are
    "3分钟学会", "1分钟看懂", "10分钟搞定", "3分钟化完全妆", "1小时逛完迪士尼", "7天练出腹肌", "只需半小时",
    "learn X in five minutes", "abs in 7 days", "一下午学会", "in one afternoon". A learn/understand promise
    is compared with the video's length; a task promise, and a learn promise of an hour or more
    (一天学会游泳: the viewer's practice, not the video), with the times the content itself
    describes: process times (炖1小时, 发酵2小时, 冷藏一晚, "in the fridge overnight"), what the content says things took
    (底妆就花了十五分钟, 光排队就排了一个半小时, 我练了大半年, 卡了我一个多月, 到现在快一年了才敢, "it took me two hours")
    and the span between the points in time that
    open and close it: clock times (早上八点半进去 … 出来已经下午三点多, 八点开始 … 到下午两点还在刷, "got in at 10am …
    until 3pm", "started at 9am … still sanding at 4 in the afternoon"), days of the week (周五晚上开始 … 到周日下午才拼完,
    "opened the box on Friday night … the last brick on Sunday afternoon")
    and months (去年五月开始学 … 到八月底才会, a month without a year taking the last year named).
    A part that alone takes longer than the whole promise fires at once; otherwise the content's time
    must exceed the promise by `task-tolerance`. A learn promise under an hour ("5分钟学会", "learn X in
    5 minutes") is also contradicted by the creator's own practice of a day or more (我自己练了一个学期,
    "I've been practicing every night for two months"), unless the content offers it as what the
    viewer is spared ("so you don't have to"); advice to practise is not the creator's time.
    Times are read as a grammar of number, unit and modifiers: Chinese numerals (两, 十五, 二十几,
    neighbouring digits as ranges: 三五分钟, 一两个小时), 半/多/来 (半个小时, 两个多小时, 十来分钟, 大半年),
    个把小时, 一个钟, 数小时, 一个学期, parts of a day or week (一下午, 一整天, 一个周末, "all day", "a weekend"),
    ranges (3-5分钟: the promise is judged by its upper end, the content by its lower end), English
    words and short units ("an hour and a half", "an hour or two", "a couple hours", "for hours",
    "1.5h", "20min搞定"). Clock times in either language: 早上八点半, 8:30, 9am, "9 in the morning",
    "half past six in the evening", "ten o'clock". A routine's amount (每天30分钟, "ten minutes every
    morning") is not what the task took, but how long the routine went on (每天练，坚持了两个月) is; a
    career or a shop's age (做了八年面点师, 十年幼儿园老师, 面馆开了二十年, "a chef for twelve years", "years of
    experience") and times later (三天后) are not the task's; clock times or dates with nothing that
    opens or closes the task (七点起床 … 七点半出门) make no span. When the content states the same time
    ("10分钟出锅" in a caption), the claim stands.

    Why it matters: Douyin's user agreement (§4.3) forbids titles "与内容严重不符"; a viewer promised
    ten minutes who hears "炖两个小时" swipes away and does not like or follow.

    How to fix: promise the real time ("2小时炖出软烂红烧肉"), say which part is fast ("10分钟备菜"), or
    cut the video to the promised length.

    Options: `length-tolerance` and `task-tolerance` are shares: 0.25 means 25% over the promise.
    """
    title = _common.title_or_skip(ctx)
    content = _common.content_or_skip(ctx)
    duration_s = _common.video_length_s(ctx)
    if duration_s is not None:
        ctx.metric("video_s", round(duration_s, 2))
    for mismatch in judge_duration(title, duration_s, _common.judged_text(ctx, content)[0], length_tolerance=ctx.options.length_tolerance,
                                   task_tolerance=ctx.options.task_tolerance):
        start_s, end_s = _common.where_in_content(content, mismatch.evidence.get("described", []))
        yield _common.finding(ctx, mismatch, start_s, end_s)
