import re
import time

import pytest

from helpers.errors import ParameterError, ReportError
from helpers.yamlfile import PARAMETER_FILE_LIMIT, read_parameter_file, read_yaml


class LexiconError(ReportError):
    """A stand-in for a module's own error class."""


def test_reads_a_document(tmp_path):
    (tmp_path / "a.yml").write_text("version: 1\nterms: [高新区]\n", encoding="utf-8")
    assert read_yaml(tmp_path / "a.yml", LexiconError) == {"version": 1, "terms": ["高新区"]}


@pytest.mark.parametrize("content, words", [(None, "no such file; restore it"), ("a: [unclosed", "not valid YAML")])
def test_errors_say_what_to_do(tmp_path, content, words):
    path = tmp_path / "themes.yml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=words):
        read_yaml(path, LexiconError)


# 307 bytes; with aliases expanded, 9**8 (43 million) strings: the "billion laughs" of issue 13.
LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{b}: &{b} [{', '.join(['*' + a] * 9)}]\n" for a, b in zip("abcdefg", "bcdefgh")
)


def test_a_parameter_set_is_read_as_a_flat_mapping(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("# the 2019 review\nyear: 2019\ncompare_to: 2017\nthemes_file: ../x.yml\n", encoding="utf-8")
    assert read_parameter_file(path, ParameterError) == {"year": 2019, "compare_to": 2017, "themes_file": "../x.yml"}


def test_nested_aliases_are_refused_at_once_with_a_short_message(tmp_path):
    path = tmp_path / "laughs.yaml"
    path.write_text(LAUGHS, encoding="utf-8")
    assert len(LAUGHS.encode()) < 400
    started = time.perf_counter()
    with pytest.raises(ParameterError) as caught:
        read_parameter_file(path, ParameterError)
    assert time.perf_counter() - started < 1
    message = str(caught.value)
    assert len(message) < 200 and "\n" not in message
    assert message.startswith(f"{path}: line 1 uses a YAML anchor or alias")


@pytest.mark.parametrize(
    "content, words",
    [
        ("year: &y 2019\ncompare_to: *y\n", "line 1 uses a YAML anchor or alias"),
        ("year: [2019, 2021]\n", "parameter 'year' has a list, not a single value"),
        ("year:\n  value: 2019\n", "parameter 'year' has a dict, not a single value"),
        ("- 2019\n", "a parameter set is a YAML mapping of names to values"),
        ("2019: year\n", "'2019' is not a parameter name"),
        ("year: [2019\n", "not valid YAML at line 2; write one 'name: value' per line"),
        ("year: !!python/object:os.system x\n", "not valid YAML"),
    ],
)
def test_a_parameter_set_that_is_not_names_and_single_values_is_refused(tmp_path, content, words):
    path = tmp_path / "p.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ParameterError, match=re.escape(words)) as caught:
        read_parameter_file(path, ParameterError)
    assert str(caught.value).startswith(str(path)) and "\n" not in str(caught.value)


def test_a_parameter_file_that_is_not_a_small_utf8_file_is_named(tmp_path):
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes("year: 2019  # 二〇一九\n".encode("gb18030"))
    large = tmp_path / "large.yaml"
    large.write_text("# padding\n" * 7000 + "year: 2019\n", encoding="utf-8")
    assert large.stat().st_size > PARAMETER_FILE_LIMIT == 64 * 1024
    for path, words in [
        (gbk, "not UTF-8 text (byte 14 cannot be read); save it as UTF-8"),
        (tmp_path, "a folder, not a parameter file"),
        (tmp_path / "missing.yaml", "no such file"),
        (large, "larger than 64 KB, too large for a parameter set"),
    ]:
        with pytest.raises(ParameterError, match=re.escape(f"{path}: {words}")):
            read_parameter_file(path, ParameterError)


def test_a_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfyear: 2019\n")
    assert read_parameter_file(path, ParameterError) == {"year": 2019}
