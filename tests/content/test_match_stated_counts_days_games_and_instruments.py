"""MATCH rules on more of what creators write: the day a task was done at last (第三天才逛完, 第53天
终于冒芽, "This is week nine … today I finished"); a smaller count of the title's own thing said
outright (只去了两个古镇, 今天教大家一个动作, 就坚持了一件事, 先讲这两条 before 剩下的下期); one game,
instrument or small pet swapped for another; a title that names the process it leaves out. Each
beside a draft that keeps its promise."""

from __future__ import annotations

import pytest

from prelint.checks.match.claims import judge_draft


def warned(title: str, content: str, onscreen: str = "", duration_s: float | None = 60.0) -> set[str]:
    found = judge_draft(title, duration_s, content, onscreen)
    return {name for name, ms in found.items() if any(m.level == "warn" for m in ms)}


@pytest.mark.parametrize("title,content,onscreen", [
    ("一天逛完故宫精华路线", "故宫太大了，我们第一天只走完了中轴线，第三天才把西六宫逛完，腿都走断了。", ""),
    ("一周发芽！懒人种牛油果", "", "第1天 牛油果核泡水\n第25天 还是没动静\n第53天 终于裂开冒芽了！"),
    ("Couch to 5K in 2 weeks", "This is week nine. Nine weeks ago I couldn't run for a minute, and today I finished my first 5K.", ""),
    ("Learn to juggle in 10 minutes", "Honestly it took me about three weeks of practising every evening before I could keep three balls going.", ""),
    ("20分钟自己换机油，省下200块", "第一次自己换机油，光是找放油螺丝就找了半天，前前后后弄了两个多小时。", ""),
])
def test_the_day_it_was_done_at_last_and_more_efforts(title: str, content: str, onscreen: str) -> None:
    assert warned(title, content, onscreen) == {"duration-claim"}


@pytest.mark.parametrize("title,content", [
    ("一周发芽！懒人种牛油果", "泡水第二天换了一次水，第五天就裂开冒芽了，比想象中快。"),
    ("一小时做好红烧肉", "肉焯水以后炖四十分钟，第二天再热一下更入味。"),  # the next day, not the day it was done
    ("提前一晚腌好，早上15分钟出锅", "鸡腿肉用生抽、蚝油抓匀，放冰箱腌一晚上。早上起来两百度烤十五分钟就好。"),
])
def test_promises_kept_stay_quiet(title: str, content: str) -> None:
    assert "duration-claim" not in warned(title, content)


@pytest.mark.parametrize("title,content", [
    ("普通人理财的4个基本原则", "原则一，先存够半年的生活费。原则二，不碰看不懂的产品。今天时间有限就先讲这两条，剩下的下期再说。"),
    ("云南7个小众古镇，人少景美", "这次云南之行我只去了沙溪和诺邓两个古镇，剩下的时间都在大理躺平晒太阳。"),
    ("让孩子爱上阅读的3个小习惯", "我们家其实就坚持了一件事：每天睡前一起读二十分钟绘本，不管多晚都雷打不动。"),
    ("睡前5个动作，告别腰酸背痛", "今天教大家一个动作，猫牛式。跪在垫子上，吸气抬头塌腰，呼气低头拱背，重复十次。"),
])
def test_a_smaller_count_said_outright(title: str, content: str) -> None:
    assert warned(title, content) == {"count-claim"}


@pytest.mark.parametrize("title,content", [
    ("睡前5个动作，告别腰酸背痛", "第一个动作猫牛式，第二个婴儿式，第三个仰卧扭转，第四个抱膝，第五个靠墙抬腿。今天就这五个动作。"),
    ("云南7个小众古镇", "沙溪、诺邓、和顺、喜洲、团山、娜允、东莲花，这次只去了七个古镇里的全部，一个没落下。"),
])
def test_the_whole_count_stays_quiet(title: str, content: str) -> None:
    assert "count-claim" not in warned(title, content)


@pytest.mark.parametrize("title,content,promised", [
    ("仓鼠笼子布置教程🐹", "我家鹦鹉会说话啦！你听，它在叫妈妈，学了好久呢。", "hamster"),
    ("原神新角色抽卡建议", "今天给大家带来一把绝地求生的吃鸡集锦，最后这个决赛圈真的太刺激了，一打三。", "genshin-impact"),
    ("钢琴入门第一课🎹", "四根弦从上到下是G、C、E、A，左手按第二品，右手拇指往下扫。尤克里里入门就这么简单，尤克里里真的很好上手。", "piano"),
    ("新手鱼缸造景教程", "乌龟一天喂一次就够，龟粮放几颗，吃完再加。晒台一定要有。", "aquarium-fish"),
])
def test_one_game_instrument_or_pet_swapped_for_another(title: str, content: str, promised: str) -> None:
    [finding] = judge_draft(title, 60.0, content)["topic-mismatch"]
    assert finding.level == "warn" and finding.evidence["promised"] == promised


def test_the_same_game_named_otherwise_is_no_swap() -> None:
    assert "topic-mismatch" not in warned("原神新角色抽卡建议", "这期聊聊新角色值不值得抽，提瓦特大陆的新地图也顺便看看。原神玩家都懂。")


@pytest.mark.parametrize("title,content", [
    ("满汉全席在家复刻", "开饭咯，今日晚餐：番茄炒蛋，再加一碗米饭。"),
    ("家里养了只价值十万的猫", "其实是小区楼下捡的小橘猫，一分钱没花，带回来养了三个月已经胖成球了。"),
    ("开着百万豪车去兜风", "这是我爸那台开了十二年的老捷达，空调都不太制冷了，但是还能跑。"),
    ("World's most beautiful beach", "Our local lake beach, it's 12 degrees and we saw a goose."),
])
def test_prestige_over_the_contents_own_modest_facts(title: str, content: str) -> None:
    assert warned(title, content) == {"hype-gap"}
