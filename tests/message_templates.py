"""Every message template the domain can refuse with, read from its source (for the catalogs and their test).

A template is the English message of a Problem with {named} placeholders. It is found where it is
written: as the message argument of Problem, DomainError.single, RateLimited and the modules'
small helpers, or in a module-level constant or dict those arguments name. Anything else in that
position (an f-string, a computed text) cannot be translated and is reported as unreadable.
"""

from __future__ import annotations

import ast
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Callables taking a message template, and the position of that argument.
TEMPLATE_ARGUMENT = {"Problem": 1, "single": 1, "RateLimited": 0, "_problem": 0, "_refuse": 1, "refuse": 0}


def _constants(tree: ast.Module) -> dict[str, list[str]]:
    """Module-level names bound to a text, a Problem, or a dict of texts: the templates they hold."""
    found: dict[str, list[str]] = {}
    for node in tree.body:
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else [node.target]
            if isinstance(node, ast.AnnAssign)
            else []
        )
        value = getattr(node, "value", None)
        for target in targets:
            if not isinstance(target, ast.Name) or value is None:
                continue
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                found[target.id] = [value.value]
            elif isinstance(value, ast.Dict):
                texts = [
                    v.value for v in value.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
                ]
                if len(texts) == len(value.values):
                    found[target.id] = texts
    return found


def _texts(node: ast.expr, constants: dict[str, list[str]]) -> list[str] | None:
    """The templates an argument can be, or None if it cannot be read."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _texts(node.body, constants), _texts(node.orelse, constants)
        return None if body is None or orelse is None else body + orelse
    if isinstance(node, ast.Name) and node.id in constants:
        return constants[node.id]
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id in constants:
        return constants[node.value.id]
    if isinstance(node, ast.Attribute) and node.attr == "template":  # an existing Problem, re-placed
        return []
    return None


def scan(paths: list[Path]) -> tuple[set[str], list[str]]:
    """(every template found, "file:line" of each message argument that is not a readable template).

    Module-level constants are known across the modules (they are imported where they are used);
    a helper's own parameter named `template` passes its caller's template on.
    """
    templates: set[str] = set()
    unreadable: list[str] = []
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in paths}
    constants: dict[str, list[str]] = {"template": []}
    for tree in trees.values():
        constants |= _constants(tree)
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            position = TEMPLATE_ARGUMENT.get(name or "")
            if position is None or len(node.args) <= position:
                continue
            texts = _texts(node.args[position], constants)
            if texts is None:
                unreadable.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            else:
                templates.update(texts)
    return templates, unreadable


def domain_templates() -> tuple[set[str], list[str]]:
    """The templates of grants/ and of the schema's own refusals."""
    paths = sorted(p for p in (ROOT / "grants").rglob("*.py") if "migrations" not in p.parts)
    paths += sorted((ROOT / "schema").rglob("*.py"))
    return scan(paths)


#: The catalogs carry a fixed date so that updating them changes only what changed.
STABLE_DATE = datetime(2026, 11, 26, tzinfo=UTC)


def update_catalogs(directory: Path) -> dict[str, int]:
    """Bring every catalog in `directory` in step with the templates: new ones added untranslated,
    vanished ones dropped, translations kept. Returns the untranslated count per language."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    templates, unreadable = domain_templates()
    if unreadable:
        raise SystemExit(f"messages that are not templates: {', '.join(unreadable)}")
    missing: dict[str, int] = {}
    for language in ("de", "fr", "it"):
        path = directory / f"{language}.po"
        if path.exists():  # keep its header (translators, team) and its translations
            with path.open("rb") as file:
                catalog = read_po(file)
        else:
            catalog = Catalog(
                locale=language,
                project="kipnet",
                version="1",
                copyright_holder="kipnet",
                msgid_bugs_address="",
                creation_date=STABLE_DATE,
                revision_date=STABLE_DATE,
                charset="utf-8",
                fuzzy=False,
            )
        for message in list(catalog):
            if message.id and message.id not in templates:
                del catalog[message.id]
        for template in sorted(templates - {str(m.id) for m in catalog if m.id}):
            catalog.add(template, "", flags=("python-brace-format",))
        with path.open("wb") as file:
            write_po(file, catalog, width=0, omit_header=False, sort_output=True)
        missing[language] = sum(1 for m in catalog if m.id and not m.string)
    return missing


if __name__ == "__main__":  # python -m tests.message_templates: update schema/locales/*.po
    print(update_catalogs(ROOT / "schema" / "locales"))
