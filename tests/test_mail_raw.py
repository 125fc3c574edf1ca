"""read_raw gives the bytes read_messages parses, so an importer can parse in a process pool."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

from closeloop.core.message import Message
from closeloop.core.problems import Problem
from closeloop.sources.mail import parse_message, parse_raw, read_messages, read_raw

ONE = b"From: Ann <ann@x.org>\nTo: me@y.org\nSubject: s\nMessage-ID: <m1@x>\n\nCould you send me the file?\n"


def _tree(tmp_path):
    box = (
        b"From a@b Mon Jan  1 00:00:00 2001\n" + ONE + b"\n>From the desk of Ann\n\n"
        b"From b@c Mon Jan  1 00:00:00 2001\nFrom: b@c\nSubject: two\n\nhello\n"
    )
    (tmp_path / "mail" / "inbox").mkdir(parents=True)
    (tmp_path / "mail" / "inbox" / "1").write_bytes(ONE)
    (tmp_path / "mail" / "box.mbox").write_bytes(box)
    (tmp_path / "mail" / "inbox" / "2").write_bytes(b"\x89PNG not mail")
    return [tmp_path / "mail", tmp_path / "missing"]


def test_read_raw_yields_source_and_bytes_or_a_problem(tmp_path):
    paths = _tree(tmp_path)
    items = list(read_raw(paths))
    sources = [i.source if isinstance(i, Problem) else i[0] for i in items]
    root = tmp_path / "mail"
    assert sources == [f"{root}/box.mbox#0", f"{root}/box.mbox#1", f"{root}/inbox/1", f"{root}/inbox/2",
                       str(tmp_path / "missing")]
    source, raw = items[0]
    assert raw.startswith(b"From: Ann") and b"\nFrom the desk of Ann" in raw  # envelope gone, >From unescaped
    assert items[2] == (f"{root}/inbox/1", ONE)
    assert isinstance(items[-1], Problem) and "no such file" in items[-1].message


def test_read_messages_is_read_raw_then_parse(tmp_path):
    paths = _tree(tmp_path)
    direct = list(read_messages(paths))
    assert [parse_raw(i) for i in read_raw(paths)] == direct
    assert [type(i) for i in direct] == [Message, Message, Message, Problem, Problem]
    assert parse_message(ONE, "x") == parse_raw(("x", ONE))


def test_parse_raw_runs_in_a_process_pool(tmp_path):
    paths = _tree(tmp_path)
    with ProcessPoolExecutor(max_workers=2) as pool:
        pooled = list(pool.map(parse_raw, read_raw(paths), chunksize=2))
    assert pooled == list(read_messages(paths))
