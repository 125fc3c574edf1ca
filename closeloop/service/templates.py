"""Jinja2 templates for the digest and for drafts, which the user can replace.

A file ``templates/NAME`` in the config folder (``CLOSELOOP_CONFIG_DIR``) wins
over closeloop's own. A user template that fails (a syntax error, an unknown
variable) is reported with its file and line, and the default is used: a
broken template never stops a digest.

Draft templates are ``thank.txt.j2``, ``report.txt.j2``, ``check_in.txt.j2``,
``follow_up.txt.j2``, ``keep_in_touch.txt.j2`` and ``reply.txt.j2``; they see
``first_name``, ``name``, ``kind``, ``about``, ``introduced``, ``why``,
``last_topic``, ``my_name`` and ``default`` (closeloop's own draft).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

PACKAGE_TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
DRAFT_ACTIONS = ("thank", "report", "check_in", "follow_up", "keep_in_touch", "reply")


@dataclass
class Renderer:
    user_dir: Path | None
    warnings: list[str] = field(default_factory=list)

    def _env(self, folder: Path, autoescape: bool):
        from jinja2 import Environment, FileSystemLoader, StrictUndefined
        return Environment(loader=FileSystemLoader(str(folder)), autoescape=autoescape,
                           undefined=StrictUndefined, keep_trailing_newline=True,
                           trim_blocks=True, lstrip_blocks=True)

    def user_template(self, name: str) -> Path | None:
        if self.user_dir is None:
            return None
        path = self.user_dir / "templates" / name
        return path if path.is_file() else None

    def render(self, name: str, context: dict, fallback: str | None = None) -> str:
        """The user's template if it exists and works, else ours (or ``fallback``)."""
        from jinja2 import TemplateSyntaxError
        autoescape = name.endswith(".html.j2")
        custom = self.user_template(name)
        if custom is not None:
            try:
                return self._env(custom.parent, autoescape).get_template(name).render(**context)
            except TemplateSyntaxError as exc:
                self.warnings.append(f"{custom}, line {exc.lineno}: {exc.message}; "
                                     f"using the default template")
            except OSError as exc:
                self.warnings.append(f"{custom}: {exc.strerror}; using the default template")
            except Exception as exc:  # a user's template may fail in any way: keep going
                line = _template_line(exc)
                where = f"{custom}, line {line}" if line else str(custom)
                self.warnings.append(f"{where}: {exc}; using the default template")
        if fallback is not None:
            return fallback
        return self._env(PACKAGE_TEMPLATES, autoescape).get_template(name).render(**context)


def _template_line(exc: Exception) -> int | None:
    """The line of the template where rendering failed, from the traceback."""
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".j2"):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def write_examples(user_dir: Path) -> list[Path]:
    """Put editable copies of the draft and digest templates in the config folder."""
    folder = user_dir / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sorted(PACKAGE_TEMPLATES.glob("*.j2")):
        target = folder / source.name
        if not target.exists():
            target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
            written.append(target)
    return written
