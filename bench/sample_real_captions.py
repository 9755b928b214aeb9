"""How bench/data/real_captions_kept_apart_1.jsonl was sampled (the labels were then written by hand).

Sample 600 rows of KuaiRec dev captions (even video_ids), excluding ids already used
in the existing real_captions_* files. Seed 20261207.
350 uniform random + 250 keyword-enriched (5 groups x 50)."""
import csv, json, random, re
from pathlib import Path

SEED = 20261207
REPO = Path(__file__).resolve().parents[1]
SRC = REPO.parent / 'shared' / 'real' / 'kuairec_captions_dev.csv'  # the real captions beside the checkout
BENCH = str(REPO / 'bench' / 'data') + '/'
used = set()
for f in ['real_captions_random.jsonl', 'real_captions_enriched.jsonl', 'real_captions_tune_2.jsonl']:
    for line in open(BENCH + f, encoding='utf-8'):
        used.add(json.loads(line)['video_id'])  # only the id is read

rows = []
for r in csv.DictReader(open(SRC, encoding='utf-8')):
    vid = int(r['video_id'])
    if vid % 2 or vid in used:
        continue
    rows.append({'video_id': vid, 'title': r['title'] or '', 'caption': r['caption'] or '',
                 'category': (r['category'] or '').split(',')[0].strip()})
rows.sort(key=lambda r: r['video_id'])
rng = random.Random(SEED)

picked = rng.sample(rows, 350)
for r in picked:
    r['sample'] = 'random'
taken = {r['video_id'] for r in picked}

GROUPS = [
    ('bait', r'过万|过千|下期|下集|保平安|好运|转运|互粉|互赞|互关|红包|福利|抽奖|不转|才告诉|不是中国人|求赞|求关注|求点赞|求双击|回关|涨粉|必有|就能'),
    ('clickbait', r'震惊|竟|居然|没想到|惊呆|吓|结局|真相|揭秘|后悔|看完|可怕|不敢相信|原来|赶紧|快看|速看|必看|千万|刚刚|突发|曝光|这一幕|谁能想到|怎么回事|到底|为什么|绝了|离谱|看呆|神操作|不可思议|紧急|重大|一定要|不看|瞬间'),
    ('contact', r'微信|vx|VX|Vx|wx|WX|V信|v信|威信|薇|加我|私信|电话|手机号|QQ|qq|主页|联系|咨询|\d{7,}|链接|扣扣'),
    ('absolute', r'最|第一|顶级|唯一|100%|百分百|全网|首选|极致|史上|独家|国家级|绝对|万能|顶尖|王牌|冠军|销量'),
    ('engagement', r'点赞|关注|评论|收藏|转发|双击|分享|一键三连|扣1|打call|小心心|支持一下'),
]
TARGET = 250
pools = {}
for name, pat in GROUPS:
    rx = re.compile(pat)
    pools[name] = [r for r in rows if rx.search(r['title'] + ' ' + r['caption'])]
quota = {name: 50 for name, _ in GROUPS}
chosen = {name: [] for name, _ in GROUPS}
# first pass: 50 per group (in the order above, without overlap); a shortfall is then filled
# from the groups that still have matching rows, one row at a time in group order
def draw(name, k):
    pool = [r for r in pools[name] if r['video_id'] not in taken]
    got = rng.sample(pool, min(k, len(pool)))
    for r in got:
        taken.add(r['video_id'])
    chosen[name].extend(got)
    return len(got)
for name, _ in GROUPS:
    draw(name, quota[name])
short = TARGET - sum(len(v) for v in chosen.values())
while short > 0:
    progress = False
    for name, _ in GROUPS[::-1]:
        if short and draw(name, 1):
            short -= 1
            progress = True
    if not progress:
        break
for name, _ in GROUPS:
    print(name, 'matching', len(pools[name]), 'picked', len(chosen[name]))
    for r in chosen[name]:
        r = dict(r)
        r['sample'] = name
        picked.append(r)

print('total', len(picked))
import sys
with open(sys.argv[1] if len(sys.argv) > 1 else 'sampled.json', 'w', encoding='utf-8') as f:  # rows to label
    json.dump(picked, f, ensure_ascii=False, indent=0)
