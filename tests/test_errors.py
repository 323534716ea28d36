"""Tests for helpers.errors: one module holds every user-facing exception and warning."""

import ast
import errno
import inspect
import os

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


@pytest.mark.parametrize(
    "code, cause, fix",
    [
        (errno.ENOSPC, "no space left on the disk holding /r/index.html", "free disk space"),
        (errno.EROFS, "/r/index.html is on a read-only file system", "make the folder writable"),
        (errno.EACCES, "no permission to write /r/index.html", "make the folder writable"),
        (errno.EPERM, "the system refused to change /r/index.html", "make the folder writable"),
        (errno.ENOENT, "/r/index.html vanished while the build ran", "then build again"),
        (errno.EIO, "/r/index.html: Input/output error", "check the folder and the disk"),
    ],
)
def test_a_system_error_is_one_line_with_the_cause_the_path_and_the_fix(code, cause, fix):
    err = errors.resource_error(OSError(code, os.strerror(code), "/r/index.html"))
    assert isinstance(err, errors.ResourceError)
    message = str(err)
    assert "\n" not in message and message.startswith(cause) and "; " in message
    assert fix in message.split("; ", 1)[1]


def test_a_failed_rename_names_both_paths():
    err = OSError(errno.EXDEV, "Invalid cross-device link", "build/publish/next", None, "/mnt/reports")
    assert str(errors.resource_error(err)).startswith("build/publish/next -> /mnt/reports cannot be replaced")


def test_an_error_without_an_errno_is_still_one_short_line():
    many = [(f"/r/{i}.html", f"/n/{i}.html", "[Errno 28] No space left on device") for i in range(100)]
    message = str(errors.resource_error(OSError(many)))
    assert "\n" not in message and len(message) < 300 and message.endswith("then build again")


def test_a_failed_copy_names_its_target():
    err = OSError(errno.ENOSPC, "No space left on device", "reports/a.html", None, "build/publish/next/a.html")
    assert str(errors.resource_error(err)).startswith("no space left on the disk holding build/publish/next/a.html;")


def test_a_missing_folder_told_without_an_errno_is_still_a_vanished_folder():
    # papermill: FileNotFoundError("output folder build/executed doesn't exist."), no errno, no filename
    message = str(errors.resource_error(FileNotFoundError("output folder build/executed doesn't exist.")))
    assert message == (
        "output folder build/executed doesn't exist (build/ or reports/ deleted while the build ran?); "
        "leave build/ and reports/ alone while a build runs, then build again"
    )
