"""Check notebook parameters before a kernel starts.

Each notebook declares its parameters, with types, in its ``parameters``
cell (``year: int = 2021  # the year to review``). A value given on the
command line or through the API is checked against that declaration, and
against the allowed values where they are finite (a year must have
articles), so a mistake is a clear error, not a traceback in a kernel.
"""

from __future__ import annotations

import ast
import difflib
import hashlib
import json
import os
import re
from functools import lru_cache
from pathlib import Path

from helpers import paths
from helpers.errors import NotebookParameterError, ParameterError

_TYPES = {"int": int, "str": str, "float": float, "bool": bool}
# The manifest may be absent: every raw file is then read with detected metadata (DESIGN: Corpus).
OPTIONAL_INPUTS = {"manifest"}
OUTPUT_PARAMETERS = {"output_dir"}  # where tables go: not an input, so not in the run record


@lru_cache(maxsize=32)
def _declared(digest: str, notebook: str) -> dict:
    # papermill (with nbformat and jsonschema) takes ~1.5 s to import: a rebuild
    # with nothing changed reads the declaration cached by the notebook's hash instead.
    cached = paths.BUILD / "cache" / "parameters" / f"{digest}.json"
    if cached.exists():
        return json.loads(cached.read_text(encoding="utf-8"))
    import papermill

    found = papermill.inspect_notebook(notebook)
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps(found, ensure_ascii=False, indent=1), encoding="utf-8")
    return found


def declared(notebook: Path) -> dict[str, dict]:
    """Return a notebook's declared parameters: name -> type name, default (as source) and help."""
    path = Path(notebook)
    return _declared(hashlib.sha256(path.read_bytes()).hexdigest(), str(path))


def convert(name: str, text: str, type_name: str):
    """Convert a command-line string to the parameter's declared type.

    Raises
    ------
    ParameterError
        Naming the parameter, the value and the type it needs.
    """
    kind = _TYPES.get(type_name, str)
    if kind is str:
        return text
    try:
        value = ast.literal_eval(text) if kind is not bool else {"true": True, "false": False}[text.lower()]
    except (ValueError, SyntaxError, KeyError):
        raise ParameterError(f"parameter '{name}' must be {type_name}, got '{text}'") from None
    if kind is float and isinstance(value, int):
        value = float(value)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ParameterError(f"parameter '{name}' must be {type_name}, got '{text}'")
    return value


def check(notebook: Path, values: dict, choices: dict | None = None, *, convert_strings: bool = True) -> dict:
    """Check parameter values against a notebook's declaration and the allowed values.

    Parameters
    ----------
    notebook : Path
        The notebook whose ``parameters`` cell declares the names and types.
    values : dict
        Name to value; strings are converted to the declared type.
    choices : dict, optional
        Name to the collection of allowed values, where they are finite.
    convert_strings : bool, default True
        Convert a string to the declared type, as for command-line text; False
        where the values are already what a kernel holds (a string is then
        only right for a ``str`` parameter).

    Returns
    -------
    dict
        The values, converted to their declared types.

    Raises
    ------
    ParameterError
        For an unknown name, a wrong type or a value that is not allowed;
        the message names the parameter, the value and what is allowed.
    """
    spec = declared(notebook)
    checked = {}
    for name, value in values.items():
        if name not in spec:
            raise ParameterError(unknown_message(notebook, name, spec))
        type_name = spec[name]["inferred_type_name"]
        value = convert(name, value, type_name) if isinstance(value, str) and convert_strings else value
        expected = _TYPES.get(type_name)
        if expected and (not isinstance(value, expected) or (expected is int and isinstance(value, bool))):
            raise ParameterError(f"parameter '{name}' must be {type_name}, got {value!r} ({type(value).__name__})")
        allowed = (choices or {}).get(name)
        if allowed is not None and value not in allowed:
            raise ParameterError(f"parameter '{name}' cannot be {value!r}; allowed: {', '.join(map(str, allowed))}")
        checked[name] = value
    _check_relations(spec, checked)
    return checked


def unknown_message(notebook: Path, name: str, spec: dict) -> str:
    """Return the one-line message for a name that is not among a notebook's parameters."""
    close = difflib.get_close_matches(name, list(spec), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"{Path(notebook).name} has no parameter '{name}'{hint}; its parameters are: {', '.join(spec)}"


# Limits and relations between parameters, checked before any kernel starts (with defaults filled in):
# (what is wrong, the test that finds it, what to do).
RELATIONS = (
    (
        "first_year is after last_year",
        lambda p: "first_year" in p and "last_year" in p and p["first_year"] > p["last_year"],
        "give a first_year no later than last_year",
    ),
    (
        "compare_to is the year under review",
        lambda p: "compare_to" in p and "year" in p and p["compare_to"] == p["year"],
        "give another year, or 0 to compare with the previous year in the corpus",
    ),
    (
        "top_n is below 1",
        lambda p: "top_n" in p and p["top_n"] < 1,
        "give top_n of 1 or more",
    ),
)


def _check_relations(spec: dict, checked: dict) -> None:
    values = {}
    for name, declaration in spec.items():
        try:
            values[name] = ast.literal_eval(declaration["default"])
        except (ValueError, SyntaxError):  # a default that is an expression: not checked here
            continue
    values.update(checked)
    for what, wrong, fix in RELATIONS:
        if wrong(values):
            given = ", ".join(
                f"{k}={values[k]!r}"
                for k in ("first_year", "last_year", "year", "compare_to", "top_n")
                if k in values and k in what
            )
            raise ParameterError(f"{what} ({given}): {fix}")


def path_parameters(notebook: Path) -> list[str]:
    """Return the names of a notebook's parameters that name a file or folder.

    By the notebooks' convention these are the ``str`` parameters whose
    default is a path relative to ``notebooks/``, where kernels run
    (``themes_file: str = "../data/lexicon/themes.yml"``).
    """
    found = []
    for name, spec in declared(notebook).items():
        try:
            default = ast.literal_eval(spec["default"])
        except (ValueError, SyntaxError):
            continue
        if isinstance(default, str) and default.startswith("../"):
            found.append(name)
    return found


def absolute_paths(notebook: Path, values: dict, base: Path | None = None) -> dict:
    """Make the paths given to a notebook's file and folder parameters absolute.

    A kernel runs in ``notebooks/``, so a relative path given by the caller
    (``-p themes_file my/themes.yml``) is resolved here, against the caller's
    working directory, before it reaches one.

    Parameters
    ----------
    notebook : Path
        The notebook whose declaration says which parameters name paths.
    values : dict
        Checked parameter values (see :func:`check`).
    base : Path, optional
        What relative paths are relative to; default the current working directory.

    Returns
    -------
    dict
        The values, with every path parameter's value an absolute path.

    Raises
    ------
    ParameterError
        When a path given to an input parameter does not exist.
    """
    out = dict(values)
    for name in path_parameters(notebook):
        if name not in out:
            continue
        path = Path(os.path.abspath(Path(base or Path.cwd()) / Path(out[name]).expanduser()))
        if name not in OUTPUT_PARAMETERS | OPTIONAL_INPUTS and not path.exists():
            raise ParameterError(f"parameter '{name}' names {out[name]}, which does not exist (looked for {path})")
        out[name] = str(path)
    return out


# Names IPython puts in every kernel's namespace (output history _1, input history _i1, _, __, ___, dunders);
# the shell's own list (user_ns_hidden) is used too where there is a shell.
_KERNEL_NAME = re.compile(r"^(_+|_i+|_i?\d+|_ih|_oh|_dh|__\w+__)$")
_KERNEL_NAMES = {"In", "Out", "get_ipython", "exit", "quit", "open"}
# What papermill can inject: it writes parameters as Python literals. A kernel may hold other names before
# the first cell (the build's warm kernel imports matplotlib to snapshot its settings); they are never parameters.
_INJECTABLE = (str, int, float, bool, type(None), list, dict, tuple)


def bound_names(notebook: Path) -> set[str]:
    """Return every name the notebook's own code cells bind (assign, import, define, loop over).

    A kernel that has run the notebook holds these names; they are the
    notebook's own, not parameters injected by papermill.
    """
    nb = json.loads(Path(notebook).read_text(encoding="utf-8"))
    names = set()
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        # IPython magics and shell escapes are not Python: left out, they bind nothing we look for.
        source = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!")))
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
            elif isinstance(node, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)) and node.name:
                names.add(node.name)
    return names


def check_namespace(notebook: str, namespace: dict) -> None:
    """Check, inside a notebook's kernel, the parameters it was given; work in ``notebooks/``.

    The notebooks' ``check`` cell, directly after the ``parameters`` cell (and
    papermill's injected parameters), calls this, so that a run of papermill or
    JupyterLab is checked by the same declaration and :data:`RELATIONS` as
    ``python -m helpers build``. It also changes the kernel's working
    directory to ``notebooks/`` (:data:`helpers.paths.NOTEBOOKS`): **relative
    paths in parameters are relative to notebooks/**, where the notebooks sit
    and JupyterLab and the build run them, whatever folder papermill was
    started from. The build passes absolute paths, and its kernels already
    run in ``notebooks/``, so for it nothing changes.

    Parameters
    ----------
    notebook : str
        The notebook's name without ``.ipynb`` (``"05_year_review"``).
    namespace : dict
        The kernel's namespace, ``globals()``. A name in it is taken for an
        unknown parameter when its value is a literal papermill could have
        injected (a string, number, boolean, None, list or dict) and it is
        neither declared, nor IPython's own (``In``, ``_i1``…), nor bound by
        any code cell of the notebook (so running the cell again after the
        whole notebook in JupyterLab is not an error).

    Raises
    ------
    ParameterError
        On a name the notebook does not declare (with a did-you-mean), a
        wrong type, a value out of range or against a relation, or a path
        to an input that does not exist; one line naming the parameter, the
        value and what is allowed.
    """
    try:
        _check_namespace(notebook, namespace)
    except ParameterError as err:
        raise NotebookParameterError(str(err)) from None


def _check_namespace(notebook: str, namespace: dict) -> None:
    path = paths.NOTEBOOKS / f"{notebook}.ipynb"
    spec = declared(path)
    hidden = set(_KERNEL_NAMES)
    shell = namespace.get("get_ipython")
    if callable(shell) and shell() is not None:
        hidden |= set(getattr(shell(), "user_ns_hidden", {}))
    own = bound_names(path)
    for name, value in namespace.items():
        injectable = isinstance(value, _INJECTABLE)  # not a module, function or table: papermill cannot give one
        if injectable and name not in spec and name not in hidden and name not in own and not _KERNEL_NAME.match(name):
            raise ParameterError(unknown_message(path, name, spec))
    values = check(path, {name: namespace[name] for name in spec if name in namespace}, convert_strings=False)
    os.chdir(paths.NOTEBOOKS)
    absolute_paths(path, values, base=paths.NOTEBOOKS)  # only to check that every input named exists
