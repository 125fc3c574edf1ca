"""Precision and recall of loop detection on labelled real mail.

    python bench/detection_accuracy.py [--enron DIR] [--show-errors] [--split dev|heldout|dev3|...|dev10|handwritten|personal2|...|personal11|all|test|blind|test5|blind5|test3|blind3]

Reads data/labels/enron-dev.tsv and enron-heldout.tsv (message paths and
labels, no message text; both are development sets now, "heldout" was tuned
on too, see data/labels/README.md), finds the messages in an unpacked Enron inbox tree
(``--enron``, $CLOSELOOP_ENRON_DIR, or /tmp/enron; unpacked there from
../shared/data/mail/enron-inbox-dev.tar.xz when missing), runs detection as
``closeloop scan`` does (each mailbox folder's owner inferred, so an ask or a
thank-you to others with the owner only in Cc does not count) and prints
precision/recall per kind for each split; then the same for the
hand-written personal mail in data/labels/personal-handwritten.txt (run as the
importer runs it: the owner inferred from the set's messages, ``bulk_reason``
with the owner's address, then ``detect(bulk_checked=True, me=...)``); then the ask rule alone on the Parakweet
sentences (../shared/data/intent/parakweet-train.tsv).

``--split dev3`` to ``dev10`` score enron-dev3.tsv to enron-dev10.tsv, earlier
blind test sets (dev7 was made as a development set), development sets since
their errors were looked at;
``personal2`` to ``personal11`` score personal-dev2.txt to personal-dev11.txt,
some likewise once blind.

``--split test`` scores only data/labels/enron-test9.tsv, the blind test set:
it is never part of ``all``, prints no errors (``--show-errors`` is refused),
and is meant to be run to report figures, never to tune rules.
``--split blind`` does the same for data/labels/personal-blind9.txt, personal
mail written and labelled by someone who never saw the rules. ``test5``,
``blind5``, ``test3`` and ``blind3`` score older blind sets (enron-test5.tsv,
personal-blind5.txt, enron-test3.tsv, personal-blind3.txt),
likewise without errors: their errors were never looked at, but they have
been scored several times. Session 4's blind sets became development sets
in session 5 (``dev5`` = enron-dev5.tsv, ``personal4`` = personal-dev4.txt),
and session 5's last ones in session 6 (``dev6`` = enron-dev6.tsv, first
enron-test6.tsv; ``personal7`` = personal-dev7.txt, first personal-blind6.txt),
and session 6's (``dev8`` = enron-dev8.tsv, first enron-test7.tsv; ``personal9`` =
personal-dev9.txt, first personal-blind7.txt) in session 7, and session 7's
Enron test set (``dev10`` = enron-dev10.tsv, first enron-test8.tsv) and blind
personal set (``personal11`` = personal-dev11.txt, first personal-blind8.txt) in session 8.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from closeloop.core.detection import KINDS, bulk_reason, detect, is_ask  # noqa: E402
from closeloop.core.mailbox import infer_owner, owner_aliases  # noqa: E402
from closeloop.core.message import Message  # noqa: E402
from closeloop.sources.mail import parse_message  # noqa: E402
from closeloop.sources.mail.scan import scan  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
LABELS = ROOT / "data" / "labels"


def enron_dir(given: str | None) -> Path:
    path = Path(given or os.environ.get("CLOSELOOP_ENRON_DIR", "/tmp/enron"))
    if not (path / "allen-p").is_dir():
        archive = DATA / "mail" / "enron-inbox-dev.tar.xz"
        path.mkdir(parents=True, exist_ok=True)
        subprocess.run(["tar", "-xJf", str(archive), "-C", str(path)], check=True)
    return path


def score(pairs: list[tuple[bool, bool]]) -> str:
    tp = sum(1 for gold, got in pairs if gold and got)
    fp = sum(1 for gold, got in pairs if got and not gold)
    fn = sum(1 for gold, got in pairs if gold and not got)
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    return f"P={p:5.2f} R={r:5.2f}  (tp={tp} fp={fp} fn={fn}, positives={tp + fn})"


def evaluate(split: str, root: Path, show: bool) -> None:
    rows = list(csv.DictReader((LABELS / f"enron-{split}.tsv").open(encoding="utf-8"), delimiter="\t"))
    found = {}
    # As `closeloop scan` runs: each mailbox's owner inferred from its messages.
    for record in scan([root / r["path"] for r in rows]):
        rel = str(Path(record["source"]).relative_to(root))
        found[rel] = {f["kind"]: f["evidence"] for f in record.get("findings", ())}
    print(f"\n{split}: {len(rows)} messages")
    for kind in KINDS:
        pairs = [(r[kind] == "1", kind in found.get(r["path"], {})) for r in rows]
        print(f"  {kind:8s} {score(pairs)}")
        if show:
            for r, (gold, got) in zip(rows, pairs):
                if gold != got:
                    what = "FP" if got else "FN"
                    print(f"      {what} {r['path']}: {found.get(r['path'], {}).get(kind, r['note'])[:110]}")


HANDWRITTEN_ME = frozenset({"alex@example.org"})


def handwritten_rows(name: str = "personal-handwritten.txt") -> list[tuple[dict[str, str], bytes]]:
    """(labels, raw message) for each message of a hand-written set."""
    rows: list[tuple[dict[str, str], bytes]] = []
    labels: dict[str, str] | None = None
    lines: list[str] = []
    for line in (LABELS / name).read_text(encoding="utf-8").splitlines():
        if line.startswith("#### "):
            if labels is not None:
                rows.append((labels, "\n".join(lines).encode()))
            head, _, note = line[5:].partition(" | ")
            ident, *pairs = head.split()
            labels = {"path": ident, "note": note, **dict(p.split("=") for p in pairs)}
            lines = []
        elif labels is not None:
            lines.append(line)
    if labels is not None:
        rows.append((labels, "\n".join(lines).encode()))
    return rows


def evaluate_handwritten(show: bool, name: str = "personal-handwritten.txt", title: str = "handwritten") -> None:
    rows = handwritten_rows(name)
    messages = {}
    for labels, raw in rows:
        message = parse_message(raw, labels["path"])
        assert isinstance(message, Message), labels["path"]
        messages[labels["path"]] = message
    # As `closeloop import mail` runs: the mailbox owner inferred from the messages, with
    # the other addresses of the owner's they show (``owner_aliases``), whose asks and thanks count.
    owner = infer_owner(messages.values())
    me = owner_aliases(owner, messages.values()) if owner else HANDWRITTEN_ME
    found = {}
    for path, message in messages.items():
        bulk = bulk_reason(message, me)
        found[path] = {} if bulk else {f.kind: f.evidence for f in detect(message, bulk_checked=True, me=me)}
    print(f"\n{title}: {len(rows)} messages")
    for kind in KINDS:
        pairs = [(labels[kind] == "1", kind in found[labels["path"]]) for labels, _ in rows]
        print(f"  {kind:8s} {score(pairs)}")
        if show:
            for (labels, _), (gold, got) in zip(rows, pairs):
                if gold != got:
                    what = "FP" if got else "FN"
                    print(f"      {what} {labels['path']}: {found[labels['path']].get(kind, labels['note'])[:110]}")


def parakweet(show: bool) -> None:
    path = DATA / "intent" / "parakweet-train.tsv"
    if not path.exists():
        print("\nparakweet: not found at", path)
        return
    rows = [r for r in csv.reader(path.open(encoding="utf-8"), delimiter="\t") if len(r) == 2]
    pairs = [(label == "Yes", is_ask(sentence)) for label, sentence in rows]
    print(f"\nparakweet-train (sentence level, ask rule alone): {len(rows)} sentences")
    print(f"  ask      {score(pairs)}")
    if show:
        for (label, sentence), (gold, got) in list(zip(rows, pairs)):
            if gold != got:
                print(f"      {'FP' if got else 'FN'} {sentence[:110]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enron")
    parser.add_argument("--show-errors", action="store_true")
    blind = {"test": "test9", "test5": "test5", "test3": "test3", "blind": "personal-blind9.txt",
             "blind5": "personal-blind5.txt", "blind3": "personal-blind3.txt"}
    parser.add_argument("--split", choices=["dev", "heldout", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "handwritten",
                                            "personal2", "personal3", "personal4", "personal5", "personal6",
                                            "personal7", "personal8", "personal9", "personal10", "personal11",
                                            "all", *blind], default="all")
    args = parser.parse_args()
    if args.split in blind:
        if args.show_errors:
            parser.error("a blind set's errors are not shown: it must not be used to tune rules")
        name = blind[args.split]
        if name.endswith(".txt"):
            evaluate_handwritten(False, name, name.removesuffix(".txt"))
        else:
            evaluate(name, enron_dir(args.enron), False)
        return
    splits = ["dev", "heldout", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "handwritten", "personal2", "personal3",
              "personal4", "personal5", "personal6", "personal7", "personal8", "personal9", "personal10", "personal11"] \
        if args.split == "all" else [args.split]
    for split in splits:
        if split == "handwritten":
            evaluate_handwritten(args.show_errors)
        elif split == "personal2":
            evaluate_handwritten(args.show_errors, "personal-dev2.txt", "personal2")
        elif split == "personal3":
            evaluate_handwritten(args.show_errors, "personal-dev3.txt", "personal3")
        elif split.startswith("personal"):
            evaluate_handwritten(args.show_errors, f"personal-dev{split.removeprefix('personal')}.txt", split)
        else:
            evaluate(split, enron_dir(args.enron), args.show_errors)
    parakweet(args.show_errors and args.split in ("dev", "all"))


if __name__ == "__main__":
    main()
