import hashlib

from helpers.hashing import digest, file_sha256


def test_a_file_is_hashed_by_its_bytes_and_a_change_is_seen(tmp_path):
    page = tmp_path / "page.txt"
    page.write_bytes("高新区召开会议".encode())
    assert file_sha256(page) == hashlib.sha256("高新区召开会议".encode()).hexdigest()
    page.write_bytes("高新区召开工作会议".encode())  # a changed file is read again, not remembered
    assert file_sha256(page) == hashlib.sha256("高新区召开工作会议".encode()).hexdigest()


def test_digest_does_not_depend_on_key_order():
    assert digest({"a": 1, "b": [1, 2]}) == digest({"b": [1, 2], "a": 1})
