"""The low packages import nothing above them: accounts nothing of the app, outbox only accounts."""

import ast
from pathlib import Path

import pytest

PACKAGES = Path(__file__).resolve().parent.parent / "jobdesc"
# The app's own foundation, below every package: form input rules, safe spreadsheets, safe redirects, table rows.
FOUNDATION = {"input_rules", "spreadsheets", "redirects", "rows"}
# package -> the packages of the app it may import
ALLOWED = {"grammar": set(), "accounts": set(FOUNDATION), "outbox": {"accounts", *FOUNDATION}}


def imported_packages(package: str) -> dict[str, set[str]]:
    """The app's packages each module of `package` imports (migrations left out: they name other apps' states)."""
    found = {}
    for path in (PACKAGES / package).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            names |= {m.split(".")[1] for m in modules if m.startswith("jobdesc.") and m.count(".") >= 1}
        found[str(path.relative_to(PACKAGES))] = names - {package}
    return found


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_low_package_imports_nothing_above_it(package):
    upward = {module: names - ALLOWED[package] for module, names in imported_packages(package).items()}
    assert {module: names for module, names in upward.items() if names} == {}


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
