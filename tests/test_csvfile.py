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


def test_every_formula_start_the_readme_names_is_neutralised_and_other_text_is_not(tmp_path):
    cells = ["=1+1", "+86 537", "-3", "@A1", "\tx", "\rx", "高新区=园区", "a-b", "'quoted"]
    path = write_csv(pd.DataFrame({"text": cells}), tmp_path / "t.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        back = [row[0] for row in csv.reader(handle)][1:]
    assert back == ["'=1+1", "'+86 537", "'-3", "'@A1", "'\tx", "'\nx", "高新区=园区", "a-b", "'quoted"]


def test_floats_keep_what_the_text_prints_and_lose_binary_noise(tmp_path):
    values = [0.1 + 0.2, 1 / 3, 20200000000.0, 61.7, 0.001, -2.5]
    raw = write_csv(pd.DataFrame({"v": values}), tmp_path / "t.csv").read_bytes().decode("utf-8-sig")
    assert raw.split("\n")[1:-1] == ["0.3", "0.333333333333333", "20200000000", "61.7", "0.001", "-2.5"]
    assert "\r" not in raw
