"""`closeloop doctor`: is everything in order, and is anything stuck?"""

from __future__ import annotations

from dataclasses import dataclass

from closeloop.service import Ledger
from closeloop.service.config import delivery_settings
from closeloop.service.templates import Renderer
from closeloop.store import outbox as outbox_store
from closeloop.store import people as people_store
from closeloop.store.db import HEAD, schema_version


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    ok: bool
    detail: str


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url
    return make_url(url).render_as_string(hide_password=True)


def doctor(ledger: Ledger) -> list[Check]:
    checks = []
    version = schema_version(ledger.engine)
    url = ledger.settings.database_url if ledger.settings else str(ledger.engine.url)
    checks.append(Check("database", version == HEAD,
                        f"{_safe_url(url)} at schema {version} (expected {HEAD})"))
    with ledger.reading() as conn:
        me = people_store.me_id(conn)
        person = people_store.load_person(conn, me) if me else None
        values = delivery_settings(conn)
        waiting = outbox_store.unsent(conn)
        last_digest = outbox_store.latest(conn, "digest")
    checks.append(Check("you", bool(person and person.emails),
                        f"{person.name} <{', '.join(person.emails)}>" if person and person.emails
                        else "not set: closeloop me --name \"Your Name\" --email you@example.com"))
    if values["smtp_host"]:
        password_missing = values["smtp_user"] and not (ledger.settings and ledger.settings.smtp_password)
        checks.append(Check("smtp", not password_missing,
                            f"{values['smtp_host']}:{values['smtp_port']} ({values['smtp_security']})"
                            + ("; CLOSELOOP_SMTP_PASSWORD is not set" if password_missing else "")))
    else:
        checks.append(Check("smtp", True, "not set: digests are printed, not mailed "
                                          "(closeloop config smtp_host ...)"))
    failed = [w for w in waiting if w.status == "failed"]
    if waiting:
        latest_error = failed[-1].last_error if failed else None
        detail = (f"{len(waiting)} message(s) waiting to be sent ({len(failed)} failed"
                  + (f"; last error: {latest_error}" if latest_error else "") +
                  "); `closeloop digest --send` retries")
    else:
        detail = "nothing waiting"
    checks.append(Check("outbox", not failed, detail))
    if last_digest is not None:
        when = last_digest.sent_at or last_digest.created_at
        checks.append(Check("last digest", last_digest.status == "sent",
                            f"{last_digest.status} {when.astimezone():%Y-%m-%d %H:%M}"))
    renderer = Renderer(ledger.settings.config_dir if ledger.settings else None)
    broken = _template_errors(renderer)
    checks.append(Check("templates", not broken, "; ".join(broken) if broken else
                        "closeloop's own" if renderer.user_dir is None or not (
                            renderer.user_dir / "templates").is_dir()
                        else f"yours, in {renderer.user_dir / 'templates'}"))
    return checks


def _template_errors(renderer: Renderer) -> list[str]:
    from jinja2 import Environment, TemplateSyntaxError
    if renderer.user_dir is None or not (renderer.user_dir / "templates").is_dir():
        return []
    errors = []
    for path in sorted((renderer.user_dir / "templates").glob("*.j2")):
        try:
            Environment().parse(path.read_text(encoding="utf-8"))
        except TemplateSyntaxError as exc:
            errors.append(f"{path}, line {exc.lineno}: {exc.message}")
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(f"{path}: {exc}")
    return errors
