"""Tests for helpers.selection: undated articles are in no year, and are listed with the fix."""

import pytest
from corpora import odd_articles

from helpers.corpus import select as selection


@pytest.mark.parametrize(
    "first, last, undated, expected",
    [
        (None, None, False, ["b804821d-0", "96dd1d20-0"]),
        (None, None, True, ["b804821d-0", "96dd1d20-0", "f26e48ba-0"]),
        (2019, 2100, False, ["b804821d-0"]),
        (2019, 2100, True, ["b804821d-0", "f26e48ba-0"]),
        (2030, 2031, False, []),
    ],
)
def test_zone_articles_keeps_undated_only_when_asked(first, last, undated, expected):
    chosen = selection.zone_articles(odd_articles(), first, last, undated=undated)
    assert chosen["article_id"].tolist() == expected


def test_articles_not_about_the_zone_are_left_out():
    articles = odd_articles()
    articles.loc[0, "about_zone"] = False
    assert selection.zone_articles(articles)["article_id"].tolist() == ["96dd1d20-0"]


def test_undated_table_gives_the_manifest_row_to_add():
    table = selection.undated_table(odd_articles())
    assert table[["file", "manifest_row"]].values.tolist() == [
        ["undated_meeting.txt", "undated_meeting.txt," + "f26e48ba" * 8 + ",,YYYY-MM-DD,,,"]
    ]


def test_undated_note_names_the_file_and_the_fix():
    note = selection.undated_note(odd_articles())
    assert "undated_meeting.txt" in note and "`date` column of data/corpus.csv" in note
    assert selection.undated_note(odd_articles().iloc[:2]) == ""
