"""`closeloop export vcard|csv`: people out as vCard 4.0 or Google CSV, and back in unchanged."""

from __future__ import annotations

import shutil
import uuid
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from closeloop.core.model import Person
from closeloop.service import Ledger
from closeloop.sources.records import NO_YEAR

FIELDS = ("name", "emails", "phones", "urls", "organization", "title", "circles", "met_how", "met_on",
          "notes", "birthday")


def comparable(person: dict) -> tuple:
    return tuple(sorted(person[f]) if f == "circles" else person[f] for f in FIELDS)


def build(cli) -> None:
    cli.ok("me", "--name", "Maya Chen", "--email", "maya@example.com")
    cli.ok("people", "add", "Tom Rivera", "--email", "tom@initech.com", "--email", "tom@gmail.com",
           "--phone", "+1 415 555 0100", "--url", "https://linkedin.com/in/tomr", "--org", "Initech",
           "--title", "VP, Engineering", "--circle", "close", "--circle", "mentors", "--met-how",
           "internship; then friends", "--met-on", "2021-06-01", "--note", "likes jazz\nand chess — «ünïcode»",
           "--birthday", "1980-02-29")
    cli.ok("people", "add", "Dana Lee", "--email", "dana@acme.com", "--org", "Acme", "--circle", "network")
    cli.ok("people", "add", "Zoë Müller-Lefèvre", "--phone", "+44 20 7946 0958")


def people_of(cli) -> list[tuple]:
    return sorted(comparable(p) for p in cli.json("people", "list") if not p["is_me"])


@pytest.mark.parametrize("fmt, name", [("vcard", "people.vcf"), ("csv", "people.csv")])
def test_export_then_import_into_an_empty_database_gives_the_same_people(cli, tmp_path, monkeypatch, fmt, name):
    build(cli)
    before = people_of(cli)
    target = tmp_path / name
    assert cli.json("export", fmt, target) == {"format": fmt, "path": str(target), "circle": None, "people": 3}
    assert not list(tmp_path.glob("*.partial"))
    monkeypatch.setenv("CLOSELOOP_DATABASE_URL", f"sqlite:///{tmp_path / 'fresh.db'}")
    data = cli.json("import", fmt, target)
    assert (data["added"], data["updated"], data["skipped"]) == (3, 0, 0)
    assert people_of(cli) == before


def test_export_a_circle_and_never_yourself(cli, tmp_path):
    build(cli)
    vcf = tmp_path / "close.vcf"
    result = cli.ok("export", "vcard", vcf, "--circle", "close")
    assert result.out.strip() == f"wrote {vcf}: 1 person as vcard"
    text = vcf.read_text(encoding="utf-8")
    assert text.count("BEGIN:VCARD") == 1 and "VERSION:4.0" in text and "FN:Tom Rivera" in text
    everyone = tmp_path / "all.csv"
    cli.ok("export", "csv", everyone)
    rows = everyone.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("First Name,Middle Name,Last Name") and "Maya" not in everyone.read_text()
    # exporting is not importing: re-importing your own export changes nothing
    again = cli.json("import", "csv", everyone)
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 3)


def test_export_mistakes_are_clean(cli, tmp_path):
    build(cli)
    for args, code in ((("export", "vcard", tmp_path / "x.vcf", "--circle", "nobody"), 3),
                       (("export", "xml", tmp_path / "x.xml"), 2),
                       (("export", "json", tmp_path / "x.json", "--circle", "close"), 2),
                       (("export", "csv", tmp_path), 2)):
        result = cli(*args)
        assert result.code == code, (args, result.err)
        assert result.err.startswith("error:") and "Traceback" not in result.err
    assert not (tmp_path / "x.vcf").exists()


# --- the property: any people, out and back in ------------------------------------------------

NOW = datetime(2026, 3, 5, 9, tzinfo=timezone.utc)
PHONES = ("+14155550100", "+12125550199", "+442079460958", "+4915112345678", "+33612345678",
          "+819012345678", "+919876543210")
word = st.text(st.characters(categories=("Lu", "Ll", "Lo"), max_codepoint=0x9FFF), min_size=1, max_size=10)
words = st.lists(word, min_size=1, max_size=3).map(" ".join)
punctuated = st.lists(st.one_of(word, st.sampled_from(["O'Brien", "Smith-Jones", "Jr.", "&", "(CTO)",
                                                       "a,b", "x;y", "back\\slash"])),
                      min_size=1, max_size=4).map(" ".join)
slug = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)


@st.composite
def person(draw) -> Person:
    maybe = lambda s: draw(st.one_of(st.none(), s))  # noqa: E731
    notes = maybe(st.lists(punctuated, min_size=1, max_size=3).map("\n".join))
    birthday = maybe(st.dates(date(1900, 1, 1), date(2010, 12, 31)))
    if birthday and draw(st.booleans()):
        birthday = birthday.replace(year=NO_YEAR)
    return Person(
        id=None, name=draw(punctuated),
        emails=tuple(draw(st.lists(st.builds("{}@{}.example".format, slug, slug), max_size=2, unique=True))),
        phones=tuple(draw(st.lists(st.sampled_from(PHONES), max_size=2, unique=True))),
        urls=tuple(draw(st.lists(slug.map("https://www.linkedin.com/in/{}".format), max_size=1))),
        organization=maybe(punctuated), title=maybe(punctuated),
        circles=tuple(draw(st.lists(st.sampled_from(["Friends", "Former team", "mentors", "close"]),
                                    max_size=2, unique=True))),
        met_how=maybe(words), met_on=maybe(st.dates(date(2000, 1, 1), date(2026, 3, 1))),
        notes=notes, birthday=birthday)


def distinct_identities(people: list[Person]) -> list[Person]:
    """Two people never share an email, phone or URL (the ledger refuses it)."""
    taken: set[str] = set()
    out = []
    for p in people:
        keep = {attr: tuple(v for v in getattr(p, attr) if v not in taken) for attr in ("emails", "phones", "urls")}
        taken.update(v for values in keep.values() for v in values)
        out.append(Person(**{**{f: getattr(p, f) for f in Person.__slots__}, **keep}))
    return out


@pytest.fixture(scope="module")
def empty_db(tmp_path_factory) -> Path:
    """One migrated SQLite file, copied for each example (migrating each time is slow)."""
    from closeloop.store.db import migrate, open_engine
    path = tmp_path_factory.mktemp("template") / "empty.db"
    engine = open_engine(f"sqlite:///{path}")
    migrate(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


def fresh(empty_db: Path, folder: Path) -> Ledger:
    from closeloop.store.db import open_engine
    path = folder / f"{uuid.uuid4().hex}.db"
    shutil.copy(empty_db, path)
    return Ledger(engine=open_engine(f"sqlite:///{path}"), clock=lambda: NOW)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=st.lists(person(), max_size=6).map(distinct_identities), fmt=st.sampled_from(["vcard", "csv"]))
def test_property_export_then_import_gives_the_same_people(empty_db, tmp_path, people, fmt):
    from closeloop.service.contacts import export_csv, export_vcard, import_csv, import_vcard
    from closeloop.store import people as store

    source, target = fresh(empty_db, tmp_path), fresh(empty_db, tmp_path)
    try:
        with source.transaction() as conn:
            for p in people:
                store.insert_person(conn, p, NOW)
        file = tmp_path / f"{uuid.uuid4().hex}.{fmt}"
        written = (export_vcard if fmt == "vcard" else export_csv)(source, file)
        assert written == len(people)
        summary = (import_vcard if fmt == "vcard" else import_csv)(target, file)
        assert (summary.added, summary.updated, summary.skipped) == (len(people), 0, 0), summary.problems
        with source.reading() as a, target.reading() as b:
            before = sorted(_shape(p) for p in store.load_all_people(a).values())
            after = sorted(_shape(p) for p in store.load_all_people(b).values())
        assert after == before
    finally:
        source.engine.dispose()
        target.engine.dispose()


def _shape(p: Person) -> tuple:
    return (p.name, p.emails, p.phones, p.urls, p.organization, p.title, tuple(sorted(p.circles)),
            p.met_how, p.met_on, p.notes, p.birthday)
