"""`closeloop serve`: the web app and the JSON API over the same ledger."""

from __future__ import annotations

import threading

import typer

from closeloop.cli import app
from closeloop.errors import CloseloopError, ConfigError
from closeloop.settings import load_settings

DIGEST_CHECK_SECONDS = 300


def _digest_loop(stop: threading.Event) -> None:
    """Send the daily digest at its hour and retry the outbox, while the server runs."""
    from closeloop.service import open_ledger
    from closeloop.service.digest import scheduled_send
    while not stop.wait(DIGEST_CHECK_SECONDS):
        try:
            report = scheduled_send(open_ledger())
        except CloseloopError as exc:  # kept in the outbox; doctor shows it
            typer.echo(f"digest: {exc}", err=True)
            continue
        if report and report.error:
            typer.echo(f"digest: {report.error} (kept in the outbox, retried later)", err=True)


@app.command()
def serve(host: str = typer.Option("127.0.0.1", "--host",
                                   help="Address to listen on. Anything but loopback needs "
                                        "CLOSELOOP_WEB_TOKEN set."),
          port: int = typer.Option(8765, "--port", min=1, max=65535, help="Port to listen on.")) -> None:
    """Start the web app (pages and /api/v1) on this machine."""
    from closeloop.web.security import is_loopback
    token = load_settings().web_token
    if not is_loopback(host) and token is None:
        raise ConfigError(f"refusing to listen on {host} without a token: anyone who can reach it "
                          f"could read and change your ledger. Set CLOSELOOP_WEB_TOKEN to a long "
                          f"random secret (it is then needed to log in), or keep the default "
                          f"--host 127.0.0.1")
    if token is not None and len(token) < 12:
        raise ConfigError("CLOSELOOP_WEB_TOKEN is too short: use at least 12 characters")
    import uvicorn

    from closeloop.service import open_ledger
    from closeloop.web import create_app
    open_ledger()  # fail now, with a clear message, if the database can't be opened
    web = create_app(token=token, allowed_hosts=(host,))
    typer.echo(f"closeloop is at http://{'[' + host + ']' if ':' in host else host}:{port}/ "
               f"(Ctrl-C stops it)" + ("; log in with CLOSELOOP_WEB_TOKEN" if token else ""))
    stop = threading.Event()
    threading.Thread(target=_digest_loop, args=(stop,), daemon=True, name="digest").start()
    try:
        uvicorn.run(web, host=host, port=port, log_level="warning", server_header=False)
    finally:
        stop.set()
