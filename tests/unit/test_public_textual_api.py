"""Only Textual's public API in screens/: the next Textual release must not be
able to break the counter by renaming something private.

The rules, checked on every module of screens/:
- nothing is imported from a private Textual module (`textual._x`,
  `textual.widgets._x`);
- an attribute with a leading underscore is read only if this module itself
  defines it (our own helpers), never one of Textual's;
- no class of ours overrides a private method of the Textual class it
  extends (as a copied `_render_line` or `_on_mount` did)."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest

SCREENS = sorted((Path(__file__).resolve().parents[2] / "screens").glob("*.py"))


def private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def defined_here(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return names


@pytest.mark.parametrize("path", SCREENS, ids=lambda p: p.name)
def test_a_screen_module_uses_only_public_textual_names(path):
    tree = ast.parse(path.read_text(), str(path))
    ours = defined_here(tree)
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("textual"):
            if any(private(part) for part in node.module.split(".")):
                problems.append(f"line {node.lineno}: from {node.module} import …")
            problems += [f"line {node.lineno}: imports {a.name}" for a in node.names if private(a.name)]
        elif isinstance(node, ast.Import):
            problems += [f"line {node.lineno}: import {a.name}" for a in node.names
                         if a.name.startswith("textual") and any(private(p) for p in a.name.split("."))]
        elif isinstance(node, ast.Attribute) and private(node.attr) and node.attr not in ours:
            problems.append(f"line {node.lineno}: .{node.attr}")
    module = importlib.import_module(f"screens.{path.stem}")
    for _name, cls in inspect.getmembers(module, inspect.isclass):
        if cls.__module__ != module.__name__:
            continue
        textual_bases = [b for b in cls.__mro__[1:] if b.__module__.startswith("textual")]
        for attr in vars(cls):
            # (Textual's metaclass sets private attributes on every class; only
            # what our source defines counts.)
            if private(attr) and attr in ours and any(attr in vars(b) for b in textual_bases):
                problems.append(f"{cls.__name__}.{attr} overrides Textual's private {attr}")
    assert not problems, f"{path.name} uses Textual's private API:\n" + "\n".join(problems)
