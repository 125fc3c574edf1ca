"""vCard reader and writer: real cards from Radicale, khard and vobject, broken
ones included, golden records, and the write -> read round trip."""

from __future__ import annotations

import hashlib
import io
import json
import os
from dataclasses import asdict, replace
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from closeloop.core.problems import Problem
from closeloop.sources.records import ContactRecord
from closeloop.sources.vcard import read_vcards, write_vcards
from tests.conftest import need_corpus

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
CONTACTS = DATA / "contacts"
GOLDEN = Path(__file__).parent / "golden" / "vcards.json"


def as_json(item: ContactRecord | Problem, root: Path) -> dict:
    data = asdict(item)
    data["source"] = Path(item.source).relative_to(root).as_posix()
    if isinstance(item, Problem):
        return {"problem": data}
    for name in ("birthday", "met_on"):
        data[name] = data[name].isoformat() if data[name] else None
    if data["photo"] is not None:
        data["photo"] = {"bytes": len(item.photo), "sha1": hashlib.sha1(item.photo).hexdigest()}
    return {name: list(v) if isinstance(v, tuple) else v for name, v in data.items()}


def corpus_files() -> list[Path]:
    return sorted(need_corpus(CONTACTS).rglob("*.vcf"))


def test_every_real_vcard_file_yields_records_or_problems():
    files = corpus_files()
    assert len(files) >= 34
    for file in files:
        items = list(read_vcards(file))
        assert items, file
        assert all(isinstance(i, (ContactRecord, Problem)) for i in items), file


def test_real_vcards_match_golden_records():
    """tests/golden/vcards.json was made from these files and checked by hand;
    regenerate with CLOSELOOP_UPDATE_GOLDEN=1 after a deliberate change."""
    got = {f.relative_to(CONTACTS).as_posix(): [as_json(i, CONTACTS) for i in read_vcards(f)]
           for f in corpus_files()}
    if os.environ.get("CLOSELOOP_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(json.dumps(got, indent=1, ensure_ascii=False, sort_keys=True) + "\n",
                          encoding="utf-8")
    assert got == json.loads(GOLDEN.read_text(encoding="utf-8"))


def one(path: Path) -> ContactRecord:
    items = list(read_vcards(path))
    assert len(items) == 1 and isinstance(items[0], ContactRecord), items
    return items[0]


def test_card_without_n_or_fn_is_named_by_its_email():
    record = one(need_corpus(CONTACTS / "radicale" / "broken-vcard.vcf"))
    assert record.full_name == "test-misses-n-or-fn@example.com"
    assert record.key == "C68582D2-2E60-0001-C2C0-000000000000.vcf"


def test_card_without_end_is_a_problem_with_card_and_line():
    [problem] = list(read_vcards(need_corpus(CONTACTS / "khard" / "unparsable.vcf")))
    assert isinstance(problem, Problem)
    assert problem.where == "card 1, line 1"
    assert "END:VCARD" in problem.message


def test_korean_names_photos_altid_and_yearless_birthday():
    assert one(need_corpus(CONTACTS / "khard" / "korean-c.vcf")).full_name == "최유림"
    for name in ("photov3.vcf", "photov4.vcf"):
        record = one(CONTACTS / "khard" / name)
        assert record.photo.startswith(b"\x89PNG") and record.photo_type == "image/png"
    uri = one(CONTACTS / "radicale" / "contact_photo_with_data_uri.vcf")
    assert uri.photo.startswith(b"\x89PNG")
    assert one(CONTACTS / "khard" / "altid.vcf").given_name == "one"
    bday = one(CONTACTS / "radicale" / "contact4-with-bday-no-year.vcf").birthday
    assert bday == date(1604, 1, 1)  # Thunderbird's "no year"
    assert one(CONTACTS / "khard" / "text-bday.vcf").birthday is None  # "circa 1800"


def test_photos_can_be_skipped():
    [record] = list(read_vcards(need_corpus(CONTACTS / "khard" / "photov3.vcf"), photos=False))
    assert record.photo is None and record.photo_type == ""


def test_fast_parser_agrees_with_vobject_on_real_cards():
    for file in corpus_files():
        fast = [i for i in read_vcards(file, fast=True) if isinstance(i, ContactRecord)]
        slow = [i for i in read_vcards(file, fast=False) if isinstance(i, ContactRecord)]
        slow_by_key = {r.key: r for r in slow}
        for record in fast:
            if record.key in slow_by_key:  # vobject fails on some photos the fast parser reads
                assert replace(record, photo=None, photo_type="") == \
                    replace(slow_by_key[record.key], photo=None, photo_type=""), file


CARD = "BEGIN:VCARD\r\nVERSION:{v}\r\nFN:{fn}\r\nEMAIL:{email}\r\nEND:VCARD\r\n"


def test_one_bad_card_in_the_middle_does_not_lose_the_others(tmp_path):
    text = (CARD.format(v="3.0", fn="Ann", email="ann@example.com")
            + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken\r\nthis line has no colon\r\nEND:VCARD\r\n"
            + CARD.format(v="4.0", fn="Bob", email="BOB@example.com"))
    path = tmp_path / "three.vcf"
    path.write_text(text, encoding="utf-8", newline="")
    items = list(read_vcards(path))
    assert [type(i).__name__ for i in items] == ["ContactRecord", "Problem", "ContactRecord"]
    assert items[1].where == "card 2, line 9"
    assert items[2].emails == ("bob@example.com",)


def test_vcard_21_quoted_printable_and_legacy_encodings(tmp_path):
    v21 = ("BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;Hans\r\n"
           "FN:Hans M\xfcller\r\nTEL;WORK;VOICE:(415) 555-2671\r\nEMAIL;INTERNET:hans@example.de\r\n"
           "END:VCARD\r\n")
    (tmp_path / "a.vcf").write_bytes(v21.encode("cp1252"))
    (tmp_path / "b.vcf").write_bytes(CARD.format(v="3.0", fn="Zoë", email="z@example.org").encode("utf-16"))
    (tmp_path / "c.txt").write_text("not a card")
    a, b = list(read_vcards(tmp_path))
    assert (a.family_name, a.given_name, a.full_name) == ("Müller", "Hans", "Hans Müller")
    assert a.phones == ("+14155552671",)
    assert b.full_name == "Zoë"


def test_missing_path_is_a_problem(tmp_path):
    [problem] = list(read_vcards(tmp_path / "nope.vcf"))
    assert isinstance(problem, Problem)


# --- round trip -----------------------------------------------------------------------------

words = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Zs")), min_size=1, max_size=8)
line = st.lists(words, min_size=1, max_size=3).map(" ".join)
maybe_line = st.one_of(st.just(""), line)
emails = st.from_regex(r"[a-z0-9._]{1,10}@[a-z]{1,8}\.(com|org|de)", fullmatch=True)
phones = st.one_of(st.sampled_from(["+14155552671", "+442079460000", "+4915123456789", "+33612345678"]),
                   st.from_regex(r"ext [0-9]{1,4}", fullmatch=True))
notes = st.lists(line, max_size=3).map("\n".join)
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31))
photo = st.one_of(st.none(), st.binary(min_size=1, max_size=60))


@st.composite
def contact_records(draw) -> ContactRecord:
    given, family = draw(maybe_line), draw(maybe_line)
    full = draw(st.one_of(line, st.just(" ".join(p for p in (given, family) if p) or "X")))
    data = draw(photo)
    return ContactRecord(
        source="", where="", key=draw(st.from_regex(r"[A-Za-z0-9:-]{1,20}", fullmatch=True)),
        full_name=full, given_name=given, family_name=family,
        emails=tuple(dict.fromkeys(draw(st.lists(emails, max_size=3)))),
        phones=tuple(dict.fromkeys(draw(st.lists(phones, max_size=2)))),
        urls=tuple(dict.fromkeys(draw(st.lists(st.sampled_from(
            ["https://www.linkedin.com/in/ann-lee", "https://example.org/~x,y;z"]), max_size=2)))),
        organization=draw(maybe_line), title=draw(maybe_line), notes=draw(notes),
        birthday=draw(st.one_of(st.none(), days, days.map(lambda d: d.replace(year=1604)))),
        circles=tuple(dict.fromkeys(draw(st.lists(line, max_size=3)))),
        met_how=draw(maybe_line), met_on=draw(st.one_of(st.none(), days)),
        photo=data, photo_type="image/png" if data else "",
    )


def strip_place(record: ContactRecord) -> ContactRecord:
    return replace(record, source="", where="")


@settings(max_examples=60, deadline=None)
@given(st.lists(contact_records(), max_size=4))
def test_write_then_read_gives_the_same_records(tmp_path_factory, records):
    path = tmp_path_factory.mktemp("rt") / "out.vcf"
    with open(path, "w", encoding="utf-8", newline="") as f:
        assert write_vcards(records, f) == len(records)
    back = [strip_place(r) for r in read_vcards(path)]
    assert back == records
    back_slow = [strip_place(r) for r in read_vcards(path, fast=False)]
    assert [replace(r, photo=None, photo_type="") for r in back_slow] == \
        [replace(r, photo=None, photo_type="") for r in records]


def test_written_vcard_is_folded_and_4_0():
    record = ContactRecord(source="", where="", key="k1", full_name="한국어 이름 " * 10)
    out = io.StringIO()
    write_vcards([record], out)
    lines = out.getvalue().split("\r\n")
    assert lines[1] == "VERSION:4.0"
    assert all(len(l.encode("utf-8")) <= 75 for l in lines)
