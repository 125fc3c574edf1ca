"""Contact CSV reader and writer: files built from the real export headers in
shared/data/contacts/csv-export-formats.md, in every encoding users have."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from closeloop.core.problems import Problem
from closeloop.sources.contacts_csv import detect_format, read_contacts_csv, write_contacts_csv
from closeloop.sources.records import ContactRecord
from tests.conftest import need_corpus

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
FORMATS_DOC = DATA / "contacts" / "csv-export-formats.md"
PREAMBLE = ('Notes:\r\n"When exporting your connection data, you may notice that some of the email '
            'addresses are missing. You will only see email addresses for connections who have '
            'allowed their connections to see or download their email address using this setting '
            'https://www.linkedin.com/psettings/privacy/email. You can learn more here '
            'https://www.linkedin.com/help/linkedin/answer/261"\r\n\r\n')


def real_headers() -> dict[str, list[str]]:
    """The header rows quoted in the formats document, by export name."""
    found: dict[str, list[str]] = {}
    for line in need_corpus(FORMATS_DOC).read_text(encoding="utf-8").splitlines():
        text = line.strip()
        if not ("First Name," in text or text.startswith("Name,Given Name")
                or text.startswith('"Title","First Name"')):
            continue
        columns = [c for c in next(csv.reader([text])) if c != "..."]
        if "Connected On" in columns:
            name = "linkedin" if "URL" in columns else "linkedin-2018"
        elif "Labels" in columns:
            name = "google"
        elif "Group Membership" in columns:
            name = "google-legacy"
        else:
            name = "outlook-desktop" if text.startswith('"') else "outlook"
        found[name] = columns
    assert set(found) == {"linkedin", "linkedin-2018", "google", "google-legacy", "outlook",
                          "outlook-desktop"}, found
    return found


ANN = {  # one person, as each export names the fields
    "First Name": "Zoë", "Last Name": "Müller", "Given Name": "Zoë", "Family Name": "Müller",
    "Name": "Zoë Müller", "URL": "https://www.linkedin.com/in/zoe-muller",
    "Email Address": "Zoe@Example.com", "E-mail Address": "Zoe@Example.com",
    "E-mail 1 - Value": "Zoe@Example.com ::: zoe@work.example", "E-mail 1 - Label": "* Home",
    "Phone 1 - Value": "(415) 555-2671", "Mobile Phone": "(415) 555-2671",
    "Company": "Café Ltd", "Organization Name": "Café Ltd", "Organization 1 - Name": "Café Ltd",
    "Position": "Chef", "Job Title": "Chef", "Organization Title": "Chef",
    "Organization 1 - Title": "Chef", "Title": "Ms.",
    "Connected On": "26 Dec 2025", "Birthday": "1980-01-20", "Notes": "Met at a\nconference",
    "Labels": "* myContacts ::: Friends", "Group Membership": "* myContacts ::: Friends",
    "Categories": "Friends", "Web Page": "https://example.org/zoe",
}


def build(tmp_path: Path, name: str, columns: list[str], rows: list[dict], encoding: str,
          preamble: str = "") -> Path:
    out = io.StringIO()
    quoting = csv.QUOTE_ALL if name == "outlook-desktop" else csv.QUOTE_MINIMAL
    writer = csv.writer(out, quoting=quoting)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    path = tmp_path / f"{name}-{encoding}.csv"
    path.write_bytes((preamble + out.getvalue()).encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_every_real_format_in_every_encoding(tmp_path, encoding):
    for name, columns in real_headers().items():
        preamble = PREAMBLE if name == "linkedin" else ""
        path = build(tmp_path, name, columns, [ANN, ANN], encoding, preamble)
        assert detect_format(columns) == name.split("-")[0]
        items = list(read_contacts_csv(path))
        assert len(items) == 2 and all(isinstance(i, ContactRecord) for i in items), (name, items)
        r = items[0]
        assert (r.given_name, r.family_name, r.full_name) == ("Zoë", "Müller", "Zoë Müller"), name
        assert r.organization == "Café Ltd" and r.title == "Chef", name
        assert "zoe@example.com" in r.emails, name
        assert r.where == ("line 5" if preamble else "line 2"), name
        assert items[1].key == r.key  # the same person keys the same
        if name.startswith("linkedin"):
            assert r.met_how == "LinkedIn" and r.met_on == date(2025, 12, 26)
        else:
            assert r.phones == ("+14155552671",), name
            assert r.birthday == date(1980, 1, 20), name
            assert r.notes == "Met at a\nconference", name
            assert r.circles == ("Friends",), name
        if name == "google":
            assert r.emails == ("zoe@example.com", "zoe@work.example")
        assert list(read_contacts_csv(path, format=name.split("-")[0])) == items


def test_linkedin_2018_dates_urns_and_restricted_members(tmp_path):
    columns = real_headers()["linkedin-2018"]
    rows = [{"First Name": "Al", "Last Name": "Roe", "Email Address": "urn:li:member:664293716",
             "Company": "X", "Position": "Y", "Connected On": "1/8/18, 6:14 PM"},
            {"Connected On": "30 Apr 2026"}]
    path = build(tmp_path, "linkedin-2018", columns, rows, "utf-8")
    record, problem = list(read_contacts_csv(path))
    assert record.emails == () and record.met_on == date(2018, 1, 8)
    assert isinstance(problem, Problem) and problem.where == "line 3"


def test_linkedin_names_with_commas_emoji_and_trailing_spaces(tmp_path):
    columns = real_headers()["linkedin"]
    rows = [{"First Name": "Ana 🚀 ", "Last Name": "Lee, PhD", "URL": "https://www.linkedin.com/in/ana",
             "Connected On": "01 Feb 2024"}]
    [r] = list(read_contacts_csv(build(tmp_path, "linkedin", columns, rows, "utf-8", PREAMBLE)))
    assert r.full_name == "Ana 🚀 Lee, PhD" and r.urls == ("https://www.linkedin.com/in/ana",)


def test_unrecognized_header_is_one_problem_naming_the_columns(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("Who,Where\nann,home\n", encoding="utf-8")
    [problem] = list(read_contacts_csv(path))
    assert problem.source == str(path) and "Who, Where" in problem.message


def test_a_bad_row_is_a_problem_and_the_rest_is_read(tmp_path):
    columns = real_headers()["linkedin"]
    path = build(tmp_path, "linkedin", columns, [ANN], "utf-8", PREAMBLE)
    with open(path, "a", encoding="utf-8", newline="") as f:
        f.write("A,B,,,,,01 Jan 2020,extra,cells\r\n")
        f.write('"Multi\nline",Name,,,,,02 Jan 2020\r\n')
        f.write("Cy,Dee,,,,,03 Jan 2020\r\n")
    items = list(read_contacts_csv(path))
    assert [type(i).__name__ for i in items] == ["ContactRecord", "Problem", "ContactRecord", "ContactRecord"]
    assert items[1].where == "line 6"
    assert items[2].full_name == "Multi line Name" and items[3].where == "line 9"


def test_missing_file_and_unknown_format_are_problems(tmp_path):
    assert isinstance(next(read_contacts_csv(tmp_path / "none.csv")), Problem)
    (tmp_path / "x.csv").write_text("a\n")
    assert isinstance(next(read_contacts_csv(tmp_path / "x.csv", format="vcard")), Problem)


# --- round trip -----------------------------------------------------------------------------

words = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Zs"),
                              blacklist_characters="*"), min_size=1, max_size=8)
line = st.lists(words, min_size=1, max_size=3).map(" ".join)
maybe_line = st.one_of(st.just(""), line)
emails = st.from_regex(r"[a-z0-9._]{1,10}@[a-z]{1,8}\.(com|org|de)", fullmatch=True)
phones = st.one_of(st.sampled_from(["+14155552671", "+442079460000", "+33612345678"]),
                   st.from_regex(r"ext [0-9]{1,4}", fullmatch=True))
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31))


@st.composite
def contact_records(draw) -> ContactRecord:
    given_name, family = draw(maybe_line), draw(maybe_line)
    full = draw(st.one_of(line, st.just(" ".join(p for p in (given_name, family) if p) or "X")))
    return ContactRecord(
        source="", where="", key=draw(st.from_regex(r"[A-Za-z0-9:-]{1,20}", fullmatch=True)),
        full_name=full, given_name=given_name, family_name=family,
        emails=tuple(dict.fromkeys(draw(st.lists(emails, max_size=3)))),
        phones=tuple(dict.fromkeys(draw(st.lists(phones, max_size=2)))),
        urls=tuple(dict.fromkeys(draw(st.lists(st.sampled_from(
            ["https://www.linkedin.com/in/ann-lee", "https://example.org/~x,y;z"]), max_size=2)))),
        organization=draw(maybe_line), title=draw(maybe_line),
        notes=draw(st.lists(line, max_size=3).map("\n".join)),
        birthday=draw(st.one_of(st.none(), days, days.map(lambda d: d.replace(year=1604)))),
        circles=tuple(dict.fromkeys(draw(st.lists(line, max_size=3)))),
        met_how=draw(maybe_line), met_on=draw(st.one_of(st.none(), days)),
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(contact_records(), max_size=4))
def test_write_then_read_gives_the_same_records(tmp_path_factory, records):
    path = tmp_path_factory.mktemp("rt") / "out.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        assert write_contacts_csv(records, f) == len(records)
    back = [replace(r, source="", where="") for r in read_contacts_csv(path)]
    assert back == records
