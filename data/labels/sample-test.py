"""Choose 400 fresh Enron inbox messages for a blind test set.

    python data/labels/sample-test.py --seed 20261203 --exclude enron-dev.tsv enron-heldout.tsv enron-dev3.tsv
        (test set 2)
    python data/labels/sample-test.py --seed 20261204 --exclude enron-dev.tsv enron-heldout.tsv enron-dev3.tsv \
        enron-dev4.tsv   (test set 3)

``--enron`` is the unpacked tarball (default /tmp/enron). Writes pools.tsv,
part1.txt and part2.txt (the shuffled paths, in two halves for two
labellers) to the current directory. See README.md, "Test set 2" and "Test set 3".
"""
import csv
import random
import re
from collections import Counter
from pathlib import Path

import argparse

LABELS = Path(__file__).resolve().parent
parser = argparse.ArgumentParser()
parser.add_argument("--seed", type=int, required=True)
parser.add_argument("--exclude", nargs="+", required=True, help="label files (in data/labels) whose paths are left out")
parser.add_argument("--enron", default="/tmp/enron")
args = parser.parse_args()
ROOT = Path(args.enron)
used = set()
for name in args.exclude:
    used |= {r["path"] for r in csv.DictReader((LABELS / name).open(), delimiter="\t")}
paths = sorted(str(p.relative_to(ROOT)) for p in ROOT.glob("*/inbox/*") if p.is_file())
paths = [p for p in paths if p not in used]
print(len(paths), "candidates")
CUT = re.compile(r"^(>|-+ ?Original Message|-+ ?Forwarded by|\s*From:\s|\s*-----)", re.M | re.I)
def texts(p):
    raw = (ROOT / p).read_bytes().decode("latin-1")
    head, _, body = raw.partition("\n\n")
    subj = re.search(r"^Subject:(.*)$", head, re.M | re.I)
    subj = subj.group(1) if subj else ""
    m = CUT.search(body)
    own = body[: m.start()] if m else body
    return subj + "\n" + body, subj + "\n" + own
INTRO = re.compile(r"introduc|\bmeet\b|in touch with|contact (him|her)|call (him|her)|your name|r[eé]sum[eé]|referr|friend of mine|(right|best) person|(should|may want to|might want to) (talk|call|contact|speak)|forwarded your|cc'?(ed|d|ing)|copying|copied", re.I)
OUTCOME = re.compile(r"worked out|turned out|went well|thanks to you|got the (job|offer)|good news|second interview|your advice|paid off|did the trick|you helped", re.I)
THANKS = re.compile(r"thank|thx|appreciat|grateful|owe you|kudos", re.I)
ASK = re.compile(r"\?|please|(could|would|can) you|let me know|need|wondering", re.I)
rng = random.Random(args.seed)
chosen, pool_of = [], {}
def take(name, cands, n, cap):
    cands = [p for p in cands if p not in pool_of]
    rng.shuffle(cands); per = Counter(); got = 0
    for p in cands:
        if got == n: break
        owner = p.split("/")[0]
        if cap and per[owner] >= cap: continue
        per[owner] += 1; pool_of[p] = name; chosen.append(p); got += 1
    print(name, len(cands), "->", got)
take("random", list(paths), 100, None)
T = {p: texts(p) for p in paths}
take("intro", [p for p in paths if INTRO.search(T[p][1])], 100, 8)
take("outcome", [p for p in paths if OUTCOME.search(T[p][0])], 40, 8)
take("thanks", [p for p in paths if THANKS.search(T[p][1])], 80, 8)
take("ask", [p for p in paths if ASK.search(T[p][1])], 80, 8)
rng.shuffle(chosen)
Path("pools.tsv").write_text("".join(f"{p}\t{pool_of[p]}\n" for p in chosen))
Path("part1.txt").write_text("\n".join(chosen[:200]) + "\n")
Path("part2.txt").write_text("\n".join(chosen[200:]) + "\n")
