"""Errors a front end shows in Chinese: ``str(exc)`` stays the developer's English, and
:func:`hospital_inspection.i18n.error_text` in ``zh`` holds no English sentence (the rule of
``tests/cli/test_cli_zh.py``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

import hospital_inspection as hi
from hospital_inspection.i18n import error_text
from tests.cli.test_cli_zh import english_runs


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
