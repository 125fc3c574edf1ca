"""A real Dovecot IMAP server on 127.0.0.1 for tests, started from a temp dir.

``ImapServer.start()`` writes a dovecot.conf, a passwd-file with one user, a
self-signed certificate and a Maildir root into a fresh temp dir, and runs
``dovecot -F`` on two free ports: ``port`` (plain IMAP with STARTTLS) and
``ssl_port`` (IMAP over TLS). Dovecot refuses to run its mail processes as
root, so when the tests run as root the whole server runs as ``nobody`` (or a
``closeloop-imap`` user it creates); otherwise it runs as the current user.

The ``imap_server`` fixture skips when Dovecot is not installed (Debian:
``apt-get install dovecot-imapd``), but fails when ``CLOSELOOP_REQUIRE_IMAP=1``
so that CI cannot silently skip these tests.
"""

from __future__ import annotations

import contextlib
import imaplib
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

DOVECOT_PACKAGES = ("dovecot-imapd",)  # pulls in dovecot-core
UNPRIVILEGED_USERS = ("nobody", "closeloop-imap")

CONFIG = """\
# Written by tests/imap_server.py: a throwaway server, loopback only.
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
shutdown_clients = yes

default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
first_valid_uid = 1
first_valid_gid = 1

ssl = yes
ssl_cert = <{root}/cert.pem
ssl_key = <{root}/key.pem
{ssl_dh}
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
auth_verbose = yes

passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
mail_location = maildir:{root}/mail/%u
mail_uid = {uid}
mail_gid = {gid}

service imap-login {{
  chroot =
  user = {user}
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {ssl_port}
    ssl = yes
  }}
}}
service imap {{
  user = {user}
}}
service auth {{
  user = {user}
  unix_listener auth-userdb {{
    user = {user}
  }}
}}
service auth-worker {{
  user = {user}
}}
service anvil {{
  chroot =
  user = {user}
  # No auth penalty socket, so no growing delays after the wrong-password test.
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service stats {{
  user = {user}
}}
service log {{
  user = {user}
}}
service config {{
  user = {user}
}}
service imap-hibernate {{
  user = {user}
}}
service indexer-worker {{
  user = {user}
}}
service pop3-login {{
  chroot =
}}
service submission-login {{
  chroot =
}}
"""


class DovecotUnavailable(RuntimeError):
    """Dovecot is not installed, or cannot be started on this machine."""


def dovecot_binary() -> str | None:
    return shutil.which("dovecot") or next(
        (p for p in ("/usr/sbin/dovecot", "/usr/local/sbin/dovecot") if os.access(p, os.X_OK)),
        None,
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run_as() -> pwd.struct_passwd:
    """The account the server runs as: the current one unless we are root."""
    if os.geteuid() != 0:
        return pwd.getpwuid(os.geteuid())
    for name in UNPRIVILEGED_USERS:
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    name = UNPRIVILEGED_USERS[-1]
    subprocess.run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name],
        check=True,
        capture_output=True,
    )
    return pwd.getpwnam(name)


def _write_certificate(cert: Path, key: Path) -> None:
    """A self-signed certificate for localhost and 127.0.0.1, valid two days."""
    try:
        _certificate_with_cryptography(cert, key)
    except ImportError:
        openssl = shutil.which("openssl")
        if openssl is None:
            raise DovecotUnavailable("need the 'cryptography' package or the openssl CLI") from None
        subprocess.run(
            [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
             "-nodes", "-days", "2", "-subj", "/CN=localhost",
             "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
             "-keyout", str(key), "-out", str(cert)],
            check=True,
            capture_output=True,
        )


def _certificate_with_cryptography(cert: Path, key: Path) -> None:
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    private = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(private.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(private.public_key()), critical=False
        )
        .sign(private, hashes.SHA256())
    )
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key.write_bytes(
        private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


@dataclass
class ImapServer:
    """One running Dovecot with one user; see the module docstring."""

    root: Path
    user: str = "alice@example.org"
    password: str = "s3cret pass\"word"
    host: str = "127.0.0.1"
    port: int = 0
    ssl_port: int = 0
    _process: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    _account: pwd.struct_passwd | None = field(default=None, repr=False)

    # -- life cycle ---------------------------------------------------------

    @classmethod
    def start(cls, root: Path | None = None) -> ImapServer:
        binary = dovecot_binary()
        if binary is None:
            raise DovecotUnavailable(
                "dovecot is not installed (apt-get install " + " ".join(DOVECOT_PACKAGES) + ")"
            )
        # Not pytest's tmp_path: its parents are 0700 root and the server may run as nobody.
        root = root or Path(tempfile.mkdtemp(prefix="closeloop-imap-"))
        server = cls(root=root)
        try:
            server._account = _run_as()
            server._write_files()
            last_error: Exception | None = None
            for _attempt in range(3):  # a free port can be taken between probe and bind
                server.port, server.ssl_port = _free_port(), _free_port()
                server._write_config()
                try:
                    server._launch(binary)
                    return server
                except DovecotUnavailable as exc:
                    last_error = exc
            raise last_error or DovecotUnavailable("dovecot did not start")
        except BaseException:
            server.cleanup()  # the error message carries Dovecot's log
            raise

    def _write_files(self) -> None:
        account = self._account
        assert account is not None
        for sub in ("run", "state", "mail", "home"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        _write_certificate(self.root / "cert.pem", self.root / "key.pem")
        (self.root / "passwd").write_text(f"{self.user}:{{PLAIN}}{self.password}::::::\n")
        for path in [self.root, *self.root.rglob("*")]:
            os.chown(path, account.pw_uid, account.pw_gid)
        os.chmod(self.root, 0o700)

    def _write_config(self) -> None:
        account = self._account
        assert account is not None
        dh = Path("/usr/share/dovecot/dh.pem")
        text = CONFIG.format(
            root=self.root,
            user=account.pw_name,
            group=_group_name(account.pw_gid),
            uid=account.pw_uid,
            gid=account.pw_gid,
            port=self.port,
            ssl_port=self.ssl_port,
            ssl_dh=f"ssl_dh = <{dh}" if dh.exists() else "",
        )
        config = self.root / "dovecot.conf"
        config.write_text(text)
        os.chown(config, account.pw_uid, account.pw_gid)

    def _launch(self, binary: str) -> None:
        account = self._account
        assert account is not None
        as_root = os.geteuid() == 0
        startup = self.root / "startup.log"
        with open(startup, "wb") as output:  # a file, not a pipe: nobody would drain a pipe
            self._process = subprocess.Popen(
                [binary, "-F", "-c", str(self.root / "dovecot.conf")],
                cwd=self.root,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, so stop() reaps the children
                user=account.pw_uid if as_root else None,
                group=account.pw_gid if as_root else None,
                extra_groups=[] if as_root else None,
            )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                self._process = None
                said = startup.read_text(errors="replace") + "\n" + self.log
                raise DovecotUnavailable(f"dovecot exited at start:\n{said.strip()}")
            if self._greets(self.port) and self._greets(self.ssl_port, tls=True):
                return
            time.sleep(0.05)
        self.stop()
        raise DovecotUnavailable(f"dovecot did not answer on 127.0.0.1:{self.port} within 15 s")

    def _greets(self, port: int, *, tls: bool = False) -> bool:
        try:
            with socket.create_connection((self.host, port), timeout=1) as sock:
                if tls:
                    with self.ssl_context().wrap_socket(sock, server_hostname="localhost") as wrapped:
                        return wrapped.recv(64).startswith(b"* OK")
                return sock.recv(64).startswith(b"* OK")
        except OSError:
            return False

    def stop(self) -> None:
        """Stop the master and every child, and wait for them."""
        process, self._process = self._process, None
        if process is None:
            return
        # SIGTERM to the whole group: the master alone waits a second for its children.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        # Anything that outlived the master (nothing should) dies with the group.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)

    def restart(self) -> None:
        self.stop()
        binary = dovecot_binary()
        assert binary is not None
        self._launch(binary)

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> ImapServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.cleanup()

    @property
    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    # -- TLS ----------------------------------------------------------------

    @property
    def cert_file(self) -> Path:
        return self.root / "cert.pem"

    def ssl_context(self) -> ssl.SSLContext:
        """A client context that trusts this server's self-signed certificate."""
        return ssl.create_default_context(cafile=str(self.cert_file))

    # -- mailbox helpers, as the user over IMAP -----------------------------

    @contextlib.contextmanager
    def client(self) -> Iterator[imaplib.IMAP4]:
        conn = imaplib.IMAP4(self.host, self.port, timeout=10)
        try:
            conn.login(self.user, self.password)
            yield conn
        finally:
            with contextlib.suppress(Exception):
                conn.logout()

    def create_folder(self, folder: str) -> None:
        with self.client() as conn:
            typ, data = conn.create(_quote(folder))
            assert typ == "OK", data

    def append(self, folder: str, *messages: bytes) -> None:
        """APPEND raw RFC 822 messages to ``folder``, as a mail client would."""
        with self.client() as conn:
            for raw in messages:
                typ, data = conn.append(_quote(folder), None, None, raw)
                assert typ == "OK", data

    def uidvalidity(self, folder: str = "INBOX") -> int:
        with self.client() as conn:
            typ, data = conn.status(_quote(folder), "(UIDVALIDITY)")
            assert typ == "OK", data
            return int(data[0].split(b"UIDVALIDITY")[1].strip(b" ()"))

    def uids(self, folder: str = "INBOX") -> list[int]:
        with self.client() as conn:
            conn.select(_quote(folder), readonly=True)
            typ, data = conn.uid("SEARCH", "ALL")
            assert typ == "OK", data
            return [int(uid) for uid in data[0].split()]

    def rebuild_folder(self, folder: str = "INBOX") -> int:
        """Make Dovecot rebuild ``folder``: same messages, new UIDVALIDITY and UIDs.

        This is what a restored or re-indexed server looks like to a client.
        The server is stopped, the folder's uidlist and indexes are removed, and
        it is started again. Returns the new UIDVALIDITY.
        """
        before = self.uidvalidity(folder)
        self.stop()
        mail = self.root / "mail" / self.user
        folder_dir = mail if folder.upper() == "INBOX" else mail / f".{folder}"
        for path in [*folder_dir.glob("dovecot-uidlist*"), *folder_dir.glob("dovecot.index*"),
                     *mail.glob("dovecot.list.index*")]:
            path.unlink()
        # No sleep needed: Dovecot hands out UIDVALIDITYs from a counter file
        # (dovecot-uidvalidity) in the mail root, which survives the rebuild.
        binary = dovecot_binary()
        assert binary is not None
        self._launch(binary)
        after = self.uidvalidity(folder)
        assert after != before, f"UIDVALIDITY stayed {before}"
        return after


def _group_name(gid: int) -> str:
    import grp

    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return str(gid)


def _quote(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def imap_required() -> bool:
    return os.environ.get("CLOSELOOP_REQUIRE_IMAP") == "1"


@pytest.fixture(scope="module")
def imap_server() -> Iterator[ImapServer]:
    """A running Dovecot for the whole test module, removed afterwards."""
    try:
        server = ImapServer.start()
    except DovecotUnavailable as exc:
        if imap_required():
            pytest.fail(f"CLOSELOOP_REQUIRE_IMAP=1 but {exc}", pytrace=False)
        pytest.skip(str(exc))
    with server:
        yield server
