"""Tests for helpers.errors: one module holds every user-facing exception and warning."""

import ast
import inspect

import pytest

from helpers import errors, paths

SRC = paths.ROOT / "src" / "helpers"
CLASSES = [c for _, c in inspect.getmembers(errors, inspect.isclass) if c.__module__ == "helpers.errors"]


def test_no_exception_class_is_defined_outside_the_errors_module():
    elsewhere = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "errors.py" and path.parent == SRC:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ClassDef) and node.name.endswith(("Error", "Warning", "Exception")):
                elsewhere.append(f"{path.relative_to(SRC)}: {node.name}")
    assert elsewhere == [], "move these to helpers/errors.py"


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_each_error_has_a_one_line_docstring_and_a_user_error_base(cls):
    doc = cls.__doc__ or ""
    assert doc.strip() and "\n" not in doc.strip(), "give it a one-line docstring"
    if issubclass(cls, Warning):
        assert cls.__bases__ == (UserWarning,)
    else:
        assert issubclass(cls, errors.ReportError) and ValueError not in cls.__mro__


@pytest.mark.parametrize(
    "name",
    [
        "LexiconFormatError",
        "ThemeLexiconError",
        "IndicatorRulesError",
        "SeriesError",
        "FormulaRulesError",
        "EntityLexiconError",
    ],
)
def test_every_lexicon_error_is_a_lexicon_error(name):
    assert issubclass(getattr(errors, name), errors.LexiconError)
