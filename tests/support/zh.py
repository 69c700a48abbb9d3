"""Errors a front end shows in Chinese: ``str(exc)`` stays the developer's English, and
:func:`hospital_inspection.i18n.error_text` in ``zh`` holds no English sentence (the rule of
``tests/cli/test_cli_zh.py``, written here: :func:`english_runs`)."""

from __future__ import annotations

import argparse
import functools
import re
from collections.abc import Callable
from pathlib import Path

import pytest

import hospital_inspection as hi
from hospital_inspection.cli import build_parser
from hospital_inspection.i18n import error_text

#: Words of the product a reader types, kept as they are in Chinese output (rule 2).
TYPED = ("pip install", "FILE", "LANG", "YYYY", "MM", "DD")

_TOKEN = re.compile(r"[!-~]*[\d_./=\[\]-][!-~]*")  # printable ASCII only: never a Chinese word
_OPTION = re.compile(r"--[A-Za-z][\w-]*")
_RUN = re.compile(r"[A-Za-z]+(?: +[A-Za-z]+)+")


@functools.cache
def _commands() -> re.Pattern[str]:
    """``hospital-inspection`` and its commands, with a subcommand where a command has them."""
    names: list[str] = []
    parser = build_parser()
    for action in parser._actions:  # argparse keeps its subparsers here
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                subs = [
                    f"{name} {s}"
                    for a in sub._actions
                    if isinstance(a, argparse._SubParsersAction)
                    for s in a.choices
                ]
                names.extend([*subs, name])
    names.sort(key=len, reverse=True)
    return re.compile(r"(?:hospital-inspection )?\b(?:" + "|".join(map(re.escape, names)) + r")\b")


@functools.cache
def data_tokens() -> frozenset[str]:
    """The sample's ids and codes: hospitals, people, authorities and their regions."""
    data = hi.sample_data("weihai")
    tokens = {h.id for h in data.hospitals} | {e.id for e in data.experts}
    tokens |= {a.id for a in data.authorities} | {a.region for a in data.authorities if a.region}
    tokens |= {h.region for h in data.hospitals if h.region}
    return frozenset(tokens)


def english_runs(output: str, folder: Path) -> list[str]:
    """The runs of two or more ASCII words left in ``output`` after the rule's stripping."""
    text = output.replace(str(folder), " ")
    text = _OPTION.sub(" ", text)
    text = _commands().sub(" ", text)
    for word in TYPED:
        text = re.sub(rf"\b{re.escape(word)}\b", " ", text)
    text = _TOKEN.sub(" ", text)
    words = data_tokens()
    text = re.sub(r"[A-Za-z]+", lambda m: " " if m.group() in words else m.group(), text)
    return [" ".join(run.split()) for run in _RUN.findall(text)]


def check_chinese_error(raise_it: Callable[[], object], english: str) -> str:
    """Call ``raise_it``; its error reads ``english`` as ``str()`` and no English in Chinese.

    Returns:
        The Chinese text, for the test's own checks.
    """
    with pytest.raises(hi.InspectionError) as info:
        raise_it()
    assert str(info.value) == english
    chinese = error_text(info.value, "zh")
    assert "数据有误" in chinese, chinese
    assert not english_runs(chinese, Path("/nonexistent")), chinese
    # and the problem itself is worded in Chinese, not only the head (数据有误) around it
    worded = set(re.findall(r"[\u4e00-\u9fff]", chinese)) - set(english) - set("数据有误中的")
    assert worded, chinese
    return chinese
