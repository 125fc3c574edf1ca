"""Find what the sender wrote: strip quoted replies, forwards, signatures, disclaimers.

``new_text(body)`` keeps the lines above the first reply or forward header
("-----Original Message-----", "On ... wrote:", an Outlook "From:/Sent:" block,
a Lotus Notes "Name / date / To:" block, "Forwarded by"), drops lines quoted
with ">", and cuts a "-- " signature, a legal disclaimer and a webmail ad
footer. ``sentences(text)`` splits that text into the units rules look at.
"""

from __future__ import annotations

import re

__all__ = ["new_text", "own_text", "sentences"]

_I = re.IGNORECASE

# A line that starts what someone else wrote: everything from here down goes.
_CUT_LINE = re.compile(
    r"""^(?:
        -{2,}\s*(?:original|forwarded)\s+(?:message|appointment|e-?mail)\s*-{2,}
      | -{2,}\s*(?:mensaje\s+original|message\s+d'origine|ursprüngliche\s+nachricht|oorspronkelijk\s+bericht|messaggio\s+originale|ursprungligt\s+meddelande)\s*-{2,}
      | -{3,}\s*forwarded\s+by\b
      | -{3,}\s*inline\s+attachment\s+follows
      | begin\s+forwarded\s+message\s*:
      | \*{0,2}from:\*{0,2}\s.{0,120}\s+on\s+\d{1,2}/\d{1,2}/\d{2,4}\b
      | from:\s.{0,100}\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d{2}
      | .{0,120}@\S*\s+on\s+\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d{2}
      | on\s.{0,200}\bwrote\s*:
      | -{2,}\s*on\s.{0,200}\bwrote\s*-{2,}
      | .{1,120}\b(?:wrote|writes|a\s+écrit|schrieb|escribió|ha\s+scritto|schreef|skrev|napisał|kirjoitti)\s*:
      | do\s+you\s+yahoo!?
      | get\s+your\s+free\s+download\s+of\s+msn
      | this\s+e-?mail\s+is\s+the\s+property\s+of\s+enron
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_ON_START = re.compile(r"^on\s.{4,}", _I)
_WROTE_END = re.compile(r"\bwrote\s*:\s*$", _I)
# Outlook's header block, also as French, German, Spanish, Dutch, Italian and
# Swedish Outlook write it ("De :", "Envoyé :", "Objet :").
_HEADER = re.compile(
    r"^\*{0,2}(from|de|von|van|da|från|sent|envoyé|gesendet|enviado|verzonden|inviato|skickat|date|datum|fecha"
    r"|to|à|an|para|aan|till|cc|subject|objet|betreff|asunto|onderwerp|oggetto|ämne)\s*:\*{0,2}", _I)
_HEADER_NAMES = {"sent": "sent", "envoyé": "sent", "gesendet": "sent", "enviado": "sent", "verzonden": "sent",
                 "inviato": "sent", "skickat": "sent", "date": "date", "datum": "date", "fecha": "date",
                 "to": "to", "à": "to", "an": "to", "para": "to", "aan": "to", "till": "to",
                 "cc": "cc", "subject": "subject", "objet": "subject", "betreff": "subject", "asunto": "subject",
                 "onderwerp": "subject", "oggetto": "subject", "ämne": "subject"}
_FROM_HEADER = re.compile(r"^\*{0,2}(?:from|de|von|van|da|från)\s*:", _I)
# Lotus Notes puts the date on its own line, maybe with a zone and, in its
# two-column layout, the "To:" or "Subject:" field after a wide gap.
_NOTES_DATE = re.compile(
    r"^\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:AM|PM)?(?:\s+[A-Z]{2,4})?"
    r"(?:\s*$|\s{2,}(?:to|cc|subject)\s*:)", _I
)
_NOTES_NEXT = re.compile(r"^(to|sent by|cc)\s*:", _I)
# A header field of a quoted message, alone on its line or after a wide gap
# (two-column layouts): "To:  Ann", "om          To:     David Foti".
_FIELD = re.compile(r"^(?:\S.{0,60}?\s{3,})?(?:to|cc|bcc|subject|sent\s+by)\s*:", _I)
_UNDERSCORES = re.compile(r"^[_=\-*]{10,}$")
_DISCLAIMER = re.compile(
    r"intended\s+(?:only\s+|solely\s+)?(?:for\s+the\s+(?:use|addressee|named|person)|recipient)"
    r"|\bprivileged\b|\bconfidential(?:ity)?\s+(?:notice|information|and)"
    r"|if\s+you\s+(?:have\s+)?received\s+this\s+(?:e-?mail|message|communication|transmission)"
    r"|strictly\s+prohibited|\bdisclaimer\b|is\s+the\s+property\s+of",
    _I,
)
# Trailing junk some exports leave on lines: quoted-printable tab/space codes.
_QP_TAIL = re.compile(r"(?:=20|=09)+$")


def _clean(line: str) -> str:
    line = line.strip()  # new_text turned no-break spaces into spaces already
    if line.endswith(("=20", "=09")):
        line = _QP_TAIL.sub("", line).strip()
    return line


# Lines that might start someone else's text, found with fast scans of the whole
# body (case-insensitive regexes without a literal prefix are slow); each
# candidate is then checked line by line.
_CANDIDATE = re.compile(
    r"\n[ \t]*(?:-{2,}|[_=*]{10,}|\d{1,2}/\d{1,2}/\d{2,4}|\*{0,2}(?:[Ff][Rr][Oo][Mm]|[Dd][Ee]|[Vv][Oo][Nn]|[Vv]an|[Dd]a|[Ff]rån)\s*:|\*{0,2}[Ff][Rr][Oo][Mm]\b|[Oo][Nn]\s|[Tt][Oo]:"
    r"|[Bb][Ee][Gg][Ii][Nn]\s+[Ff]orwarded|[Dd]o\s+[Yy]ou\s+[Yy]ahoo|[Gg]et\s+[Yy]our\s+[Ff][Rr][Ee][Ee]"
    r"|[Tt]his\s+e-?mail\s+is)"
)
_NOTES_ON = re.compile(r"@\S*\s+on\s+\d")
_WROTE_WORDS = ("wrote", "writes", "schrieb", "a écrit", "escribió", "ha scritto", "schreef", "skrev", "napisał",
                "kirjoitti")


def _candidate_lines(body: str) -> list[int]:
    offsets = [m.start() for m in _CANDIDATE.finditer("\n" + body)]
    offsets += [m.start() for m in _NOTES_ON.finditer(body)]
    low = body.lower()
    for word in _WROTE_WORDS:
        pos = low.find(word)
        while pos >= 0:
            offsets.append(pos)
            pos = low.find(word, pos + 1)
    lines: list[int] = []
    line_no = pos = 0
    for offset in sorted(set(offsets)):
        line_no += body.count("\n", pos, offset)
        pos = offset
        if not lines or lines[-1] != line_no:
            lines.append(line_no)
    return lines


def _is_cut(raw: list[str], i: int) -> int | None:
    """Where someone else's text starts if line ``i`` begins it, else None."""
    n = len(raw)
    line = _clean(raw[i])
    if not line:
        return None
    after = [_clean(x) for x in raw[i + 1 : i + 5]]
    if line[0].isdigit():
        # Lotus Notes: "Name\n10/23/2000 09:12 AM\nTo: ..." (name line optional),
        # or the two-column form where To: and cc: come before the date line.
        if not _NOTES_DATE.match(line):
            return None
        before = [_clean(x) for x in raw[max(0, i - 3) : i]]
        if any(_NOTES_NEXT.match(x) for x in after[:3]):
            prev = i - 1
            while prev >= 0 and not raw[prev].strip():
                prev -= 1
            return prev if prev >= 0 and i - prev <= 2 else i
        if before and _FIELD.match(before[-1]):
            # Walk up over the block: field lines, and the sender's (wrapped) address.
            start = i
            while start > 0 and i - start < 4:
                above = _clean(raw[start - 1])
                if not above or not (_FIELD.match(above) or "@" in above):
                    break
                start -= 1
            return start
        return None
    if line[:3].lower() == "to:" and any(x.strip() for x in raw[:i]) and any(
        h and _HEADER_NAMES.get(h.group(1).lower()) in ("cc", "subject") for h in map(_HEADER.match, after[:2])
    ):
        return i  # a quoted message's "To: / cc: / Subject:" block without its From line
    if _UNDERSCORES.match(line) and after and _HEADER.match(after[0]):
        return i  # an underscore rule directly above a header block
    if _CUT_LINE.match(line):
        return i
    # "On Tue, 3 May 2001, John Smith" / "<js@x.com> wrote:" over two lines.
    if line[:3].lower() == "on " and i + 1 < n and after and _WROTE_END.search(after[0]):
        return i
    # Outlook and webmail header blocks: "From: ..." then Sent/Date/To within 4 lines.
    if _FROM_HEADER.match(line):
        for nxt in after:
            h = _HEADER.match(nxt)
            if h and _HEADER_NAMES.get(h.group(1).lower()) in ("sent", "date", "to", "subject"):
                return i
    return None


def _cut_index(body: str, raw: list[str]) -> int:
    """Index of the first line that begins someone else's text, or len(raw)."""
    for line_no in _candidate_lines(body):
        cut = _is_cut(raw, line_no)
        if cut is not None:
            return cut
    return len(raw)


_DISCLAIMER_HINTS = ("intended", "privileged", "confidential", "received this", "prohibited", "disclaimer", "property of")


def _has_disclaimer(lines: list[str]) -> bool:
    joined = " ".join(lines)
    low = joined.lower()
    return any(h in low for h in _DISCLAIMER_HINTS) and bool(_DISCLAIMER.search(joined))


def _strip_disclaimer(lines: list[str]) -> list[str]:
    """Drop a trailing legal disclaimer paragraph (never the first paragraph)."""
    low = "\n".join(lines).lower()
    if not any(h in low for h in _DISCLAIMER_HINTS):
        return lines  # most mail: no paragraph to test
    seen_text = False
    for i, line in enumerate(lines):
        if not line:
            continue
        para_start = i == 0 or not lines[i - 1]
        if para_start and seen_text and _has_disclaimer(lines[i : i + 3]):
            return lines[:i]
        if seen_text and line[0] in "_=-*" and _UNDERSCORES.match(line) and _has_disclaimer(lines[i + 1 : i + 4]):
            return lines[:i]
        seen_text = True
    return lines


def own_text(body: str) -> str:
    """``body`` without what others wrote (quoted replies, forwards), but with
    the sender's signature and footer, where a mailing's unsubscribe line is."""
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    raw_lines = body.split("\n")
    kept = raw_lines[: _cut_index(body, raw_lines)]
    return "\n".join(line for line in kept if not line.lstrip().startswith((">", "|>")))


def quoted_text(body: str) -> str:
    """What ``body`` quotes or forwards of others' mail: the part ``new_text`` leaves
    out, with the ">" of quoted lines removed (the sender's signature is not in it)."""
    if not body:
        return ""
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    raw_lines = body.split("\n")
    cut = _cut_index(body, raw_lines)
    out = []
    for i, line in enumerate(raw_lines):
        stripped = line.lstrip()
        if stripped.startswith((">", "|>")):
            out.append(stripped.lstrip(">| "))
        elif i >= cut:
            out.append(line)
    return "\n".join(out)


def new_text(body: str) -> str:
    """The part of ``body`` the sender wrote in this message."""
    if not body:
        return ""
    body = body.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    raw_lines = body.split("\n")
    lines = [_clean(line) for line in raw_lines[: _cut_index(body, raw_lines)]]
    kept: list[str] = []
    for raw, line in zip(raw_lines, lines):
        if line.startswith(">") or line.startswith("|>"):
            continue
        if line == "--" and raw.startswith("--"):
            break  # "-- " signature separator
        kept.append(line)
    # A quoted block's attribution line ("John Smith wrote:") may precede ">" lines.
    kept = _strip_disclaimer(kept)
    # Remove trailing decoration lines and blank lines.
    while kept and (not kept[-1] or _UNDERSCORES.match(kept[-1])):
        kept.pop()
    while kept and not kept[0]:
        kept.pop(0)
    # Collapse runs of blank lines to one.
    out: list[str] = []
    for line in kept:
        if not line and out and not out[-1]:
            continue
        out.append(line)
    return "\n".join(out)


# Not after a title ("Ms. Hana Sato", "Dr. Okafor").
_TITLES = (r"(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bMrs\.)(?<!\bProf\.)(?<!\bSt\.)(?<!\bJr\.)(?<!\bSr\.)(?<!\bMt\.)"
           r"(?<!\bi\.e\.)(?<!\be\.g\.)(?<!\bvs\.)(?<!\bcf\.)")
_SENTENCE_END = re.compile(r"(?<=[.!?])" + _TITLES + r"[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|(?<=\?)\s+(?=\()")
# People who write in lower case end a sentence with "?" or "!" before a lower-case
# word too ("r u free tmrw? want to pick ur brain"); in other text such a "?" is
# more often a character the mail lost ("my fianc? and I").
_LOWER_CASE_END = re.compile(r"(?<=[.!?])" + _TITLES + r"[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|(?<=[?!])\s+(?=[a-z])")
_NO_UPPER = str.maketrans("", "", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_LIST_ITEM = re.compile(r"^(?:[-*•o]\s|\d{1,2}[.)]\s|[a-z][.)]\s)")


def sentences(text: str) -> list[str]:
    """Split text into sentences, keeping short lines (greetings, sign-offs) apart.

    Mail wraps lines at ~70 columns, so a line joins the previous one when the
    previous one was long and did not end a sentence.
    """
    segments: list[str] = []
    current = ""
    last_len = 0
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            if current:
                segments.append(current)
            current = ""
            continue
        if current and last_len >= 40 and current[-1] not in ".!?:" and not _LIST_ITEM.match(line):
            current += " " + line
        else:
            if current:
                segments.append(current)
            current = line
        last_len = len(line)
    if current:
        segments.append(current)
    out: list[str] = []
    # Fewer than 1 in 50 characters in upper case: a writer who doesn't use capitals.
    splitter = _LOWER_CASE_END if (len(text) - len(text.translate(_NO_UPPER))) * 50 < len(text) else _SENTENCE_END
    for seg in segments:
        for s in splitter.split(seg):
            s = s.strip()
            if s:
                out.append(s)
    return out
