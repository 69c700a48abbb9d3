"""Keep the message catalogs in step with the code (a development tool; needs Babel).

    python tools/catalog.py            # extract → update the .po → compile the .mo
    python tools/catalog.py --check    # exit 1 if the .pot, .po or .mo is out of date

The steps are Babel's ``extract`` / ``update`` / ``compile`` (the ``pybabel`` commands of the
same names), driven from Python so that one extraction method covers both sources of messages:

- the package's Python files: every string marked with ``N_("...")`` (or ``_("...")``);
- the shipped policies (``policy/data/*.toml``): each rule's ``description``, which a Chinese
  message quotes through a ``{report:t}`` placeholder.

The catalogs live in ``src/hospital_inspection/locale/``: ``hospital_inspection.pot`` (the
template), ``zh/LC_MESSAGES/hospital_inspection.po`` (the translations, edited by hand) and its
compiled ``.mo`` (what the library reads; committed so that a wheel ships it).
"""

from __future__ import annotations

import argparse
import io
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "hospital_inspection"
LOCALE = PACKAGE / "locale"
DOMAIN = "hospital_inspection"
POT = LOCALE / f"{DOMAIN}.pot"
LANGS = ("zh",)
KEYWORDS = {"N_": None, "_": None}


def extract_policy_toml(
    fileobj: Any, keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Babel extraction method for a policy TOML: every rule's ``description``."""
    data = tomllib.loads(fileobj.read().decode("utf-8"))
    for rule_id, rule in data.get("rules", {}).items():
        if isinstance(rule, dict) and isinstance(rule.get("description"), str):
            yield 0, None, rule["description"], [f"rule {rule_id}"]


METHODS = [
    ("**/policy/data/*.toml", "tools.catalog:extract_policy_toml"),
    ("**.py", "python"),
]


def extract() -> Catalog:
    """The template: every message id in the package, with where it is used."""
    catalog = Catalog(project="hospital_inspection", charset="utf-8", fuzzy=False)
    sys.path.insert(0, str(ROOT))
    for filename, lineno, message, comments, _context in extract_from_dir(
        str(PACKAGE), method_map=METHODS, keywords=KEYWORDS, comment_tags=("i18n:",)
    ):
        catalog.add(
            message, None, [(f"src/hospital_inspection/{filename}", lineno)], auto_comments=comments
        )
    return catalog


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(
        out,
        catalog,
        width=100,
        omit_header=False,
        sort_output=False,
        ignore_obsolete=True,
        include_previous=False,
        include_lineno=False,
    )
    return out.getvalue()


def _pot_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=True, sort_output=True, include_lineno=False)
    return out.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def updated(lang: str, template: Catalog) -> Catalog:
    """The language's catalog merged with ``template`` (Babel's update, fuzzy matching off)."""
    with po_path(lang).open("rb") as fp:
        catalog = read_po(fp, locale=lang)
    created = catalog.creation_date  # update() would stamp the time of this run: keep files stable
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    catalog.creation_date = created
    return catalog


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report staleness, write nothing")
    args = parser.parse_args(argv)
    template = extract()
    wanted = {POT: _pot_bytes(template)}
    for lang in LANGS:
        catalog = updated(lang, template)
        wanted[po_path(lang)] = _po_bytes(catalog)
        wanted[po_path(lang).with_suffix(".mo")] = _mo_bytes(catalog)
        missing = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
        for msgid in missing:
            print(f"{lang}: no translation for {msgid!r}")
    stale = [p for p, data in wanted.items() if not p.exists() or p.read_bytes() != data]
    if args.check:
        for path in stale:
            print(f"out of date: {path.relative_to(ROOT)}")
        return 1 if stale else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(wanted[path])
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
