"""Command line: ``python -m helpers build|list|kernel|lock``; a thin layer over the Python API."""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # before the imports, so the summary counts them

import argparse  # noqa: E402
import sys  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

from helpers import paths  # noqa: E402
from helpers.build import quick  # noqa: E402
from helpers.errors import ReportError, resource_error  # noqa: E402


def notebooks_help() -> str:
    """List every notebook with its parameters, for ``--help`` and ``list``."""
    from helpers.build import parameters
    from helpers.build.registry import REPORTS, YEAR_REVIEW

    lines = ["notebooks and their parameters (set with: build -p NAME VALUE):"]
    for spec in (*REPORTS, YEAR_REVIEW):
        lines.append(f"  {spec.name}: {spec.title}")
        for name, p in parameters.declared(spec.notebook).items():
            lines.append(f"      {name}: {p['inferred_type_name']} = {p['default']}  # {p['help']}")
    return "\n".join(lines)


def parameter_file(path: Path) -> dict:
    """Read a named parameter set (a small YAML mapping of parameter names to values; see :mod:`helpers.yamlfile`)."""
    from helpers.errors import ParameterError
    from helpers.yamlfile import read_parameter_file

    return read_parameter_file(path, ParameterError)


def fail(err: BaseException) -> int:
    """Print one line, ``error: <cause>; <fix>``, and return the exit code (2).

    A system error (a full disk, a read-only folder, ``build/`` deleted) is
    described by :func:`helpers.errors.resource_error`, never as a traceback.
    """
    if isinstance(err, OSError):
        err = resource_error(err)
    print(f"error: {err}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    wants_help = any(a in ("-h", "--help") for a in argv)
    parser = argparse.ArgumentParser(
        prog="python -m helpers",
        description="Build the 济宁高新区 development-narrative reports.",
        # Listing the notebooks imports the whole package: only for --help.
        epilog=notebooks_help() if wants_help else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="execute the notebooks and publish reports/")
    b.add_argument("--only", nargs="+", metavar="REPORT", help="build only these reports (see `list`)")
    b.add_argument(
        "--year", nargs="+", type=int, metavar="YEAR", help="build only these years' reviews (reports/years/YYYY.html)"
    )
    b.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="set a notebook parameter for the reports built (checked against each notebook's declaration)",
    )
    b.add_argument(
        "-f",
        "--parameters-file",
        type=Path,
        metavar="YAML",
        help=(
            "a named parameter set, e.g. notebooks/params/year_2019_vs_2017.yaml: UTF-8 YAML of 'name: value' "
            "lines, at most 64 KB, no anchors or aliases (-p values win)"
        ),
    )
    b.add_argument("--jobs", type=int, default=2, help="reports built at once (default: 2)")
    b.add_argument("--force", action="store_true", help="rebuild even reports whose inputs are unchanged")
    b.add_argument("--raw-dir", type=Path, default=paths.RAW, help="folder of raw articles (default: data/raw)")
    b.add_argument("--manifest", type=Path, default=paths.MANIFEST, help="curated manifest (default: data/corpus.csv)")
    b.add_argument(
        "--out-dir",
        type=Path,
        default=None,
        help="where to publish (default: reports/, or build/variants/<parameters>/ for a build with parameters or "
        "a corpus other than the defaults)",
    )
    b.add_argument(
        "--publish",
        action="store_true",
        help="publish a build with parameters or a corpus other than the defaults to reports/ all the same",
    )
    b.add_argument(
        "--work-dir", type=Path, default=paths.BUILD, help="scratch folder for executed notebooks (default: build)"
    )
    sub.add_parser("list", help="list the reports and their parameters")
    sub.add_parser("kernel", help="install the project's Jupyter kernel into this environment")
    lock = sub.add_parser("lock", help="rewrite environment.yml from uv.lock (make lock runs `uv lock` first)")
    lock.add_argument("uv", help="the uv binary whose `uv export` gives the pins")
    args = parser.parse_args(argv)
    # A warning to a command-line user is a message, not a source line with a path.
    warnings.formatwarning = lambda message, category, *_args, **_kw: f"warning: {message}\n"
    if args.command == "build":
        try:
            args.out_dir = _output_folder(args)
        except ReportError as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
    if args.command == "build" and not args.force:
        try:
            if _nothing_to_do(args):
                return 0
        except (ReportError, OSError) as err:
            return fail(err)

    from helpers.build import lockfile, pipeline, run

    try:
        if args.command == "build":
            named = parameter_file(args.parameters_file) if args.parameters_file else {}
            notes = _collect_notes()
            result = pipeline.build(
                names=args.only,
                years=args.year,
                params={**named, **dict(args.parameter)},
                raw_dir=args.raw_dir,
                manifest=args.manifest,
                out_dir=args.out_dir,
                work_dir=args.work_dir,
                jobs=args.jobs,
                force=args.force,
                progress=print,
            )
            print(
                f"done in {time.perf_counter() - STARTED:.1f} s: published {len(result.published)}, "
                f"unchanged {len(result.skipped)}, failed 0"
            )
            quick.remember(_fingerprint(args), list(dict.fromkeys(notes)), args.work_dir)
        elif args.command == "list":
            print(notebooks_help())
        elif args.command == "kernel":
            print(f"kernel '{run.ensure_kernel()}' ready")
        elif args.command == "lock":
            lockfile.write_environment(args.uv)
    except (ReportError, OSError) as err:
        return fail(err)
    return 0


def _output_folder(args) -> Path:
    """Choose where a build publishes: reports/, unless its parameters or corpus differ from the defaults.

    The published reports are the defaults' reports (the README's and the
    committed ones). A build with ``-p``/``-f`` values, ``--raw-dir`` or
    ``--manifest`` is an experiment: it goes to ``build/variants/<what>/``,
    named after its options, and says so, unless ``--out-dir`` names a folder or
    ``--publish`` asks for reports/.
    """
    if args.out_dir is not None:
        if args.publish:
            raise ReportError("--publish and --out-dir contradict each other; give one of them")
        return args.out_dir
    named = parameter_file(args.parameters_file) if args.parameters_file else {}
    given = {**named, **dict(args.parameter)}
    corpus = {
        name: str(value)
        for name, value, default in (("raw_dir", args.raw_dir, paths.RAW), ("manifest", args.manifest, paths.MANIFEST))
        if Path(value).resolve() != default.resolve()
    }
    if args.publish or not (given or corpus):
        return paths.REPORTS
    import hashlib
    import re

    options = {**{k: str(v) for k, v in given.items()}, **corpus}
    readable = "_".join(f"{k}-{Path(v).name if k in corpus else v}" for k, v in sorted(options.items()))
    readable = re.sub(r"[^0-9A-Za-z_.-]+", "-", readable)[:60].strip("-_.") or "variant"
    key = hashlib.sha256(repr(sorted(options.items())).encode("utf-8")).hexdigest()[:8]
    folder = paths.BUILD / "variants" / f"{readable}-{key}"
    print(
        f"parameters or corpus other than the defaults: publishing to {_shown(folder)}/, not reports/ "
        "(add --publish to replace reports/, or --out-dir DIR)"
    )
    return folder


def _shown(path: Path) -> str:
    """Return a path relative to the project where it lies inside it (shorter in messages)."""
    try:
        return str(path.relative_to(paths.ROOT))
    except ValueError:
        return str(path)


def _options(args) -> dict:
    """Return the options that choose what a build makes (not --jobs), with any parameter file's values."""
    named = parameter_file(args.parameters_file) if args.parameters_file else {}
    return {
        "only": args.only,
        "year": args.year,
        "parameters": {k: str(v) for k, v in sorted({**named, **dict(args.parameter)}.items())},
        "out_dir": str(Path(args.out_dir).resolve()),
    }


def _fingerprint(args) -> str:
    return quick.fingerprint(_options(args), args.raw_dir, args.manifest, args.out_dir)


def _nothing_to_do(args) -> bool:
    """Say so and return True when the inputs and reports/ are as the last successful build left them."""
    notes = quick.unchanged(_fingerprint(args), args.work_dir)
    if notes is None:
        return False
    for note in notes:
        print(f"warning: {note}", file=sys.stderr)
    print(
        f"done in {time.perf_counter() - STARTED:.1f} s: nothing changed since the last build "
        f"(the same inputs, and {_shown(Path(args.out_dir).resolve())}/ as it was left)"
    )
    return True


def _collect_notes() -> list[str]:
    """Print every warning as a message, and keep the corpus's curation notes for the next quick check."""
    from helpers.errors import CorpusWarning

    notes: list[str] = []

    def show(message, category, filename, lineno, file=None, line=None):
        if issubclass(category, CorpusWarning):
            notes.append(str(message))
        print(f"warning: {message}", file=sys.stderr)

    warnings.showwarning = show
    return notes


if __name__ == "__main__":
    sys.exit(main())
