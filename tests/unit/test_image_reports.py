"""What the image commands hand to CI: step outputs, the Markdown summary table, digest records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bodhi_gen.digests import DigestRecord, read_records, select_digests, write_record
from bodhi_gen.errors import UsageError
from bodhi_gen.gha import HEADER, SummaryRow, append_outputs, append_summary, format_outputs, render_row

DIGEST_A = "sha256:" + "a" * 64
DIGEST_B = "sha256:" + "b" * 64
IMAGE = "ghcr.io/o/app"


def test_outputs_use_the_delimiter_form_for_multiline_values(tmp_path: Path) -> None:
    text = format_outputs({"digest": DIGEST_A, "notes": "one\ntwo"})
    lines = text.splitlines()
    assert lines[0] == f"digest={DIGEST_A}"
    assert lines[1].startswith("notes<<ghadelimiter_")
    assert lines[2:4] == ["one", "two"]
    assert lines[4] == lines[1].split("<<")[1]
    out = tmp_path / "out"
    append_outputs(out, {"a": "1"})
    append_outputs(out, {"a": "2"})
    assert out.read_text() == "a=1\na=2\n"


def row(step: str) -> SummaryRow:
    return SummaryRow(step, IMAGE, "linux/amd64", DIGEST_A, (f"{IMAGE}:1.0.0-cpu", f"{IMAGE}:latest-cpu"), "ok | fine")


def test_summary_rows_share_one_table_per_step(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("## Earlier step output\n")
    append_summary(summary, [row("build, load")])
    append_summary(summary, [row("smoke test")])
    append_summary(summary, [row("publish")])
    text = summary.read_text()
    assert text.count(HEADER) == 1
    assert text.startswith("## Earlier step output\n\n### bodhi-gen images\n")
    assert text.splitlines()[-3:] == [render_row(row(s)) for s in ("build, load", "smoke test", "publish")]
    assert f"`{IMAGE}:1.0.0-cpu`<br>`{IMAGE}:latest-cpu`" in text
    assert "ok \\| fine" in text


def test_summary_starts_a_new_table_after_other_content(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    append_summary(summary, [row("build, load")])
    with summary.open("a") as handle:
        handle.write("\nsomething else\n")
    append_summary(summary, [row("publish")])
    assert summary.read_text().count(HEADER) == 2


def records(tmp_path: Path, *entries: tuple[str, str, str]) -> Path:
    folder = tmp_path / "digests"
    for index, (image, platform, digest) in enumerate(entries):
        write_record(folder / f"nested-{index}" / "d.json", DigestRecord(image, "cpu", "production", platform, digest))
    return folder


def test_digests_are_selected_per_platform(tmp_path: Path) -> None:
    folder = records(tmp_path, (IMAGE, "linux/amd64", DIGEST_A), (IMAGE, "linux/arm64", DIGEST_B))
    write_record(folder / "other.json", DigestRecord(IMAGE, "cuda", "production", "linux/amd64", DIGEST_B))
    chosen = select_digests(read_records(folder), IMAGE, "cpu", "production", ("linux/amd64", "linux/arm64"))
    assert {p: r.source for p, r in chosen.items()} == {
        "linux/amd64": f"{IMAGE}@{DIGEST_A}",
        "linux/arm64": f"{IMAGE}@{DIGEST_B}",
    }


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        (((IMAGE, "linux/amd64", DIGEST_A),), "no digest file for cpu/production on linux/arm64"),
        (
            ((IMAGE, "linux/amd64", DIGEST_A), (IMAGE, "linux/amd64", DIGEST_B), (IMAGE, "linux/arm64", DIGEST_B)),
            "two different digests for cpu/production linux/amd64",
        ),
        ((("ghcr.io/o/other", "linux/amd64", DIGEST_A),), "digest was pushed to ghcr.io/o/other"),
    ],
)
def test_digest_selection_refuses_missing_doubled_or_foreign(
    tmp_path: Path, entries: tuple[tuple[str, str, str], ...], message: str
) -> None:
    folder = records(tmp_path, *entries)
    with pytest.raises(UsageError, match=message):
        select_digests(read_records(folder), IMAGE, "cpu", "production", ("linux/amd64", "linux/arm64"))


def test_a_file_that_is_not_a_digest_record_is_named(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text(json.dumps({"digest": "sha256:nothex"}))
    with pytest.raises(UsageError, match=r"x\.json: a digest file needs"):
        read_records(tmp_path)
