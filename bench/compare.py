"""Time an import with two versions of closeloop, back to back, on the same machine.

On a shared machine a figure measured an hour earlier says little: the same
code can run 40% slower later. This checks out ``--old`` (a git revision) in
a temporary worktree and runs the same `closeloop import` with it and with
this checkout, alternating, each into a new database, and prints wall time,
CPU seconds (all processes) and rate for each run.

    python bench/compare.py --old b1c81d7 mail                 # Enron dev corpus (/tmp/enron)
    python bench/compare.py --old b1c81d7 vcard /tmp/clbench/contacts.vcf
    python bench/compare.py --old b1c81d7 csv /tmp/clbench/Connections.csv --rounds 3

The mail corpus is unpacked by bench/import_mail.py; the contact files are
made by bench/import_contacts.py --dir /tmp/clbench.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(tree: Path, kind: str, path: str, data_dir: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "CLOSELOOP_DATABASE_URL"}
    env.update(CLOSELOOP_DATA_DIR=data_dir, PYTHONPATH=str(tree))
    env.pop("CLOSELOOP_NOW", None)
    command = ["/usr/bin/time", "-f", "%e %U %S", sys.executable, "-c",
               "from closeloop.cli import main; main()", "import", kind, path, "--json"]
    # cwd: `python -c` puts the working folder first on sys.path
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=tree)
    if done.returncode not in (0, 10):
        sys.exit(f"import failed in {tree} ({done.returncode}): {done.stderr[-2000:]}")
    wall, user, system = done.stderr.strip().splitlines()[-1].split()
    summary = json.loads(done.stdout)
    items = summary.get("read") or (summary["added"] + summary["updated"] + summary["unchanged"]
                                    + summary["skipped"])
    return {"seconds": float(wall), "cpu_seconds": round(float(user) + float(system), 1),
            "items": items, "per_second": round(items / float(wall))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", required=True, help="git revision to compare with")
    parser.add_argument("kind", choices=("mail", "vcard", "csv"))
    parser.add_argument("path", nargs="?", default="/tmp/enron")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        old = Path(scratch) / "old"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(old), args.old],
                       check=True, capture_output=True)
        try:
            for _ in range(args.rounds):
                for label, tree in ((f"old {args.old}", old), ("this checkout", ROOT)):
                    with tempfile.TemporaryDirectory() as data:
                        r = timed(tree, args.kind, args.path, data)
                    print(f"{label:20} {r['items']:,} in {r['seconds']:.1f} s = "
                          f"{r['per_second']:,}/s, CPU {r['cpu_seconds']} s", flush=True)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)],
                           capture_output=True)


if __name__ == "__main__":
    main()
