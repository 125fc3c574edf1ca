"""The layers of DESIGN.md hold: core is pure, sources and store stay apart."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "closeloop"
STDLIB_ONLY = {"core"}
FORBIDDEN = {
    "core": ("closeloop.store", "closeloop.sources", "closeloop.service", "closeloop.cli",
             "closeloop.web", "closeloop.settings"),
    "sources": ("closeloop.store", "closeloop.service", "closeloop.cli", "closeloop.web",
                "closeloop.settings"),
    "store": ("closeloop.sources", "closeloop.service", "closeloop.cli", "closeloop.web",
              "closeloop.settings"),
    "service": ("closeloop.cli", "closeloop.web"),
}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def _files(layer: str) -> list[Path]:
    folder = PACKAGE / layer
    return sorted(folder.rglob("*.py")) if folder.is_dir() else [PACKAGE / f"{layer}.py"]


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_what_it_may(layer):
    bad = [f"{path.relative_to(PACKAGE)} imports {name}"
           for path in _files(layer) for name in _imports(path)
           if any(name == f or name.startswith(f + ".") for f in FORBIDDEN[layer])]
    assert bad == []


def test_core_uses_only_the_standard_library():
    import sys
    allowed = set(sys.stdlib_module_names) | {"closeloop"}
    bad = [f"{path.relative_to(PACKAGE)} imports {name}" for path in _files("core")
           for name in _imports(path) if name.split(".")[0] not in allowed
           or (name.startswith("closeloop") and not name.startswith(("closeloop.core",
                                                                      "closeloop.errors")))]
    assert bad == []


def test_core_never_reads_the_clock():
    bad = [str(path.relative_to(PACKAGE)) for path in _files("core")
           if any(call in path.read_text(encoding="utf-8")
                  for call in ("datetime.now(", "date.today(", "time.time(", "datetime.utcnow("))]
    assert bad == []


def test_no_module_defines_a_name_twice():
    """A second module-level definition silently replaces the first for every caller
    (two different ``_GREETING`` patterns once did in detection)."""
    bad = []
    for path in sorted(PACKAGE.rglob("*.py")):
        seen: dict[str, int] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = []
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                targets = [node.name]
            elif isinstance(node, ast.Assign):
                targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
                targets = [node.target.id]
            for name in targets:
                if name in seen and not name.startswith("__"):
                    bad.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {name} (first at line {seen[name]})")
                seen.setdefault(name, node.lineno)
    assert bad == []


def test_migrations_head_is_what_the_code_expects():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from closeloop.store.db import HEAD, MIGRATIONS
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_heads() == [HEAD]


def test_migrations_create_exactly_the_tables_of_the_schema(db_url):
    """Alembic's autogenerate finds nothing to add: migrations and schema agree."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from closeloop.store.db import migrate, open_engine
    from closeloop.store.schema import metadata
    engine = open_engine(db_url)
    migrate(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    engine.dispose()
    assert diff == []
