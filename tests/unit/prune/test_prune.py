"""``bodhi-gen prune`` against a local GHCR: what it lists, what it deletes, and what it never touches."""

from __future__ import annotations

import pytest

from tests.unit.prune.prune_fakes import (
    CACHE_DELETIONS,
    IMAGE,
    IMAGE_DELETIONS,
    Cli,
    FakeGhcr,
    Version,
    deleting,
)

DELETIONS = IMAGE_DELETIONS | CACHE_DELETIONS


def test_dry_run_lists_exactly_the_orphans_and_stale_refs(cli: Cli, fake: FakeGhcr) -> None:
    result = cli()
    assert result.code == 0, result.err
    assert deleting(result, "delete") == DELETIONS
    assert fake.deleted == []
    rows = result.rows()
    assert len(rows) == len(fake.packages[IMAGE]) + 5  # both pages of the image package, and the cache
    assert rows[2] == ("keep", "the linux/amd64 entry of the index tagged 1.0.0-cpu, latest-cpu")
    assert rows[4][1] == "the attestation entry of the index tagged 1.0.0-cpu, latest-cpu"
    assert rows[10][0] == "keep"  # a stale staging tag, but the 1.0.0-cuda index lists its manifest
    assert "1.0.0-cuda" in rows[10][1]
    assert rows[13][0] == "keep"  # listed by an untagged index that a tagged index lists
    assert rows[6][1].startswith("untagged, but changed less than 24 h ago")
    assert rows[8] == ("delete", "staging tag of a unit the config no longer produces")
    assert rows[103] == ("delete", "cache of a unit the config no longer produces")
    assert rows[104] == ("keep", "tagged")  # not a unit key: not ours to judge
    assert "dry run: would delete 6 of" in result.out
    assert "--apply" in result.out


def test_apply_deletes_exactly_those_and_never_a_referenced_manifest(cli: Cli, fake: FakeGhcr) -> None:
    result = cli("--apply")
    assert result.code == 0, result.err
    assert set(fake.deleted) == DELETIONS
    assert len(fake.deleted) == len(DELETIONS)
    assert deleting(result, "deleted") == DELETIONS
    assert f"deleted {len(DELETIONS)} of" in result.out
    # a dry run afterwards finds nothing more to delete: what remains is all needed
    again = cli()
    assert deleting(again, "delete") == set()


def test_min_age_zero_also_deletes_young_orphans(cli: Cli, fake: FakeGhcr) -> None:
    result = cli("--min-age-hours", "0")
    assert deleting(result, "delete") == DELETIONS | {6}


def test_a_failing_delete_stops_with_exit_5_and_says_what_was_deleted(cli: Cli, fake: FakeGhcr) -> None:
    fake.fail_delete = 8
    result = cli("--apply")
    assert result.code == 5
    rows = result.rows()
    assert fake.deleted == [5]  # the deletions run in the report's order: 5, 8, 14, 15, then the cache
    assert rows[5][0] == "deleted"
    assert rows[8][0] == "FAILED"
    assert {v for v, (d, _) in rows.items() if d == "not deleted"} == DELETIONS - {5, 8}
    assert "stopped at version 8 of ghcr.io/bodhisearch/bodhiapp" in result.err
    assert "1 deleted, 4 not deleted" in result.err
    assert "delete:packages" in result.err


def test_user_owned_packages_are_found_and_deleted_under_users(cli: Cli, fake: FakeGhcr) -> None:
    fake.scope = "users"
    result = cli("--apply")
    assert result.code == 0, result.err
    assert set(fake.deleted) == DELETIONS


def test_a_listing_cut_short_by_the_page_limit_decides_nothing(cli: Cli, fake: FakeGhcr) -> None:
    result = cli("--max-pages", "1", "--apply")
    assert result.code == 5
    assert "more than 100 versions (--max-pages 1)" in result.err
    assert fake.deleted == []


def test_the_request_cap_stops_before_anything_is_deleted(cli: Cli, fake: FakeGhcr) -> None:
    result = cli("--max-requests", "20", "--apply")
    assert result.code == 5
    assert "--max-requests" in result.err
    assert fake.deleted == []
    assert fake.requests <= 20


def test_an_index_the_registry_cannot_serve_deletes_nothing(cli: Cli, fake: FakeGhcr) -> None:
    fake.packages[IMAGE].append(Version(99, "ghost", ("ghost-tag",)))
    fake.unserved.add("ghost")
    result = cli("--apply")
    assert result.code == 5
    assert "nothing was deleted" in result.err
    assert fake.deleted == []


def test_no_token(cli: Cli, fake: FakeGhcr, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GH_TOKEN")
    result = cli()
    assert result.code == 5
    assert "GH_TOKEN" in result.err
    assert fake.requests == 0


def test_a_registry_url_without_tls_elsewhere_is_refused(cli: Cli, fake: FakeGhcr) -> None:
    result = cli("--registry-url", "http://registry.example")
    assert result.code == 2
    assert "localhost only" in result.err
    assert fake.requests == 0


def test_a_token_service_on_another_host_never_gets_the_token(cli: Cli, fake: FakeGhcr) -> None:
    fake.realm = "http://127.0.0.2:9/token"
    result = cli("--apply")
    assert result.code == 5
    assert "on another host; the token is not sent there" in result.err
    assert fake.deleted == []
