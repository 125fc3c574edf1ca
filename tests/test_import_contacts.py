"""`closeloop import vcard` and `import csv`: what a user sees.

Counts in the summary, a second run that adds nothing, a changed file that
updates and says what changed, bad cards reported with file and card and
exit 10, matching by email/phone/URL (never by name), nobody's email moved
to someone else, a refused or interrupted import that leaves nothing half
written, and every real vCard in ../shared/data imported or reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sqlalchemy import func, select, text

from closeloop.errors import EXIT_SKIPPED
from tests.conftest import shared_data


def card(uid: str | None, name: str, *lines: str, version: str = "4.0") -> str:
    body = ["BEGIN:VCARD", f"VERSION:{version}"] + ([f"UID:{uid}"] if uid else []) + [f"FN:{name}", *lines,
                                                                                       "END:VCARD"]
    return "\r\n".join(body) + "\r\n"


def write(path: Path, *cards: str) -> Path:
    path.write_text("".join(cards), encoding="utf-8")
    return path


def people(cli) -> dict[str, dict]:
    return {p["name"]: p for p in cli.json("people", "list")}


def summary(cli, *args, code: int = 0) -> dict:
    result = cli(*args, "--json")
    assert result.code == code, (result.code, result.err, result.out)
    assert "Traceback" not in result.err + result.out
    return result.json()


def counts(data: dict) -> tuple[int, int, int, int]:
    return data["added"], data["updated"], data["unchanged"], data["skipped"]


def test_import_vcard_counts_and_a_second_run_adds_nothing(cli, tmp_path):
    vcf = write(tmp_path / "contacts.vcf",
                card("u1", "Tom Rivera", "EMAIL:Tom@Initech.com", "TEL:+1 415 555 0100", "ORG:Initech",
                     "TITLE:Manager", "CATEGORIES:mentors,close", "BDAY:19800229", "NOTE:likes jazz"),
                card("u2", "Dana Lee", "EMAIL:dana@acme.com", "URL:https://www.linkedin.com/in/danalee"),
                card(None, "Sam Okafor", "TEL;TYPE=cell:+44 7700 900123", version="3.0"))
    first = summary(cli, "import", "vcard", vcf)
    assert counts(first) == (3, 0, 0, 0)
    assert first["problems"] == [] and first["format"] == "vcard"
    found = people(cli)
    assert set(found) == {"Tom Rivera", "Dana Lee", "Sam Okafor"}
    tom = found["Tom Rivera"]
    assert tom["emails"] == ["tom@initech.com"] and tom["phones"] == ["+14155550100"]
    assert tom["organization"] == "Initech" and tom["title"] == "Manager"
    assert sorted(tom["circles"]) == ["close", "mentors"] and tom["birthday"] == "1980-02-29"
    assert tom["notes"] == "likes jazz"
    assert found["Dana Lee"]["urls"] == ["https://www.linkedin.com/in/danalee"]

    again = summary(cli, "import", "vcard", vcf)
    assert counts(again) == (0, 0, 3, 0)
    assert len(cli.json("people", "list")) == 3
    plain = cli.ok("import", "vcard", vcf)
    assert "0 added, 0 updated, 3 unchanged, 0 skipped" in plain.out


def test_a_changed_file_updates_what_changed_and_says_so(cli, tmp_path):
    vcf = tmp_path / "contacts.vcf"
    write(vcf, card("u1", "Tom Rivera", "EMAIL:tom@initech.com", "TITLE:Manager"),
          card("u2", "Dana Lee", "EMAIL:dana@acme.com"))
    summary(cli, "import", "vcard", vcf)
    write(vcf, card("u1", "Tom Rivera", "EMAIL:tom@initech.com", "EMAIL:tom@gmail.com", "TITLE:Director"),
          card("u2", "Dana Lee", "EMAIL:dana@acme.com"))
    data = summary(cli, "import", "vcard", vcf)
    assert counts(data) == (0, 1, 1, 0)
    assert data["updates"] == [{"id": data["updates"][0]["id"], "name": "Tom Rivera",
                                "changed": ["emails", "title"]}]
    tom = people(cli)["Tom Rivera"]
    assert tom["title"] == "Director" and tom["emails"] == ["tom@initech.com", "tom@gmail.com"]
    # and the person line says so
    write(vcf, card("u1", "Tom Rivera", "EMAIL:tom@initech.com", "TITLE:VP"))
    result = cli.ok("import", "vcard", vcf)
    assert "1 updated" in result.out and "Tom Rivera (title)" in result.out
    assert counts(summary(cli, "import", "vcard", vcf)) == (0, 0, 1, 0)
    assert len(people(cli)) == 2  # a card gone from the file is not a person gone


def test_bad_cards_are_reported_with_file_and_card_and_exit_10(cli, tmp_path):
    vcf = write(tmp_path / "mixed.vcf",
                card("u1", "Good One", "EMAIL:good@example.com"),
                "BEGIN:VCARD\r\nVERSION:4.0\r\nNOTE:nothing to know them by\r\nEND:VCARD\r\n",
                card("u3", "Good Two", "EMAIL:two@example.com"),
                "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Never Closed\r\n")
    data = summary(cli, "import", "vcard", vcf, code=EXIT_SKIPPED)
    assert counts(data) == (2, 0, 0, 2)
    where = [(Path(p["source"]).name, p["where"]) for p in data["problems"]]
    assert where == [("mixed.vcf", "card 2"), ("mixed.vcf", "card 4, line 17")]
    assert "no name, email, phone or URL" in data["problems"][0]["message"]
    plain = cli("import", "vcard", vcf)
    assert plain.code == EXIT_SKIPPED
    assert f"skipped {vcf}, card 2: card has no name, email, phone or URL" in plain.out
    assert set(people(cli)) == {"Good One", "Good Two"}


def test_matching_is_by_email_phone_or_url_never_by_name(cli, tmp_path):
    cli.ok("people", "add", "Thomas Rivera", "--email", "tom@initech.com", "--title", "Manager")
    cli.ok("people", "add", "Dana Lee", "--phone", "+1 415 555 0199")
    cli.ok("people", "add", "Priya Shah", "--url", "https://linkedin.com/in/priya")
    cli.ok("people", "add", "Sam Okafor")
    vcf = write(tmp_path / "c.vcf",
                card("a", "Tom R.", "EMAIL:TOM@INITECH.COM", "TITLE:Director", "ORG:Initech"),
                card("b", "D. Lee", "TEL:+1 (415) 555-0199", "EMAIL:dana@acme.com"),
                card("c", "P. Shah", "URL:https://linkedin.com/in/priya", "NOTE:met at PyCon"),
                card("d", "Sam Okafor", "EMAIL:sam@example.org"))
    data = summary(cli, "import", "vcard", vcf)
    assert counts(data) == (1, 3, 0, 0)
    found = people(cli)
    # matched people keep their name and what they had; gaps are filled
    assert found["Thomas Rivera"]["title"] == "Manager" and found["Thomas Rivera"]["organization"] == "Initech"
    assert found["Dana Lee"]["emails"] == ["dana@acme.com"]
    assert found["Priya Shah"]["notes"] == "met at PyCon"
    # a name alone never merges: there are two Sam Okafors now, and duplicates says so only
    # when something more than the name is shared
    sams = [p for p in cli.json("people", "list") if p["name"] == "Sam Okafor"]
    assert len(sams) == 2 and sorted(len(p["emails"]) for p in sams) == [0, 1]
    assert counts(summary(cli, "import", "vcard", vcf)) == (0, 0, 4, 0)


def test_another_persons_email_is_never_taken(cli, tmp_path):
    cli.ok("people", "add", "Tom Rivera", "--email", "tom@initech.com")
    cli.ok("people", "add", "Dana Lee", "--email", "dana@acme.com")
    vcf = write(tmp_path / "c.vcf",
                card("x", "Tom Rivera", "EMAIL:tom@initech.com", "EMAIL:dana@acme.com", "TEL:+1 415 555 0100"))
    data = summary(cli, "import", "vcard", vcf)
    assert counts(data) == (0, 1, 0, 0)
    found = people(cli)
    assert found["Tom Rivera"]["emails"] == ["tom@initech.com"]
    assert found["Tom Rivera"]["phones"] == ["+14155550100"]
    assert found["Dana Lee"]["emails"] == ["dana@acme.com"]
    # a new card that carries someone else's address is that someone (email first)
    write(vcf, card("y", "Somebody New", "EMAIL:dana@acme.com"))
    assert counts(summary(cli, "import", "vcard", vcf)) == (0, 0, 1, 0)
    assert len(people(cli)) == 2


def test_my_own_card_does_not_become_a_contact(cli, tmp_path):
    cli.ok("me", "--name", "Maya Chen", "--email", "maya@example.com")
    vcf = write(tmp_path / "c.vcf", card("me", "Maya C.", "EMAIL:maya@example.com", "TITLE:Founder"))
    assert counts(summary(cli, "import", "vcard", vcf)) == (0, 0, 1, 0)
    assert [p["name"] for p in cli.json("people", "list")] == ["Maya Chen"]


def test_the_same_person_twice_in_one_file_is_one_person(cli, tmp_path):
    vcf = write(tmp_path / "c.vcf",
                card("a", "Tom Rivera", "EMAIL:tom@initech.com"),
                card("b", "Tom Rivera", "EMAIL:Tom@Initech.com", "TEL:+1 415 555 0100"),
                card("a", "Tom Rivera", "EMAIL:tom@initech.com", "TITLE:Manager"))
    data = summary(cli, "import", "vcard", vcf)
    assert data["added"] == 1 and data["skipped"] == 0
    tom = people(cli)["Tom Rivera"]
    assert tom["phones"] == ["+14155550100"] and tom["title"] == "Manager"
    assert counts(summary(cli, "import", "vcard", vcf)) == (0, 0, 3, 0)


@pytest.mark.parametrize("in_memory", [100, 1])
def test_a_uid_met_again_later_in_a_big_file_only_fills_gaps(ledger, tmp_path, monkeypatch, in_memory):
    # One card per batch; with in_memory=1 the keys already stored move to a temporary file
    # after the first two, so the repeated UID is found there, not in memory: the same outcome.
    import closeloop.service.contacts as contacts
    from closeloop.store import people as people_store
    monkeypatch.setattr(contacts, "BATCH", 1)
    monkeypatch.setattr(contacts, "SEEN_IN_MEMORY", in_memory)
    vcf = write(tmp_path / "c.vcf",
                card("a", "Tom Rivera", "EMAIL:tom@initech.com", "TITLE:Manager"),
                card("b", "Ana Lind", "EMAIL:ana@initech.com"),
                card("c", "Bo Sand", "EMAIL:bo@initech.com"),
                card("a", "Thomas Rivera", "EMAIL:tom@initech.com", "TITLE:Director", "TEL:+1 415 555 0100"))
    first = contacts.import_vcard(ledger, vcf)
    assert (first.added, first.updated) == (3, 1)
    with ledger.reading() as conn:
        everyone = people_store.load_all_people(conn)
    tom = next(p for p in everyone.values() if "tom@initech.com" in p.emails)
    # the second card with UID a fills the phone in, but does not replace the first card's name or title
    assert (tom.name, tom.title, tom.phones) == ("Tom Rivera", "Manager", ("+14155550100",))
    again = contacts.import_vcard(ledger, vcf)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 4)


def test_photos_are_kept(cli, ledger):
    path = shared_data("contacts", "khard", "photov4.vcf")
    summary(cli, "import", "vcard", path)
    from closeloop.store.schema import people as table
    with ledger.reading() as conn:
        photos = conn.execute(select(table.c.photo, table.c.photo_type)).all()
    assert len(photos) == 1 and photos[0][0] and photos[0][1].startswith("image/")


def test_import_linkedin_csv(cli, tmp_path):
    csv_path = tmp_path / "Connections.csv"
    csv_path.write_text(
        'Notes:\r\n"When exporting your connection data, you may notice that some of the email '
        'addresses are missing."\r\n\r\n'
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        "Tom,Rivera,https://www.linkedin.com/in/tomr,tom@initech.com,Initech,Manager,26 Dec 2025\r\n"
        "Dana,Lee,https://www.linkedin.com/in/danalee,,Acme,Data Lead,03 Jan 2024\r\n"
        ",,,,,,05 Feb 2023\r\n", encoding="utf-8")
    data = summary(cli, "import", "csv", csv_path, code=EXIT_SKIPPED)
    assert counts(data) == (2, 0, 0, 1)
    assert data["problems"][0]["where"] == "line 7"
    tom = people(cli)["Tom Rivera"]
    assert tom["met_how"] == "LinkedIn" and tom["met_on"] == "2025-12-26"
    assert tom["urls"] == ["https://www.linkedin.com/in/tomr"] and tom["title"] == "Manager"
    again = summary(cli, "import", "csv", csv_path, "--format", "linkedin", code=EXIT_SKIPPED)
    assert counts(again) == (0, 0, 2, 1)


def test_google_csv_in_utf16_and_outlook_in_cp1252(cli, tmp_path):
    google = tmp_path / "google.csv"
    google.write_text("First Name,Middle Name,Last Name,Organization Name,Labels,E-mail 1 - Value\r\n"
                      "Zoë,,Müller,Bäckerei,* myContacts ::: Family,zoe@example.de\r\n", encoding="utf-16")
    outlook = tmp_path / "outlook.csv"
    outlook.write_bytes("First Name,Middle Name,Last Name,E-mail Address,Company,Job Title,Categories\r\n"
                        "René,,Lefèvre,rene@example.fr,Café,Chef,Friends\r\n".encode("cp1252"))
    assert counts(summary(cli, "import", "csv", google)) == (1, 0, 0, 0)
    assert counts(summary(cli, "import", "csv", outlook, "--format", "outlook")) == (1, 0, 0, 0)
    found = people(cli)
    assert found["Zoë Müller"]["circles"] == ["Family"] and found["Zoë Müller"]["organization"] == "Bäckerei"
    assert found["René Lefèvre"]["organization"] == "Café" and found["René Lefèvre"]["circles"] == ["Friends"]


def test_import_mistakes_are_clean(cli, tmp_path):
    for args, code in ((("import", "csv", tmp_path / "missing.csv"), 2),
                       (("import", "vcard", tmp_path / "missing.vcf"), 2),
                       (("import", "csv", tmp_path / "x.csv", "--format", "excel"), 2)):
        (tmp_path / "x.csv").write_text("a,b\r\n1,2\r\n", encoding="utf-8")
        result = cli(*args)
        assert result.code == code, (args, result.out, result.err)
        assert "Traceback" not in result.out + result.err
    linkedin = tmp_path / "Connections.csv"
    linkedin.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
                        "Tom,Rivera,,,,,26 Dec 2025\r\n", encoding="utf-8")
    wrong = cli("import", "csv", linkedin, "--format", "google")
    assert wrong.code == 8 and wrong.err.startswith("error:") and "header not recognized" in wrong.err
    unknown = cli("import", "csv", tmp_path / "x.csv")
    assert unknown.code == 8 and "columns seen: a, b" in unknown.err
    assert cli.json("people", "list") == []


def _refuse_name(ledger, name: str) -> None:
    """Make the database itself refuse to store a person called ``name``."""
    with ledger.transaction() as conn:
        if conn.dialect.name == "sqlite":
            conn.execute(text(f"CREATE TRIGGER refuse BEFORE INSERT ON people WHEN NEW.name = '{name}' "
                              "BEGIN SELECT RAISE(ABORT, 'no such people here'); END"))
        else:
            conn.execute(text(f"CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN "
                              f"IF NEW.name = '{name}' THEN RAISE EXCEPTION 'no such people here'; END IF; "
                              "RETURN NEW; END $$ LANGUAGE plpgsql"))
            conn.execute(text("CREATE TRIGGER refuse BEFORE INSERT ON people "
                              "FOR EACH ROW EXECUTE FUNCTION refuse()"))


def _table_counts(ledger) -> dict[str, int]:
    from closeloop.store.schema import identities, people as people_table, person_sources
    with ledger.reading() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in (people_table, identities, person_sources)}


def test_a_record_the_database_refuses_is_skipped_and_changes_nothing(cli, ledger, tmp_path):
    vcf = write(tmp_path / "c.vcf", *[card(f"u{i}", f"Person {i}", f"EMAIL:p{i}@example.com")
                                      for i in range(1, 6)],
                card("bad", "Refused Person", "EMAIL:refused@example.com", "TEL:+1 415 555 0100"),
                card("u9", "Last Person", "EMAIL:last@example.com"))
    _refuse_name(ledger, "Refused Person")
    data = summary(cli, "import", "vcard", vcf, code=EXIT_SKIPPED)
    assert counts(data) == (6, 0, 0, 1)
    problem = data["problems"][0]
    assert problem["where"] == "card 6" and "the database refused it" in problem["message"]
    assert "no such people here" in problem["message"]
    # nothing of the refused card is half-stored: no identity, no source, no person
    assert _table_counts(ledger) == {"people": 6, "identities": 6, "person_sources": 6}
    assert "Refused Person" not in people(cli)
    again = summary(cli, "import", "vcard", vcf, code=EXIT_SKIPPED)
    assert counts(again) == (0, 0, 6, 1)


def test_refused_records_in_a_big_batch_are_found_and_the_rest_stored_in_order(cli, ledger, tmp_path):
    cards = [card(f"u{i}", "Refused Person" if i in (7, 33) else f"Person {i}", f"EMAIL:p{i}@example.com")
             for i in range(1, 41)]
    cards.append(card("u2-again", "Person 2 Again", "EMAIL:p2@example.com", "TITLE:Dentist"))
    vcf = write(tmp_path / "c.vcf", *cards)
    _refuse_name(ledger, "Refused Person")
    data = summary(cli, "import", "vcard", vcf, code=EXIT_SKIPPED)
    assert counts(data) == (38, 1, 0, 2)  # the card matching Person 2 by email fills in a gap
    assert [p["where"] for p in data["problems"]] == ["card 7", "card 33"]
    assert _table_counts(ledger) == {"people": 38, "identities": 38, "person_sources": 39}
    assert people(cli)["Person 2"]["title"] == "Dentist"
    again = summary(cli, "import", "vcard", vcf, code=EXIT_SKIPPED)
    assert counts(again) == (0, 0, 39, 2)


def test_an_interrupted_import_keeps_what_was_stored_and_finishes_next_time(cli, ledger, tmp_path,
                                                                           monkeypatch):
    import closeloop.service.contacts as contacts
    import closeloop.sources.vcard as vcard

    monkeypatch.setattr(contacts, "BATCH", 4)
    vcf = write(tmp_path / "c.vcf", *[card(f"u{i}", f"Person {i}", f"EMAIL:p{i}@example.com",
                                           f"TEL:+1 415 555 01{i:02d}") for i in range(10)])
    real = vcard.read_vcards

    def dies_after_nine(path, **kw):
        for n, item in enumerate(real(path, **kw)):
            if n == 9:
                raise KeyboardInterrupt  # the user pressed Ctrl-C (or the machine went down)
            yield item

    monkeypatch.setattr(vcard, "read_vcards", dies_after_nine)
    stopped = cli("import", "vcard", vcf)
    assert stopped.code == 130 and "Traceback" not in stopped.out + stopped.err  # 128 + SIGINT
    # two whole batches are stored, each person with both identities and a source
    assert _table_counts(ledger) == {"people": 8, "identities": 16, "person_sources": 8}
    monkeypatch.setattr(vcard, "read_vcards", real)
    assert counts(summary(cli, "import", "vcard", vcf)) == (2, 0, 8, 0)
    assert _table_counts(ledger) == {"people": 10, "identities": 20, "person_sources": 10}


def test_progress_is_reported_while_importing(ledger, tmp_path, monkeypatch):
    import closeloop.service.contacts as contacts
    monkeypatch.setattr(contacts, "BATCH", 10)
    monkeypatch.setattr(contacts, "_CHUNK", 4)
    vcf = write(tmp_path / "c.vcf", *[card(f"u{i}", f"Person {i}", f"EMAIL:p{i}@example.com")
                                      for i in range(25)])
    assert contacts.estimate_records(vcf, "vcard") == 25
    seen: list[int] = []
    result = contacts.import_vcard(ledger, vcf, progress=seen.append)
    # every few records read, after each stored batch, and at the end
    assert result.added == 25 and seen == [4, 8, 10, 12, 16, 20, 24, 25]


def test_photos_end_a_batch_so_an_address_book_of_photos_is_not_held_at_once(ledger, tmp_path, monkeypatch):
    import base64

    import closeloop.service.contacts as contacts
    from sqlalchemy import select

    from closeloop.store.schema import people as table
    monkeypatch.setattr(contacts, "BATCH", 1000)
    monkeypatch.setattr(contacts, "_CHUNK", 1000)
    monkeypatch.setattr(contacts, "BATCH_PHOTO_BYTES", 3000)  # two 2 KB photos end a batch
    photo = base64.b64encode(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8).decode()
    vcf = write(tmp_path / "p.vcf", *[card(f"u{i}", f"Person {i}", f"EMAIL:p{i}@example.com",
                                           f"PHOTO;ENCODING=b;TYPE=JPEG:{photo}", version="3.0")
                                      for i in range(5)])
    seen: list[int] = []
    result = contacts.import_vcard(ledger, vcf, progress=seen.append)
    assert result.added == 5 and seen == [2, 4, 5]  # stored two by two, then the last one
    with ledger.reading() as conn:
        stored = conn.execute(select(table.c.photo).where(table.c.photo.is_not(None))).all()
    assert len(stored) == 5


def test_every_real_vcard_imports_or_is_reported(cli, tmp_path):
    folder = shared_data("contacts")
    files = sorted(folder.rglob("*.vcf"))
    assert len(files) > 30
    for path in files:
        result = cli("import", "vcard", path, "--json")
        assert result.code in (0, 8, EXIT_SKIPPED), (path, result.code, result.err)
        assert "Traceback" not in result.out + result.err
        if result.code == 8:
            assert result.err.startswith("error:"), result.err
            continue
        data = result.json()
        assert (result.code == EXIT_SKIPPED) == (data["skipped"] > 0), path
        for problem in data["problems"]:
            assert problem["source"].endswith(".vcf") and problem["message"]
    # the whole folder at once, again: nothing is new (a UID found in two files with
    # different cards may update once, the first card now coming first)
    data = summary(cli, "import", "vcard", folder, code=EXIT_SKIPPED)
    assert data["added"] == 0 and data["skipped"] >= 1
    assert any(p["source"].endswith("unparsable.vcf") and p["where"].startswith("card 1")
               for p in data["problems"])
    assert counts(summary(cli, "import", "vcard", folder, code=EXIT_SKIPPED))[:2] == (0, 0)


def test_a_big_file_is_parsed_aside_with_the_same_result(cli, tmp_path, monkeypatch):
    import closeloop.service.contacts as contacts
    monkeypatch.setattr(contacts, "PARALLEL_FROM", 0)  # every file counts as big
    vcf = write(tmp_path / "c.vcf", *[card(f"u{i}", f"Person {i}", f"EMAIL:p{i}@example.com")
                                      for i in range(1200)],
                "BEGIN:VCARD\r\nVERSION:4.0\r\nNOTE:nobody\r\nEND:VCARD\r\n")
    data = summary(cli, "import", "vcard", vcf, code=EXIT_SKIPPED)
    assert counts(data) == (1200, 0, 0, 1) and data["problems"][0]["where"] == "card 1201"
    assert counts(summary(cli, "import", "vcard", vcf, code=EXIT_SKIPPED)) == (0, 0, 1200, 1)


def test_a_reader_that_breaks_while_parsing_aside_is_a_clean_error(cli, tmp_path, monkeypatch):
    import closeloop.service.contacts as contacts
    import closeloop.sources.vcard as vcard
    monkeypatch.setattr(contacts, "PARALLEL_FROM", 0)
    real = vcard.read_vcards

    def breaks(path, **kw):
        for n, item in enumerate(real(path, **kw)):
            if n == 3:
                raise RuntimeError("disk on fire")
            yield item

    monkeypatch.setattr(vcard, "read_vcards", breaks)
    vcf = write(tmp_path / "c.vcf", *[card(f"u{i}", f"P {i}", f"EMAIL:p{i}@example.com") for i in range(9)])
    result = cli("import", "vcard", vcf)
    assert result.code == 8 and "disk on fire" in result.err and "Traceback" not in result.err


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_killed_import_leaves_no_parser_behind(env, tmp_path):
    """The parsing child holds copies of the database connections: it must not outlive its parent."""
    import os
    import signal
    import subprocess
    import sys
    import time

    if not Path("/proc/self/stat").exists():
        import pytest
        pytest.skip("needs /proc")
    vcf = write(tmp_path / "big.vcf", *[card(f"u{i}", f"Person {i}", f"EMAIL:p{i}@example.com",
                                             "NOTE:" + "x" * 300) for i in range(14000)])
    assert vcf.stat().st_size > (4 << 20)
    root = Path(__file__).resolve().parents[1]
    process = subprocess.Popen([sys.executable, "-c", "from closeloop.cli import main; main()",
                                "import", "vcard", str(vcf)], cwd=root, env=dict(os.environ),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    children: list[int] = []
    while time.monotonic() < deadline and not children and process.poll() is None:
        children = _children(process.pid)
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert children, "the import never started a parsing child"
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(_alive(c) for c in children):
        time.sleep(0.05)
    assert not any(_alive(c) for c in children)
