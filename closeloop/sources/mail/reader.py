"""Stream messages from mbox files, Maildirs, folders of .eml or raw RFC 822 files.

``read_raw(paths)`` yields ``(source, raw bytes)`` for each message found, or
a ``Problem`` for a file that cannot be read, in a stable order, and never
raises for bad input; parsing is left to the caller, so that an importer can
parse in a process pool. ``read_messages(paths)`` is ``read_raw`` followed by
``parse_message``: one ``Message`` or one ``Problem`` per message. An mbox
(also .gz/.xz/.bz2 compressed) is read line by line so memory does not grow
with its size; a message inside it is named ``path#index`` (0-based).
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import os
import re
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

from closeloop.core.message import Message
from closeloop.core.problems import Problem

from .parse import parse_message

__all__ = ["Unread", "read_messages", "read_one", "read_raw", "parse_raw"]

_OPENERS = {".gz": gzip.open, ".xz": lzma.open, ".lzma": lzma.open, ".bz2": bz2.open}
# Files a Maildir server keeps beside the mail; they are not messages.
_MAILDIR_META = re.compile(r"^(dovecot|courier|maildirfolder$|subscriptions$|\.)")
_ENVELOPE = re.compile(rb"^From \S+\s+\S")
_ESCAPED_FROM = re.compile(rb"^>(>*From )")
_DIGITS = re.compile(r"(\d+)")
_MAX_FILE = 200 * 1024 * 1024
_FIRST_READ = 256 * 1024


def _natural(name: str) -> list:
    return [int(p) if p.isdigit() else p for p in _DIGITS.split(name)]


def _open(path: str) -> BinaryIO:
    opener = _OPENERS.get(os.path.splitext(path)[1].lower())
    return opener(path, "rb") if opener else open(path, "rb")  # type: ignore[return-value]


Raw = tuple[str, bytes]


def _read_mbox(stream: BinaryIO, name: str, first: bytes) -> Iterator[Raw]:
    index = 0
    lines: list[bytes] = []
    previous_blank = True

    def emit() -> Raw:
        return f"{name}#{index}", b"".join(lines)

    for line in _chain(first, stream):
        if line.startswith(b"From ") and previous_blank and _ENVELOPE.match(line):
            if lines:
                yield emit()
                index += 1
            lines = []
            previous_blank = False
            continue  # the envelope line is not part of the message
        if line.startswith(b">") and _ESCAPED_FROM.match(line):
            line = line[1:]
        lines.append(line)
        previous_blank = line in (b"\n", b"\r\n")
    if lines:
        yield emit()


def _chain(head: bytes, stream: BinaryIO) -> Iterator[bytes]:
    """The lines of ``head`` (already read) and then of the rest of ``stream``."""
    if not head:
        yield from stream
        return
    lines = head.split(b"\n")
    last = lines.pop()  # unfinished: it continues in the stream
    for line in lines:
        yield line + b"\n"
    rest = stream.readline() if last else b""
    if last or rest:
        yield last + rest
    yield from stream


def parse_raw(item: Raw | Problem,
              skip_body: Callable[[Message], bool] | None = None) -> Message | Problem:
    """``parse_message`` on one item of ``read_raw``; never raises.

    A module-level function of one picklable argument, so that it can be
    handed to ``ProcessPoolExecutor.map`` or ``multiprocessing.Pool.imap``.
    """
    if isinstance(item, Problem):
        return item
    source, raw = item
    try:
        return parse_message(raw, source, skip_body=skip_body)
    except Exception as exc:  # one bad message never stops the run
        return Problem(source, "", f"unreadable message: {type(exc).__name__}: {exc}")


def _read_file(path: str) -> Iterator[Raw | Problem]:
    name = str(path)
    try:
        stream = _open(name)
    except OSError as exc:
        yield Problem(name, "", f"cannot open: {exc.strerror or exc}")
        return
    try:
        with stream:
            # One read holds a whole message file (most are a few KB); an mbox
            # goes on streaming line by line from where that read stopped.
            head = _head(stream)
            if _is_mbox(head):
                yield from _read_mbox(stream, name, head)
                return
            yield _whole(stream, name, head)
    except (OSError, EOFError, lzma.LZMAError) as exc:
        yield Problem(name, "", f"cannot read: {exc}")


def _head(stream: BinaryIO) -> bytes:
    head = stream.read(_FIRST_READ)
    if head.startswith(b"From ") and b"\n" not in head:
        head += stream.readline()  # the whole envelope line, to test it
    return head


def _is_mbox(head: bytes) -> bool:
    return head.startswith(b"From ") and _ENVELOPE.match(head) is not None


def _whole(stream: BinaryIO, name: str, head: bytes) -> Raw | Problem:
    if len(head) < _FIRST_READ:
        return name, head
    rest = stream.read(_MAX_FILE - _FIRST_READ)
    if stream.read(1):
        return Problem(name, "", f"too large for one message (over {_MAX_FILE // 2**20} MB) and not an mbox")
    return name, head + rest


def read_one(path: str) -> Raw | Problem | None:
    """The message in one file (as ``read_raw`` gives it), or None if the file is an mbox.

    For the files ``read_raw(..., defer_files=True)`` leaves unread: a worker
    process can read and parse them. An mbox is left to ``read_raw([path])``,
    which streams it instead of holding it whole.
    """
    try:
        stream = _open(path)
    except OSError as exc:
        return Problem(path, "", f"cannot open: {exc.strerror or exc}")
    try:
        with stream:
            head = _head(stream)
            return None if _is_mbox(head) else _whole(stream, path, head)
    except (OSError, EOFError, lzma.LZMAError) as exc:
        return Problem(path, "", f"cannot read: {exc}")


class Unread(str):
    """The path of a file in a mail folder that ``read_raw`` did not read (see ``read_one``)."""

    __slots__ = ()


def _walk(root: str) -> Iterator[str]:
    """Every file under root in natural order, skipping Maildir tmp/ and metadata."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: _natural(e.name))
    except OSError:
        return
    names = {e.name for e in entries}
    is_maildir = {"cur", "new"} <= names
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            if is_maildir and entry.name == "tmp":
                continue  # messages still being delivered
            yield from _walk(entry.path)
        elif entry.is_file():
            if _MAILDIR_META.match(entry.name):
                continue
            yield entry.path


def read_raw(paths: Iterable[str | os.PathLike[str]], *,
             defer_files: bool = False) -> Iterator[Raw | Problem | Unread]:
    """The raw bytes of every message under ``paths``, with its source name.

    Yields ``(source, raw)`` per message (an mbox envelope line removed and
    ">From " lines unescaped), or a Problem for a path or file that cannot be
    read. Cheap: no parsing, so parsing can run elsewhere (see ``parse_raw``).
    With ``defer_files``, a file found inside a folder is yielded unread, as
    an ``Unread`` path, for another process to read with ``read_one``.
    """
    for given in paths:
        path = os.fspath(given)
        if os.path.isdir(path):
            for file in _walk(path):
                if defer_files:
                    yield Unread(file)
                else:
                    yield from _read_file(file)
        elif os.path.isfile(path):
            yield from _read_file(path)
        else:
            yield Problem(path, "", "no such file or directory")


def read_messages(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Message | Problem]:
    """Every message under ``paths``, each as a Message or a Problem naming its source."""
    for item in read_raw(paths):
        yield parse_raw(item)
