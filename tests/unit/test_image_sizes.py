"""Image sizes: manifest arithmetic, growth against the latest tag, the gate, the table's formats, the config."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from bodhi_gen.config.loader import embedded_default_text
from bodhi_gen.config.models import Config
from bodhi_gen.digests import DigestRecord
from bodhi_gen.docker import manifests
from bodhi_gen.docker.imagetools import IndexInfo
from bodhi_gen.docker.manifests import ImageSize, manifest_size, platform_sizes
from bodhi_gen.errors import DockerError, SizeLimitError
from bodhi_gen.plan.units import MergeGroup
from bodhi_gen.publish import merge
from bodhi_gen.publish.sizes import (
    SizeChange,
    check_growth,
    compare,
    human,
    render_json,
    render_markdown,
    render_table,
    size_rows,
)

IMAGE = "ghcr.io/acme/app"
INDEX = "application/vnd.oci.image.index.v1+json"
MANIFEST = "application/vnd.oci.image.manifest.v1+json"
GROUP = MergeGroup("cpu", "production", IMAGE, ("linux/amd64",), (f"{IMAGE}:1.2.3-cpu", f"{IMAGE}:latest-cpu"))
D1, D2, D3 = ("sha256:" + c * 64 for c in "abc")


def image_manifest(*sizes: int) -> dict[str, object]:
    config, *layers = sizes
    return {
        "mediaType": MANIFEST,
        "config": {"size": config, "digest": D1},
        "layers": [{"size": s, "digest": D2} for s in layers],
    }


def change(size: int | None, previous: int | None, limit: float = 20) -> SizeChange:
    return SizeChange("cpu", "production", "linux/amd64", size, previous, limit, "new", f"{IMAGE}:latest-cpu")


def test_a_manifest_size_is_its_config_plus_its_layers() -> None:
    assert manifest_size(image_manifest(500, 1000, 2_000_000)) == 2_001_500
    with pytest.raises(DockerError):
        manifest_size({"layers": [{"size": 3}]})  # no config
    with pytest.raises(DockerError):
        manifest_size({"config": {"size": 1}, "layers": [{"digest": D1}]})  # a layer without its size


def test_an_index_is_measured_per_platform_without_its_attestations(monkeypatch: pytest.MonkeyPatch) -> None:
    served = {
        f"{IMAGE}:latest-cpu": {
            "mediaType": INDEX,
            "manifests": [
                {"digest": D1, "platform": {"os": "linux", "architecture": "amd64"}},
                {"digest": D2, "platform": {"os": "linux", "architecture": "arm64", "variant": "v8"}},
                {"digest": D3, "platform": {"os": "unknown", "architecture": "unknown"}},
            ],
        },
        f"{IMAGE}@{D1}": image_manifest(10, 100),
        f"{IMAGE}@{D2}": image_manifest(20, 200, 300),
    }
    monkeypatch.setattr(manifests, "raw_manifest", lambda client, ref: served[ref])
    found = platform_sizes(object(), f"{IMAGE}:latest-cpu")  # type: ignore[arg-type]
    assert found == {
        "linux/amd64": ImageSize("linux/amd64", D1, 110),
        "linux/arm64/v8": ImageSize("linux/arm64/v8", D2, 520),
    }
    # a plain manifest: its platform is the one the caller names
    one = platform_sizes(object(), f"{IMAGE}@{D1}", "linux/amd64")  # type: ignore[arg-type]
    assert one == {"linux/amd64": ImageSize("linux/amd64", D1, 110)}


def test_a_missing_tag_has_no_sizes(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(client: object, ref: str) -> dict[str, object]:
        msg = f"reading the manifest of {ref} failed: ERROR: {ref}: not found"
        raise DockerError(msg)

    monkeypatch.setattr(manifests, "raw_manifest", missing)
    assert manifests.tag_sizes(object(), f"{IMAGE}:latest-cpu") is None  # type: ignore[arg-type]


def test_growth_and_the_limit() -> None:
    assert change(120, 100).growth == pytest.approx(20.0)
    assert not change(120, 100).over_limit  # exactly the limit passes
    assert change(121, 100).over_limit
    assert change(50, 100).growth == pytest.approx(-50.0)
    assert not change(50, 100).over_limit
    assert change(10_000, None).growth is None  # the first release: nothing to compare
    assert not change(10_000, None).over_limit
    assert not change(None, 100).over_limit
    assert change(103, 100, limit=2.5).over_limit


def test_compare_matches_platforms_and_names_the_latest_tag() -> None:
    assert GROUP.latest_tag == f"{IMAGE}:latest-cpu"
    now = {"linux/amd64": ImageSize("linux/amd64", D1, 150)}
    before = {"linux/amd64": ImageSize("linux/amd64", D2, 100), "linux/arm64": ImageSize("linux/arm64", D3, 1)}
    (found,) = compare(GROUP, now, before, 20, {"linux/amd64": f"{IMAGE}@{D1}"})
    assert (found.size, found.previous, found.previous_ref, found.ref) == (
        150, 100, f"{IMAGE}:latest-cpu", f"{IMAGE}@{D1}"
    )  # fmt: skip
    (first,) = compare(GROUP, now, {}, 20, {})
    assert (first.previous, first.previous_ref, first.over_limit) == (None, "", False)


def test_the_gate_names_variant_platform_sizes_growth_and_limit() -> None:
    check_growth([change(120, 100), change(1, None)])  # within the limit, and a first release
    with pytest.raises(SizeLimitError) as caught:
        check_growth([change(1_500_000_000, 1_000_000_000)])
    assert caught.value.exit_code == 8
    assert caught.value.message == (
        "cpu/production linux/amd64: 1.0 GB -> 1.5 GB (+50.0% against ghcr.io/acme/app:latest-cpu), "
        "over the limit of 20%; no tag was moved"
    )


def test_human_sizes() -> None:
    assert [human(n) for n in (None, 0, 999, 1000, 52_400_000, 3_210_000_000)] == [
        "-", "0 B", "999 B", "1.0 kB", "52.4 MB", "3.2 GB"
    ]  # fmt: skip


def test_the_table_in_three_formats() -> None:
    changes = [change(52_400_000, 50_000_000), change(70_000_000, 50_000_000), change(9, None)]
    assert render_table(changes).splitlines() == [
        "VARIANT  MODE        PLATFORM     SIZE     PREVIOUS  CHANGE         LIMIT",
        "cpu      production  linux/amd64  52.4 MB  50.0 MB   +4.8%          20%",
        "cpu      production  linux/amd64  70.0 MB  50.0 MB   +40.0% (over)  20%",
        "cpu      production  linux/amd64  9 B      -         -              20%",
    ]
    data = json.loads(render_json(changes))
    assert data[1] == {
        "variant": "cpu",
        "mode": "production",
        "platform": "linux/amd64",
        "image": "new",
        "size": 70_000_000,
        "previous": 50_000_000,
        "previous_image": f"{IMAGE}:latest-cpu",
        "change_percent": 40.0,
        "limit_percent": 20,
        "over_limit": True,
    }
    markdown = render_markdown(changes).splitlines()
    assert markdown[2:4] == [
        "| Variant | Mode | Platform | Size | Previous | Change | Limit |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    assert markdown[4] == "| cpu | production | linux/amd64 | 52.4 MB | 50.0 MB | +4.8% | 20% |"
    (row,) = size_rows(IMAGE, changes[:1])
    assert row.result == "52.4 MB; latest-cpu holds 50.0 MB (+4.8%); limit 20%"


def config_with(**extra: object) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(embedded_default_text())
    data.update(extra)
    return data


def test_the_limits_are_validated_strictly_and_a_variant_overrides_the_default() -> None:
    config = Config.model_validate(config_with())
    assert config.growth_limit("cpu") == 20
    data = config_with(size_limits={"growth_percent": 5})
    data["variants"][1]["max_growth_percent"] = 35.5
    config = Config.model_validate(data)
    assert (config.growth_limit("cpu"), config.growth_limit(data["variants"][1]["name"])) == (5, 35.5)
    for bad in ({"growth_percent": "20"}, {"growth_percent": True}, {"growth_percent": 0}, {"percent": 20}):
        with pytest.raises(ValidationError):
            Config.model_validate(config_with(size_limits=bad))
    data = config_with()
    data["variants"][0]["max_growth_percent"] = -1
    with pytest.raises(ValidationError):
        Config.model_validate(data)


class Registry:
    """What ``merge_digests`` asks the adapters: sizes from a dict, and every index it would create."""

    def __init__(self, sizes: dict[str, int]) -> None:
        self.sizes = sizes
        self.created: list[Sequence[str]] = []

    def platform_sizes(self, client: object, ref: str, platform: str | None = None) -> dict[str, ImageSize]:
        return {"linux/amd64": ImageSize("linux/amd64", D1, self.sizes[ref])}

    def tag_sizes(self, client: object, ref: str) -> dict[str, ImageSize] | None:
        return self.platform_sizes(client, ref) if ref in self.sizes else None

    def create_index(self, client: object, sources: Sequence[str], tags: Sequence[str]) -> None:
        self.created.append(tags)

    def inspect_index(self, client: object, ref: str) -> IndexInfo:
        return IndexInfo(D3, INDEX, ("linux/amd64",))


RECORDS = {"linux/amd64": DigestRecord(IMAGE, "cpu", "production", "linux/amd64", D1)}


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> Registry:
    fake = Registry({})
    from bodhi_gen.docker.imagetools import TagLabel
    from bodhi_gen.publish import latest, sizes

    monkeypatch.setattr(sizes, "platform_sizes", fake.platform_sizes)
    monkeypatch.setattr(sizes, "tag_sizes", fake.tag_sizes)
    monkeypatch.setattr(latest, "tag_label", lambda client, tag, label: TagLabel(found=False, value=None))
    for name in ("create_index", "inspect_index"):
        monkeypatch.setattr(merge, name, getattr(fake, name))
    return fake


def test_publish_stops_before_any_tag_moves_when_an_image_grew_too_much(registry: Registry) -> None:
    registry.sizes = {f"{IMAGE}@{D1}": 130, f"{IMAGE}:latest-cpu": 100}
    with pytest.raises(SizeLimitError, match=r"cpu/production linux/amd64: 100 B -> 130 B \(\+30.0%"):
        merge.merge_digests(object(), replace(GROUP, growth_limit=20), RECORDS, io.StringIO())  # type: ignore[arg-type]
    assert registry.created == []
    published = merge.merge_digests(object(), replace(GROUP, growth_limit=30), RECORDS, io.StringIO())  # type: ignore[arg-type]
    assert registry.created == [GROUP.tags]
    assert [(c.size, c.previous) for c in published.sizes] == [(130, 100)]
    rows = merge.publish_rows(GROUP, published)
    assert [row.step for row in rows] == ["publish", "size"]


def test_the_first_release_passes_the_gate(registry: Registry) -> None:
    registry.sizes = {f"{IMAGE}@{D1}": 10**9}
    published = merge.merge_digests(object(), replace(GROUP, growth_limit=1), RECORDS, io.StringIO())  # type: ignore[arg-type]
    assert registry.created == [GROUP.tags]
    assert [(c.previous, c.over_limit) for c in published.sizes] == [(None, False)]
