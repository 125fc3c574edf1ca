"""Parse rate and peak memory of the mail reader (and detection) on the Enron corpus.

    python bench/parse_mail.py [--enron DIR] [--no-detect] [--limit N]

Reads every file under the unpacked Enron inbox tree (``--enron``,
$CLOSELOOP_ENRON_DIR or /tmp/enron; unpacked from
../shared/data/mail/enron-inbox-dev.tar.xz when missing) with
``read_messages``, runs ``bulk_reason`` on each message and ``detect`` on the
personal ones (as an importer does) unless ``--no-detect``, and prints
messages/s by the wall clock and by CPU time (the machine is shared: CPU time
is the steadier figure) and peak RSS.
"""

from __future__ import annotations

import argparse
import itertools
import resource
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from closeloop.core.detection import bulk_reason, detect  # noqa: E402
from closeloop.core.message import Message  # noqa: E402
from closeloop.sources.mail import read_messages  # noqa: E402
from detection_accuracy import enron_dir  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enron")
    parser.add_argument("--no-detect", action="store_true")
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    root = enron_dir(args.enron)
    counts: Counter[str] = Counter()
    start = time.perf_counter()
    cpu = time.process_time()
    for item in itertools.islice(read_messages([root]), args.limit):
        if isinstance(item, Message):
            counts["messages"] += 1
            if not args.no_detect:
                if bulk_reason(item):
                    counts["bulk"] += 1
                    continue
                for finding in detect(item, bulk_checked=True):
                    counts[finding.kind] += 1
        else:
            counts["problems"] += 1
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu
    total = counts["messages"] + counts["problems"]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    what = "parse only" if args.no_detect else "parse + bulk + detect"
    print(
        f"{what}: {total} items in {elapsed:.1f}s = {total / elapsed:,.0f} msg/s"
        f" ({cpu:.1f}s CPU = {total / cpu:,.0f} msg/s), peak RSS {peak:.0f} MB"
    )
    print("  " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()
