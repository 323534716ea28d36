import csv

import pandas as pd

from helpers.report.csvfile import write_csv


def test_a_published_table_opens_in_excel_and_reads_back_in_pandas_and_csv(tmp_path):
    table = pd.DataFrame(
        {
            "indicator": ["高新技术企业数量", '=HYPERLINK("http://x")', "-5个街道", "@sum"],
            "value_base": [140.0, 0.17500000000000002, 20200000000.0, -35.0],
        }
    )
    path = write_csv(table, tmp_path / "t.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    assert b"0.175\n" in raw and b"20200000000\n" in raw and b"0.17500000000000002" not in raw
    back = pd.read_csv(path)
    assert list(back.columns) == ["indicator", "value_base"]
    assert back["indicator"].tolist() == ["高新技术企业数量", '\'=HYPERLINK("http://x")', "'-5个街道", "'@sum"]
    assert back["value_base"].tolist() == [140.0, 0.175, 20200000000.0, -35.0]  # numbers are not touched
    with path.open(encoding="utf-8-sig", newline="") as handle:
        assert next(csv.reader(handle)) == ["indicator", "value_base"]
