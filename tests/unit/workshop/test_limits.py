"""A workshop's own size caps come from lokakarya.json through alaskaki.folder (issue 14 req. 1)."""

from __future__ import annotations

import json

import pytest

from alaskaki.errors import EXIT_INPUT, AlaskakiError
from alaskaki.folder import Folder
from alaskaki.workshop import limits


def _meta(tmp_path, data) -> None:
    text = data if isinstance(data, str) else json.dumps(data)
    Folder(tmp_path).meta_file.write_text(text, encoding="utf-8")


def test_a_workshop_may_change_a_cap(tmp_path):
    _meta(tmp_path, {"nama": "x", "batas": {"notebook_bytes": 1000, "cells": 50}})
    got = limits.for_workshop(tmp_path)
    assert (got.notebook_bytes, got.cells) == (1000, 50)
    assert got.zip_bytes == limits.DEFAULT.zip_bytes
    assert limits.for_workshop(tmp_path / "tanpa-lokakarya-json") == limits.DEFAULT


@pytest.mark.parametrize(
    ("batas", "named"),
    [
        ({"notebok_bytes": 1000}, "'notebok_bytes' tidak dikenal"),
        ({"cells": "50"}, "'cells' = '50'"),
        ({"cells": 0}, "'cells' = 0"),
        ({"cells": True}, "'cells' = True"),
        ([1000], '"batas" harus'),
    ],
)
def test_a_cap_the_kit_cannot_use_is_refused_naming_the_file_and_key(tmp_path, batas, named):
    _meta(tmp_path, {"batas": batas})
    with pytest.raises(AlaskakiError) as err:
        limits.for_workshop(tmp_path)
    assert err.value.exit_code == EXIT_INPUT
    assert str(Folder(tmp_path).meta_file) in str(err.value) and named in str(err.value)


def test_a_corrupt_lokakarya_json_is_named_not_read_as_the_defaults(tmp_path):
    _meta(tmp_path, '{"batas": {"cells": 50}')
    with pytest.raises(AlaskakiError) as err:
        limits.for_workshop(tmp_path)
    assert "lokakarya.json" in str(err.value) and "JSON" in str(err.value)
