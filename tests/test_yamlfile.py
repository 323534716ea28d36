import pytest

from helpers.errors import ReportError
from helpers.yamlfile import read_yaml


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
