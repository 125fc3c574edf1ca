"""Generate realistic contacts for the import benchmark, and time the readers.

    python bench/gen_contacts.py --n 100000 --out DIR
        writes DIR/contacts.vcf (vCard 3.0 and 4.0 cards) and
        DIR/Connections.csv (LinkedIn's current export, with its preamble).
    python bench/gen_contacts.py --read DIR [--vobject]
        parses both files with the readers alone (no database) and prints
        records per second and the process's peak RSS; ``--vobject`` sends
        every card through vobject instead of the fast parser.

Names come from several cultures and scripts; emails, phones (valid numbers
of several countries, written in several styles), organizations, titles,
birthdays, notes and categories vary; about 3% of people appear twice, with a
different phone style or email case, as real address books do. Seeded, so
two runs give the same files.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import sys
import time
import unicodedata
import uuid
from pathlib import Path

# (given names, family names, romanized given, romanized family) per culture;
# the romanized lists are used for email addresses and LinkedIn URLs.
CULTURES = [
    (["James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "David", "Linda",
      "Sarah", "Thomas", "Emily", "Daniel"],
     ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
      "Taylor", "Anderson", "O'Brien", "Clarke-Hughes"], None, None),
    (["José", "María", "Lucía", "Álvaro", "Martín", "Sofía", "Javier", "Inés"],
     ["García", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Núñez"],
     None, None),
    (["Jürgen", "Anneliese", "Lukas", "Günther", "Sophie", "Maximilian", "Björn"],
     ["Müller", "Schmidt", "Schneider", "Fischer", "Weiß", "Bäcker", "von Stein"], None, None),
    (["Amélie", "François", "Chloé", "Gaël", "Océane", "Hélène"],
     ["Lefèvre", "Dubois", "Moreau", "Girard", "Roux", "Faure"], None, None),
    (["伟", "芳", "娜", "秀英", "敏", "静"], ["王", "李", "张", "刘", "陈", "杨"],
     ["wei", "fang", "na", "xiuying", "min", "jing"], ["wang", "li", "zhang", "liu", "chen", "yang"]),
    (["翔太", "陽菜", "大輝", "美咲", "蓮"], ["佐藤", "鈴木", "高橋", "田中", "渡辺"],
     ["shota", "hina", "daiki", "misaki", "ren"], ["sato", "suzuki", "takahashi", "tanaka", "watanabe"]),
    (["민준", "서연", "도윤", "지우", "유림"], ["김", "이", "박", "최", "정"],
     ["minjun", "seoyeon", "doyun", "jiwoo", "yurim"], ["kim", "lee", "park", "choi", "jung"]),
    (["Aarav", "Priya", "Vihaan", "Ananya", "Rohan", "Saanvi"],
     ["Sharma", "Patel", "Iyer", "Reddy", "Gupta", "Nair"], None, None),
    (["محمد", "فاطمة", "أحمد", "ليلى"], ["الحسن", "العلي", "منصور", "حداد"],
     ["mohammed", "fatima", "ahmed", "layla"], ["alhassan", "alali", "mansour", "haddad"]),
    (["Chinedu", "Ngozi", "Oluwaseun", "Adaeze", "Emeka"],
     ["Okafor", "Adeyemi", "Nwosu", "Balogun", "Eze"], None, None),
    (["Дмитрий", "Анна", "Сергей", "Ольга"], ["Иванов", "Смирнова", "Кузнецов", "Попова"],
     ["dmitry", "anna", "sergey", "olga"], ["ivanov", "smirnova", "kuznetsov", "popova"]),
    (["Nguyễn Văn", "Trần Thị", "Lê Minh", "Phạm Thu"], ["Anh", "Hương", "Tuấn", "Hà"],
     None, None),
]
ORGS = ["Acme Corp", "Globex", "Initech", "Umbrella Health", "Stark Industries",
        "Wayne Enterprises", "Tyrell Systems", "Soylent Foods", "Hooli", "Pied Piper",
        "Massive Dynamic", "Aperture Labs", "Nakatomi Trading", "Vandelay Industries",
        "Universität Heidelberg", "Ministère de la Culture", "株式会社山田", "삼성전자",
        "Tata Consultancy", "Banco Nacional", "Stichting Open Data", "Freelance"]
TITLES = ["Software Engineer", "Product Manager", "VP, Engineering", "Data Scientist",
          "Recruiter", "Founder & CEO", "Professor", "Designer", "Sales Director",
          "Consultant", "Investor", "Nurse", "Attorney", "Research Fellow", "CTO"]
DOMAINS = ["gmail.com", "outlook.com", "yahoo.co.jp", "proton.me", "example.org",
           "fastmail.com", "web.de", "naver.com"]
CIRCLES = ["Friends", "Family", "Mentors", "Former team", "Investors", "Conference", "Alumni"]
# (country code, national numbers to vary) — valid ranges for phonenumbers.
PHONES = [("1", "415{}{}"), ("1", "212{}{}"), ("44", "7700{}{}"), ("49", "151{}{}"),
          ("33", "6{}{}"), ("81", "90{}{}"), ("91", "98{}{}"), ("55", "1198{}{}")]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAAD0lEQVQIHQEEAPv/AP///wX+Av4D"
       "fRnGAAAAAElFTkSuQmCC")


def ascii_slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if c.isascii() and c.isalnum()).lower()


def person(rng: random.Random, i: int) -> dict:
    given_list, family_list, rom_given, rom_family = rng.choice(CULTURES)
    g = rng.randrange(len(given_list))
    f = rng.randrange(len(family_list))
    given, family = given_list[g], family_list[f]
    slug_g = rom_given[g] if rom_given else ascii_slug(given)
    slug_f = rom_family[f] if rom_family else ascii_slug(family)
    eastern = rom_given is not None and given_list[0] in ("伟", "翔太", "민준")
    full = f"{family}{given}" if eastern else f"{given} {family}"
    cc, pattern = rng.choice(PHONES)
    digits = pattern.format(rng.randrange(200, 999), rng.randrange(1000, 9999))
    style = rng.randrange(3)
    phone = (f"+{cc} {digits}" if style == 0 else
             f"+{cc}-{digits[:3]}-{digits[3:6]}-{digits[6:]}" if style == 1 else f"+{cc}{digits}")
    year = rng.randrange(1950, 2004)
    return {
        "uid": str(uuid.UUID(int=rng.getrandbits(128))),
        "given": given, "family": family, "full": full,
        "email": f"{slug_g}.{slug_f}{i % 997}@{rng.choice(DOMAINS)}",
        "email2": f"{slug_g[:1]}{slug_f}@{ascii_slug(rng.choice(ORGS)) or 'corp'}.com"
        if rng.random() < 0.3 else "",
        "phone": phone,
        "org": rng.choice(ORGS), "title": rng.choice(TITLES),
        "url": f"https://www.linkedin.com/in/{slug_g}-{slug_f}-{i:x}",
        "bday": f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        if rng.random() < 0.4 else "",
        "note": "Met at PyCon; intro via Sam, follow up about the role" if rng.random() < 0.2 else "",
        "circles": rng.sample(CIRCLES, rng.randrange(0, 3)),
        "photo": rng.random() < 0.01,
        "connected": f"{rng.randrange(1, 29):02d} {rng.choice(MONTHS)} {rng.randrange(2008, 2026)}",
    }


def esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def vcard(p: dict, version: str) -> str:
    lines = ["BEGIN:VCARD", f"VERSION:{version}", f"UID:{p['uid']}", f"FN:{esc(p['full'])}",
             f"N:{esc(p['family'])};{esc(p['given'])};;;",
             f"EMAIL;TYPE=home:{p['email']}"]
    if p["email2"]:
        lines.append(f"EMAIL;TYPE=work:{p['email2']}")
    lines.append(f"TEL;TYPE=cell:{p['phone']}")
    lines += [f"ORG:{esc(p['org'])}", f"TITLE:{esc(p['title'])}", f"URL:{p['url']}"]
    if p["bday"]:
        lines.append(f"BDAY:{p['bday']}")
    if p["note"]:
        lines.append(f"NOTE:{esc(p['note'])}")
    if p["circles"]:
        lines.append("CATEGORIES:" + ",".join(p["circles"]))
    if p["photo"]:
        lines.append(f"PHOTO:data:image/png;base64,{PNG}" if version == "4.0"
                     else f"PHOTO;ENCODING=b;TYPE=PNG:{PNG}")
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"


def generate(n: int, out: Path, seed: int = 1) -> None:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "contacts.vcf", "w", encoding="utf-8", newline="") as vcf, \
            open(out / "Connections.csv", "w", encoding="utf-8", newline="") as conn:
        conn.write('Notes:\r\n"When exporting your connection data, you may notice that some of '
                   'the email addresses are missing. You will only see email addresses for '
                   'connections who have allowed their connections to see or download their '
                   'email address using this setting https://www.linkedin.com/psettings/privacy/'
                   'email. You can learn more here https://www.linkedin.com/help/linkedin/answer/'
                   '261"\r\n\r\n')
        writer = csv.writer(conn)
        writer.writerow(["First Name", "Last Name", "URL", "Email Address", "Company",
                         "Position", "Connected On"])
        written = 0
        previous: dict | None = None
        while written < n:
            if previous is not None and rng.random() < 0.03:
                p = dict(previous, uid=str(uuid.UUID(int=rng.getrandbits(128))),
                         email=previous["email"].upper(), phone=previous["phone"].replace(" ", ""))
            else:
                p = person(rng, written)
            previous = p
            vcf.write(vcard(p, "4.0" if written % 2 else "3.0"))
            if rng.random() < 0.01:
                writer.writerow(["", "", "", "", "", "", p["connected"]])  # restricted member
            else:
                writer.writerow([p["given"] + (" " if rng.random() < 0.05 else ""), p["family"],
                                 p["url"], p["email"] if rng.random() < 0.2 else "",
                                 p["org"], p["title"], p["connected"]])
            written += 1


def measure(folder: Path, fast: bool) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from closeloop.sources.contacts_csv import read_contacts_csv
    from closeloop.sources.vcard import read_vcards

    for name, read in (("contacts.vcf", lambda p: read_vcards(p, fast=fast)),
                       ("Connections.csv", read_contacts_csv)):
        started = time.perf_counter()
        records = problems = 0
        for item in read(folder / name):
            if hasattr(item, "key"):
                records += 1
            else:
                problems += 1
        seconds = time.perf_counter() - started
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{name}: {records} records, {problems} problems in {seconds:.2f} s = "
              f"{records / seconds:,.0f} records/s; peak RSS so far {rss_mb:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="how many contacts")
    parser.add_argument("--out", type=Path, help="folder to write contacts.vcf and Connections.csv")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--read", type=Path, help="time the readers on a generated folder")
    parser.add_argument("--vobject", action="store_true", help="with --read: vobject for every card")
    args = parser.parse_args()
    if args.read:
        measure(args.read, fast=not args.vobject)
    elif args.out:
        generate(args.n, args.out, args.seed)
    else:
        parser.error("give --out DIR to generate or --read DIR to measure")


if __name__ == "__main__":
    main()
