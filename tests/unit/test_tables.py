"""The one table printer: aligned as before when it fits, narrowed and continued when the terminal is narrower."""

from __future__ import annotations

import pytest

from bodhi_gen.tables import fit, table
from tests.helpers import run_cli

ROWS = [
    ("VARIANT", "PLATFORM", "CACHE"),
    ("cpu", "linux/amd64", "ghcr.io/bodhisearch/bodhiapp-cache:cpu-production-amd64"),
    ("vulkan", "linux/arm64", ""),
]


def test_a_table_that_fits_is_aligned_two_spaces_apart_without_trailing_spaces() -> None:
    assert table(ROWS, width=200) == (
        "VARIANT  PLATFORM     CACHE\n"
        "cpu      linux/amd64  ghcr.io/bodhisearch/bodhiapp-cache:cpu-production-amd64\n"
        "vulkan   linux/arm64\n"
    )


@pytest.mark.parametrize("width", [60, 50, 40, 30, 12])
def test_a_narrower_terminal_gets_continued_cells_and_no_longer_line(width: int) -> None:
    lines = table(ROWS, width=width).splitlines()
    assert max(len(line) for line in lines) <= width
    # nothing is lost or added: the same characters, wherever the cells were broken
    assert sorted("".join(lines).replace(" ", "")) == sorted("".join("".join(row) for row in ROWS).replace(" ", ""))


def test_image_references_break_after_a_separator() -> None:
    assert table(ROWS, width=50).splitlines()[1:4] == [
        "cpu      linux/amd64  ghcr.io/bodhisearch/",
        "                      bodhiapp-cache:cpu-",
        "                      production-amd64",
    ]


def test_prose_is_wrapped_to_the_width() -> None:
    text = "4 binary build(s), 10 build unit(s), 8 multi-platform tag set(s) for ghcr.io/bodhisearch/bodhiapp"
    assert fit(text, 200) == text
    assert all(len(line) <= 40 for line in fit(text, 40).splitlines())


def test_matrix_fits_columns_100() -> None:
    wide = run_cli(["matrix"], env={"COLUMNS": ""})
    narrow = run_cli(["matrix"], env={"COLUMNS": "100"})
    assert wide.code == narrow.code == 0, narrow.err
    assert max(len(line) for line in wide.out.splitlines()) > 100  # the table needs narrowing at all
    assert max(len(line) for line in narrow.out.splitlines()) <= 100
    for ref in ("ghcr.io/", "bodhiapp-cache:", "binary-production-amd64", "latest-cuda"):
        assert ref in wide.out
    assert "binary-development-arm64" in narrow.out.replace("\n", "").replace(" ", "")
