"""Every command the README documents works as written, from the folder it names (issue 13, item 5).

The commands are read from README.md itself: every line of a ``sh`` code
block, every ``$ `` line of a transcript block (the lines after it are the
output it documents), and every command-like line of a plain code block or
inline code span (``make …``, ``.venv/bin/…``, ``python -m helpers …``,
``papermill …``, ``cd …``, ``source …``, ``build/uv-…/bin/uv …``). A span
holding ``…`` is an abbreviation in prose, not a command.

They run in a scratch checkout: a ``git clone`` of the working commit (so
commit a README change before running this test), with its own ``.venv`` made
by ``make env-dev``, as a reader's would be. The repository's own ``.venv`` cannot
be shared: its editable install of ``helpers`` imports this checkout's
``src/``, so every command would build this checkout, not the scratch one. One
scratch checkout serves every command, in README order (``make clean`` last,
since it drops the caches the others reuse), with the environment activated
as the README's Quick start says (``source .venv/bin/activate``).
"""

import json
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from helpers import paths

README = paths.ROOT / "README.md"

# Commands the README documents that this test deliberately does not run, each with the reason.
NOT_RUN = {
    "make test": "runs the whole test suite, this test included (.ci/run runs it)",
    "make test-fast": "the unit tests, a part of make test",
    "make lab": "starts a JupyterLab server, which does not return",
    "make lock": "re-resolves every version against the package registry (network); test_lockfile.py checks the lock",
    "make bench": "about 15 minutes: the three scripts below",
    ".venv/bin/python tests/benchmarks/bench_build.py": "minutes (make bench)",
    ".venv/bin/python tests/benchmarks/bench_scale.py": "tens of minutes (make bench)",
    ".venv/bin/python tests/benchmarks/bench_segment.py": "minutes (make bench)",
    # A timing in the benchmark table: the same full rebuild as `--force --jobs 1` from Develop, which runs here.
    "python -m helpers build --force": "the full rebuild that `python -m helpers build --force --jobs 1` runs",
    # Synopses with placeholders in capitals, not commands; test_build.py runs these options.
    "python -m helpers build --raw-dir DIR --manifest CSV --out-dir DIR --work-dir DIR": "a synopsis",
    "python -m helpers build --raw-dir RAW --manifest RAW/corpus.csv --out-dir OUT --work-dir WORK": "a synopsis",
    # Adding an article: the reader's own file, which the repository does not hold.
    "echo \"gov_page_2023.txt,$(sha256sum data/raw/gov_page_2023.txt | cut -d' ' -f1)\" >> data/corpus.csv": (
        "an example for a file the reader saved"
    ),
}
# Run after every other command: it drops build/ and data/processed/, which the others reuse.
RUN_LAST = ("make clean",)

_COMMAND = re.compile(r"^(make [a-z]|\.venv/bin/\S|python -m helpers|papermill |cd |source |build/uv-\S+/bin/)")
_FENCE = re.compile(r"^( *)```(\w*)\n(.*?)^\1```", re.DOTALL | re.MULTILINE)
_SPAN = re.compile(r"`([^`\n]+)`")
_COMMENT = re.compile(r"\s+#\s.*$")  # "make report   # create .venv ...": the shell ignores it, so do we


@dataclass
class Command:
    """A documented command and, for a transcript, the output the README shows for it."""

    line: str
    output: list[str] = field(default_factory=list)

    @property
    def fails(self) -> bool:
        """Whether the README documents it as failing: its output shows an error line."""
        return any(re.match(r"(error:|\w+Error:)", line) for line in self.output)


def _is_command(text: str) -> bool:
    return bool(_COMMAND.match(text)) and "…" not in text and not text.endswith("/")


def readme_commands(text: str) -> list[Command]:
    """Every command documented in README text, in the order the README first gives each, each once."""
    found: list[tuple[int, Command]] = []
    blocks = list(_FENCE.finditer(text))
    for block in blocks:
        at = block.start(3)
        transcript = re.search(r"^ *\$ ", block.group(3), re.MULTILINE) is not None
        for raw in block.group(3).splitlines(keepends=True):
            line = raw.strip()
            if transcript and line.startswith("$ "):  # a transcript: a command, then what it prints
                found.append((at, Command(_COMMENT.sub("", line[2:]))))
            elif transcript and line and found:
                found[-1][1].output.append(line)
            elif not transcript and (line := _COMMENT.sub("", line)) and (block.group(2) == "sh" or _is_command(line)):
                found.append((at, Command(line)))
            at += len(raw)
    for span in _SPAN.finditer(text):
        inside = any(block.start() <= span.start() < block.end() for block in blocks)
        if not inside and _is_command(span.group(1)):
            found.append((span.start(), Command(span.group(1))))
    commands: dict[str, Command] = {}
    for _, command in sorted(found, key=lambda pair: pair[0]):
        commands.setdefault(command.line, command)
    return list(commands.values())


def _printed(expected: str, output: str) -> bool:
    # "…" in a documented line stands for text left out.
    return all(part.strip() in output for part in expected.split("…"))


def test_the_readme_commands_are_found_and_the_ones_not_run_are_still_documented():
    commands = {c.line: c for c in readme_commands(README.read_text(encoding="utf-8"))}
    for expected in (
        "make report",
        "make report YEAR=2021",
        "make help",
        "python -m helpers list",
        ".venv/bin/papermill notebooks/05_year_review.ipynb build/year_2021.ipynb -p year 2021 -p compare_to 2017",
    ):
        assert expected in commands, expected
    assert commands["make report YEAR=2020"].fails  # a documented failure, with its message
    assert not commands["make report"].fails
    stale = sorted(set(NOT_RUN) - set(commands))
    assert not stale, f"NOT_RUN lists commands the README no longer documents: {stale}"


def _environment(checkout: Path) -> dict:
    # The Quick start's activated shell: .venv/bin first on PATH; nothing of the caller's Python or make leaks in.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "MAKE", "MFLAGS", "UV_", "VIRTUAL_ENV"))}
    env["PATH"] = f"{checkout / '.venv' / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(checkout / ".venv")
    return env


def sh(command: str, checkout: Path, timeout: int = 900) -> subprocess.CompletedProcess:
    """Run one command line with bash in ``checkout``, as a reader would type it there."""
    return subprocess.run(
        ["bash", "-c", command],
        cwd=checkout,
        env=_environment(checkout),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def checkout(tmp_path_factory):
    """A scratch checkout of the working commit with its own .venv (made by make env-dev); removed afterwards."""
    root = tmp_path_factory.mktemp("readme") / "checkout"
    subprocess.run(["git", "clone", "--quiet", str(paths.ROOT), str(root)], check=True)
    # The Makefile bootstraps uv with pip into build/uv-<version>/; the one this checkout already has is the
    # same pinned uv (a standalone program), so the scratch checkout needs no download for it.
    for uv in paths.BUILD.glob("uv-*"):
        shutil.copytree(uv, root / "build" / uv.name, symlinks=True)
    # The dev tools too (make lint needs them), and without compiling bytecode: uv compiles the whole of .venv
    # at every sync (about 11 s idle, 30-45 s on a busy machine; the README's set-up figures include it).
    made = sh("make env-dev UV_COMPILE_BYTECODE=0", root)
    assert made.returncode == 0, made.stdout + made.stderr
    yield root
    shutil.rmtree(root.parent, ignore_errors=True)  # two .venv of several hundred MB: not kept for later runs


@pytest.mark.slow
def test_a_copied_checkout_builds_itself(checkout, tmp_path):
    copy = Path(os.path.realpath(tmp_path)) / "copy"
    subprocess.run(["cp", "-a", str(checkout), str(copy)], check=True)
    assert (copy / ".venv" / "bin" / "papermill").read_text().startswith(f"#!{checkout}/.venv/")  # the original's
    try:
        made = sh("make env UV_COMPILE_BYTECODE=0", copy)
        assert made.returncode == 0, made.stdout + made.stderr
        assert f".venv belongs to {os.path.realpath(checkout)}, not to {copy}: making it again" in made.stdout
        where = sh('.venv/bin/python -c "import helpers; print(helpers.__file__)"', copy)
        assert Path(where.stdout.strip()).is_relative_to(copy / "src"), where.stdout + where.stderr
        assert (copy / ".venv" / "bin" / "papermill").read_text().startswith(f"#!{copy}/.venv/bin/python")
        kernel = json.loads((copy / ".venv" / "share" / "jupyter" / "kernels" / "jhn" / "kernel.json").read_text())
        assert kernel["argv"][0].startswith(f"{copy}/.venv/bin/python")
        again = sh("make env", copy)
        assert "making it again" not in again.stdout and again.returncode == 0  # made once, then trusted
    finally:
        shutil.rmtree(copy, ignore_errors=True)


@pytest.mark.slow
def test_every_readme_command_works_as_written(checkout):
    commands = readme_commands((checkout / "README.md").read_text(encoding="utf-8"))
    commands = [c for c in commands if c.line not in NOT_RUN]
    commands.sort(key=lambda c: c.line in RUN_LAST)  # stable: README order, make clean last
    failures = []
    for command in commands:
        started = time.monotonic()
        done = sh(command.line, checkout)
        print(f"{time.monotonic() - started:6.1f} s  {command.line}")  # shown with pytest -s: where the time goes
        output = done.stdout + done.stderr
        if command.fails != (done.returncode != 0):
            wanted = "a non-zero exit, as documented" if command.fails else "exit code 0"
            failures.append(f"$ {command.line}\n  wanted {wanted}, got {done.returncode}:\n{output[-2000:]}")
        missing = [line for line in command.output if not _printed(line, output)]
        if missing:
            failures.append(f"$ {command.line}\n  did not print what the README shows: {missing}\n{output[-2000:]}")
    assert not failures, "\n\n".join(failures)
