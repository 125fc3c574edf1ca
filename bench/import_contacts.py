"""How fast does `closeloop import` take in a big address book?

Generates (once, then reuses) 100,000 realistic contacts with
``bench/gen_contacts.py`` as one vCard file and as LinkedIn's
Connections.csv, then for each times the whole `closeloop import vcard|csv`
process with ``/usr/bin/time`` (wall seconds, peak RSS, and CPU seconds of the
process and its workers, the steadier figure on a shared machine) into a new
SQLite database, start-up included, and a second run of the same file into
the same database (which should find everything unchanged).

    python bench/import_contacts.py                  # 100,000 contacts in a temp folder
    python bench/import_contacts.py --n 20000 --dir /tmp/contacts --json

Then, with ``--photos N`` (default 5,000; 0 skips it), the same for an address
book of N cards that each carry a 20 KB photo, as phones export them: memory
must stay flat there too (a batch ends at 16 MB of photos, not only at 20,000
cards).

Goal (issue 3): at least 10,000 contacts per second end to end, peak memory
under 200 MB. The generated CSV has about 1% of LinkedIn's restricted rows
(no name at all), which are skipped and reported: its import exits 10.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FILES = (("vcard", "contacts.vcf"), ("csv", "Connections.csv"))
TIME = "/usr/bin/time"


def generate(n: int, folder: Path) -> None:
    marker = folder / f".generated-{n}"
    if marker.exists() and all((folder / name).exists() for _, name in FILES):
        return
    subprocess.run([sys.executable, str(ROOT / "bench" / "gen_contacts.py"), "--n", str(n),
                    "--out", str(folder)], check=True)
    marker.touch()


def generate_photos(n: int, folder: Path) -> Path:
    """``n`` vCards with a 20 KB photo each (seeded random bytes behind a JPEG header)."""
    import base64
    import random
    path = folder / f"photos-{n}.vcf"
    if path.exists():
        return path
    rng = random.Random(20261202)
    with open(path, "w", encoding="utf-8", newline="") as out:
        for i in range(n):
            data = base64.b64encode(b"\xff\xd8\xff\xe0" + rng.randbytes(20_000)).decode()
            folded = "\r\n ".join(data[j:j + 74] for j in range(0, len(data), 74))
            out.write(f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:photo-{i}\r\nFN:Photo Person {i}\r\n"
                      f"N:Person {i};Photo;;;\r\nEMAIL:photo{i}@example.org\r\n"
                      f"PHOTO;ENCODING=b;TYPE=JPEG:{folded}\r\nEND:VCARD\r\n")
    return path


def timed_import(kind: str, path: Path, data_dir: Path) -> dict:
    """One `closeloop import` process: its summary, wall time and peak RSS."""
    env = {k: v for k, v in os.environ.items() if k != "CLOSELOOP_DATABASE_URL"}
    env.update(CLOSELOOP_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT))
    command = [TIME, "-f", "%e %M %U %S", sys.executable, "-c", "from closeloop.cli import main; main()",
               "import", kind, str(path), "--json"]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode not in (0, 10):
        sys.exit(f"closeloop import {kind} failed ({done.returncode}):\n{done.stderr}")
    wall, peak_kb, user, system = done.stderr.strip().splitlines()[-1].split()
    summary = json.loads(done.stdout)
    return {"seconds": float(wall), "peak_mb": round(int(peak_kb) / 1024, 1),
            "cpu_seconds": round(float(user) + float(system), 2),
            "added": summary["added"], "updated": summary["updated"],
            "unchanged": summary["unchanged"], "skipped": summary["skipped"],
            "exit": done.returncode}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="how many contacts (default 100,000)")
    parser.add_argument("--dir", type=Path, help="where to keep the generated files (default: a temp folder)")
    parser.add_argument("--photos", type=int, default=5000,
                        help="also import this many cards with a 20 KB photo each (default 5,000; 0: skip)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if not Path(TIME).exists():
        sys.exit(f"{TIME} (GNU time) is needed to measure peak memory")
    folder = args.dir or Path(tempfile.mkdtemp(prefix="closeloop-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    generate(args.n, folder)
    results = []
    for kind, name in FILES:
        data_dir = folder / f"db-{kind}"
        shutil.rmtree(data_dir, ignore_errors=True)  # a new database each time
        for run in ("first", "second"):
            figures = timed_import(kind, folder / name, data_dir)
            figures.update(kind=kind, run=run, contacts=args.n,
                           per_second=round(args.n / figures["seconds"]))
            results.append(figures)
            if not args.json:
                print(f"import {kind:5} {run:6} run: {args.n:,} contacts in {figures['seconds']:.2f} s = "
                      f"{figures['per_second']:,}/s, peak {figures['peak_mb']:.0f} MB, "
                      f"CPU {figures['cpu_seconds']:.1f} s in all processes "
                      f"({figures['added']:,} added, {figures['updated']:,} updated, "
                      f"{figures['unchanged']:,} unchanged, {figures['skipped']:,} skipped)", flush=True)
    if args.photos:
        data_dir = folder / "db-photos"
        shutil.rmtree(data_dir, ignore_errors=True)
        figures = timed_import("vcard", generate_photos(args.photos, folder), data_dir)
        figures.update(kind="vcard-photos", run="first", contacts=args.photos,
                       per_second=round(args.photos / figures["seconds"]))
        results.append(figures)
        if not args.json:
            print(f"import vcard with photos: {args.photos:,} contacts in {figures['seconds']:.2f} s = "
                  f"{figures['per_second']:,}/s, peak {figures['peak_mb']:.0f} MB "
                  f"({figures['added']:,} added)", flush=True)
    if args.json:
        print(json.dumps(results, indent=2))
    if args.dir is None:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
