"""The shape the code keeps: small functions (ruff's C901 checks complexity)."""

from __future__ import annotations

import ast

from conftest import ROOT

MAX_FUNCTION_LINES = 60


def test_no_function_in_src_is_over_60_lines() -> None:
    long = []
    for path in sorted((ROOT / "src").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno is not None
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({length})")
    assert long == []
