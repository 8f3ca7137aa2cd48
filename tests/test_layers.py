"""Dependencies point down only: every module of jobdesc imports nothing of a layer above its own.

The layers, from the bottom:
  foundation   jobdesc/{input_rules,exports,redirects,languages,lists,rows,faults,sqlite,queries}.py — import
               nothing of the app
  grammar      inflection, plain Python
  accounts     logins, roles, access helpers
  outbox       e-mails and the background tasks' bookkeeping
  orgs         organisation, departments, positions, employees
  library      section kinds, clauses, the importer
  instructions versions, workflow, journal, acknowledgements, the printed record of a version
  documents    HTML/PDF/DOCX rendering, verification, signatures
  api          the REST API
  top          bench, demo, urls, settings, wsgi, menu — may import anything

A package may import its own modules and those of the layers below it. A lower layer that must make a higher
one act sends a signal the higher one connects to in its `AppConfig.ready` (`orgs/signals.py`,
`instructions/signals.py`); a page that needs both is served from the higher package (the URL namespace is
put together in jobdesc/urls.py). Migrations are left out: they name other apps' historical states.
"""

import ast
from pathlib import Path

import pytest

PACKAGES = Path(__file__).resolve().parent.parent / "jobdesc"
# The app's own foundation, below every package: form input rules, safe CSV/XLSX exports, safe redirects, the
# documents' languages, sorting and pagination of the list pages, the 503
# page of a lost database, SQLite's Unicode LIKE, the escaped rows of the long tables, query expressions.
FOUNDATION = {"input_rules", "exports", "redirects", "languages", "lists", "rows", "faults", "sqlite", "queries"}
LAYERS = [
    FOUNDATION,
    {"grammar"},
    {"accounts"},
    {"outbox"},
    {"orgs"},
    {"library"},
    {"instructions"},
    {"documents"},
    {"api"},
    {"bench", "demo", "urls", "settings", "wsgi", "menu"},
]
RANK = {name: rank for rank, layer in enumerate(LAYERS) for name in layer}
TOP = len(LAYERS) - 1


def part_of(path: Path, root: Path = PACKAGES) -> str:
    """The package (or top-level module) of jobdesc a file belongs to: `orgs`, `sqlite`, `urls`."""
    return path.relative_to(root).parts[0].removesuffix(".py")


def imported_parts(path: Path, root: Path = PACKAGES) -> set[str]:
    """The parts of jobdesc a module imports, relative imports resolved (`from ..orgs import x` counts too)."""
    module = ["jobdesc", *path.relative_to(root).with_suffix("").parts]
    package = module if path.name == "__init__.py" else module[:-1]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            modules = [".".join([*base, node.module] if node.module else base)]
            # `from . import views` at the package's root names modules of that package, not parts of jobdesc.
            if base == ["jobdesc"] and not node.module:
                modules = [f"jobdesc.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules = [node.module]
        else:
            continue
        names |= {name.split(".")[1] for name in modules if name.startswith("jobdesc.")}
    return names


def upward_imports(root: Path = PACKAGES) -> dict[str, list[str]]:
    """Module → the parts above its own layer it imports."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts or path.relative_to(root) == Path("__init__.py"):
            continue
        own = part_of(path, root)
        rank = RANK[own]
        if rank == TOP:
            continue
        above = sorted(name for name in imported_parts(path, root) - {own} if RANK.get(name, TOP) >= rank)
        if above:
            found[str(path.relative_to(root))] = above
    return found


def test_every_package_has_its_place_in_the_layers():
    parts = {part_of(path) for path in PACKAGES.glob("*") if path.suffix == ".py" or (path / "__init__.py").exists()}
    assert parts - {"__init__"} - set(RANK) == set()


def test_no_module_imports_a_layer_above_its_own():
    assert upward_imports() == {}


def test_the_walk_finds_an_upward_import_however_it_is_written(tmp_path):
    root = tmp_path / "jobdesc"
    (root / "orgs" / "staff").mkdir(parents=True)
    (root / "orgs" / "services.py").write_text("from jobdesc.instructions.models import Version\n")
    (root / "orgs" / "staff" / "apply.py").write_text("def later():\n    from ...documents import pdf\n")
    (root / "orgs" / "views.py").write_text("import jobdesc.api.urls\nfrom . import services\nfrom .. import library\n")
    (root / "library.py").write_text("from .orgs import views\n")
    assert upward_imports(root) == {
        "orgs/services.py": ["instructions"],
        "orgs/staff/apply.py": ["documents"],
        "orgs/views.py": ["api", "library"],
    }


@pytest.mark.parametrize("module", sorted(FOUNDATION))
def test_the_foundation_imports_nothing_of_the_app(module):
    tree = ast.parse((PACKAGES / f"{module}.py").read_text(encoding="utf-8"))
    imported = [node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module]
    imported += [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    assert [name for name in imported if name.startswith("jobdesc")] == []


def test_only_the_outbox_hands_e_mails_to_the_mail_backend():
    senders = []
    for path in PACKAGES.rglob("*.py"):
        text = path.read_text(encoding="utf-8").replace("def send_mail(", "")
        if "outbox" not in path.parts and ("EmailMessage(" in text or "send_mail(" in text):
            senders.append(str(path.relative_to(PACKAGES)))
    assert senders == []
