import re
import tomllib

from helpers import paths
from helpers.build.lockfile import ENVIRONMENT, parse_pins, render_environment


def test_environment_yml_lists_exactly_the_lock_files_pins():
    lock = parse_pins(paths.LOCK_FILE.read_text(encoding="utf-8"))
    env = parse_pins(ENVIRONMENT.read_text(encoding="utf-8"))
    assert env == lock
    assert "python=3.11" in ENVIRONMENT.read_text(encoding="utf-8")


def test_environment_yml_is_what_make_lock_writes():
    assert ENVIRONMENT.read_text(encoding="utf-8") == render_environment(paths.LOCK_FILE.read_text(encoding="utf-8"))


def test_every_direct_dependency_is_pinned_exactly():
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    direct = project["dependencies"] + project["optional-dependencies"]["test"]
    lock = parse_pins(paths.LOCK_FILE.read_text(encoding="utf-8"))
    for requirement in direct:
        name = re.sub(r"[-_.]+", "-", re.split(r"[<>=!\[; ]", requirement)[0]).lower()
        assert name in lock, f"{name} is a dependency but not in requirements.lock"
    assert all(re.fullmatch(r"[0-9][0-9A-Za-z.+!-]*", v) for v in lock.values())


def test_the_user_chosen_packages_are_all_there():
    lock = parse_pins(paths.LOCK_FILE.read_text(encoding="utf-8"))
    for name in ("jupyterlab", "pandas", "matplotlib", "jieba", "wordcloud", "papermill"):
        assert name in lock
