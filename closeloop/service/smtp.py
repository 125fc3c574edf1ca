"""Sending mail over SMTP: the one place closeloop talks to a mail server to send."""

from __future__ import annotations

import smtplib
import socket
import ssl
from dataclasses import dataclass
from email.message import EmailMessage

from closeloop.errors import ConfigError, SourceError


class SendFailed(SourceError):
    """The SMTP server could not be reached, refused the login or the message."""


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    host: str
    port: int
    security: str  # starttls, tls, none
    user: str
    password: str | None
    timeout: float = 30.0

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"


def send(settings: SmtpSettings, message: EmailMessage,
         context: ssl.SSLContext | None = None) -> None:
    if not settings.host:
        raise ConfigError("no SMTP server is set: closeloop config smtp_host smtp.example.com")
    context = context or ssl.create_default_context()
    try:
        if settings.security == "tls":
            client = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                      context=context)
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        with client:
            if settings.security == "starttls":
                client.starttls(context=context)
            if settings.user:
                if settings.password is None:
                    raise ConfigError("the SMTP password is not set: put it in "
                                      "CLOSELOOP_SMTP_PASSWORD")
                client.login(settings.user, settings.password)
            client.send_message(message)
    except smtplib.SMTPAuthenticationError as exc:
        raise SendFailed(f"SMTP login failed for {settings.user} at {settings.where}: "
                         f"{exc.smtp_code} {_text(exc.smtp_error)}") from exc
    except smtplib.SMTPNotSupportedError as exc:
        raise SendFailed(f"{settings.where} does not support {settings.security.upper()} "
                         f"or login: {exc}") from exc
    except smtplib.SMTPRecipientsRefused as exc:
        refused = ", ".join(f"{a} ({c} {_text(m)})" for a, (c, m) in exc.recipients.items())
        raise SendFailed(f"{settings.where} refused the recipients: {refused}") from exc
    except smtplib.SMTPResponseException as exc:
        raise SendFailed(f"{settings.where} refused the message: {exc.smtp_code} "
                         f"{_text(exc.smtp_error)}") from exc
    except (smtplib.SMTPException, ssl.SSLError) as exc:
        raise SendFailed(f"sending through {settings.where} failed: {exc}") from exc
    except (ConnectionError, socket.timeout, socket.gaierror, OSError) as exc:
        raise SendFailed(f"cannot reach the SMTP server {settings.where}: "
                         f"{exc.strerror or exc}") from exc


def _text(value) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
