"""The daily digest: one mail with everything due, grouped, each with its draft.

Whatever closeloop sends goes through the outbox: it is stored first, then
sent; a failure leaves it there, marked failed with the server's answer, and
the next `closeloop digest --send` (or `closeloop serve`) tries again.
`closeloop doctor` shows what is waiting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from urllib.parse import quote

from closeloop.core.due import Action, DueItem
from closeloop.errors import ConfigError
from closeloop.service import Ledger
from closeloop.service.agenda import today
from closeloop.service.config import delivery_settings
from closeloop.service.smtp import SendFailed, SmtpSettings, send
from closeloop.service.templates import Renderer
from closeloop.store import outbox as store
from closeloop.store import people as people_store

GROUPS = ((Action.THANK, "Thank"), (Action.REPLY, "Reply"), (Action.REPORT, "Report back"),
          (Action.CHECK_IN, "Check in"), (Action.FOLLOW_UP, "Follow up"),
          (Action.KEEP_IN_TOUCH, "Keep in touch"))
DIGEST_LIMIT = 100


@dataclass(frozen=True, slots=True)
class Digest:
    subject: str
    text: str
    html: str
    total: int
    items: tuple[DueItem, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SendReport:
    sent: int
    failed: int
    skipped_reason: str | None = None
    error: str | None = None


def mailto(item: DueItem, subject: str) -> str | None:
    if not item.email:
        return None
    return f"mailto:{item.email}?subject={quote(subject)}&body={quote(item.draft)}"


def item_link(web_url: str, item: DueItem) -> str:
    return f"{web_url.rstrip('/')}/items/{item.key}"


def build_digest(ledger: Ledger) -> Digest:
    now = ledger.now()
    agenda = today(ledger, limit=DIGEST_LIMIT)
    with ledger.reading() as conn:
        settings = delivery_settings(conn)
        me = people_store.me_id(conn)
        my_name = people_store.load_person(conn, me).name if me else ""
    web_url = settings["web_url"].rstrip("/")
    local = now.astimezone()
    subject = (f"closeloop: {agenda.total} follow-up{'s' if agenda.total != 1 else ''} "
               f"for {local:%a} {local.day} {local:%b}")
    groups = []
    for action, title in GROUPS:
        members = [i for i in agenda.items if i.action == action]
        if members:
            groups.append({"title": title, "entries": [
                {"person": i.person, "overdue": i.overdue, "why": i.why, "draft": i.draft.rstrip(),
                 "key": i.key, "link": item_link(web_url, i),
                 "mailto": mailto(i, mail_subject(i))} for i in members]})
    first = my_name.split()[0] if my_name else "there"
    context = {"subject": subject, "greeting": f"Good morning, {first}.", "groups": groups,
               "total": agenda.total, "more": agenda.total - len(agenda.items),
               "web_url": web_url}
    renderer = Renderer(ledger.settings.config_dir if ledger.settings else None)
    text = renderer.render("digest.txt.j2", context)
    html = renderer.render("digest.html.j2", context)
    return Digest(subject, text, html, agenda.total, agenda.items,
                  tuple(agenda.warnings) + tuple(renderer.warnings))


def mail_subject(item: DueItem) -> str:
    return {Action.THANK: "Thank you", Action.REPORT: "How it went",
            Action.CHECK_IN: "How did it go?", Action.FOLLOW_UP: "Following up",
            Action.KEEP_IN_TOUCH: "Catching up", Action.REPLY: "Re: your message"}[item.action]


def smtp_settings(ledger: Ledger, values: dict[str, str]) -> SmtpSettings:
    password = ledger.settings.smtp_password if ledger.settings else None
    return SmtpSettings(values["smtp_host"], int(values["smtp_port"]), values["smtp_security"],
                        values["smtp_user"], password)


def addresses(ledger: Ledger) -> tuple[str, str, dict[str, str]]:
    """(from, to, delivery settings) for what closeloop sends the user."""
    with ledger.reading() as conn:
        values = delivery_settings(conn)
        me = people_store.me_id(conn)
        my_email = (people_store.load_person(conn, me).emails or ("",))[0] if me else ""
    sender = values["smtp_from"] or my_email
    to = values["digest_to"] or my_email
    if not sender or not to:
        raise ConfigError("closeloop doesn't know where to send: set your address with "
                          "`closeloop me --email you@example.com` (or config digest_to)")
    return sender, to, values


def compose(sender: str, to: str, subject: str, text: str, html: str | None,
            now: datetime) -> EmailMessage:
    message = EmailMessage(policy=SMTP)
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1] or "closeloop")
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    return message


def send_digest(ledger: Ledger, *, force: bool = False, context=None) -> SendReport:
    """Queue today's digest (once a day unless ``force``) and send everything waiting."""
    now = ledger.now()
    sender, to, values = addresses(ledger)
    if not values["smtp_host"]:
        raise ConfigError("no SMTP server is set: closeloop config smtp_host smtp.example.com "
                          "(until then, `closeloop digest` prints the digest)")
    with ledger.reading() as conn:
        last = store.latest(conn, "digest")
    already = last is not None and last.sent_at is not None and \
        last.sent_at.astimezone().date() == now.astimezone().date()
    skipped = None
    if already and not force:
        skipped = "today's digest was already sent (--force sends another)"
    else:
        digest = build_digest(ledger)
        if digest.total == 0 and not force:
            skipped = "nothing is due today: no digest"
        else:
            message = compose(sender, to, digest.subject, digest.text, digest.html, now)
            with ledger.transaction() as conn:
                for stale in store.unsent(conn, "digest"):
                    store.supersede(conn, stale.id)
                store.queue(conn, "digest", to, digest.subject, message.as_string(), now)
    sent, failed, error = flush_outbox(ledger, smtp_settings(ledger, values), context)
    return SendReport(sent, failed, skipped, error)


def flush_outbox(ledger: Ledger, settings: SmtpSettings, context=None) -> tuple[int, int, str | None]:
    """Try to send everything unsent; each result is recorded."""
    from email import message_from_string

    with ledger.reading() as conn:
        waiting = store.unsent(conn)
    sent = failed = 0
    error = None
    for item in waiting:
        now = ledger.now()
        try:
            send(settings, message_from_string(item.message, _class=EmailMessage, policy=SMTP),
                 context)
        except (SendFailed, ConfigError) as exc:
            failed += 1
            error = str(exc)
            with ledger.transaction() as conn:
                store.mark(conn, item.id, now, error)
            if isinstance(exc, ConfigError) or "cannot reach" in error or "login failed" in error:
                break  # the server is out of reach: the rest would fail the same way
        else:
            sent += 1
            with ledger.transaction() as conn:
                store.mark(conn, item.id, now, None)
    return sent, failed, error


def scheduled_send(ledger: Ledger) -> SendReport | None:
    """What `closeloop serve` does every few minutes: send today's digest once the
    configured hour has come, and retry whatever waits in the outbox.

    Returns None when there was nothing to do (no SMTP set, too early, already
    sent and nothing waiting).
    """
    now = ledger.now()
    with ledger.reading() as conn:
        values = delivery_settings(conn)
        last = store.latest(conn, "digest")
        waiting = store.unsent(conn)
    if not values["smtp_host"]:
        return None
    local = now.astimezone()
    sent_today = last is not None and last.created_at.astimezone().date() == local.date()
    if local.hour >= int(values["digest_hour"]) and not sent_today:
        return send_digest(ledger)
    if waiting:
        sent, failed, error = flush_outbox(ledger, smtp_settings(ledger, values))
        return SendReport(sent, failed, None, error)
    return None
