"""The README is short and points everywhere; every doc is linked; every relative link and anchor resolves."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
import yaml

from tests.helpers import BAD_CONFIGS, ROOT

README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = [README, *DOCS]
MAX_README_LINES = 200
PIPELINE = ("plan", "binaries", "builds", "merges", "registry", "mirrors", "release page")

_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
_HEADING = re.compile(r"^#{1,6} (.+)$", re.MULTILINE)


def _prose(text: str) -> str:
    """``text`` without its fenced code blocks (links and headings there are not links and headings)."""
    return _FENCE.sub("", text)


def anchors(text: str) -> set[str]:
    """The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens,
    a repeated one numbered."""
    seen: dict[str, int] = {}
    found = set()
    for heading in _HEADING.findall(_prose(text)):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found.add(slug if count == 0 else f"{slug}-{count}")
    return found


def relative_links(page: Path) -> list[str]:
    return [
        target
        for target in _LINK.findall(_prose(page.read_text("utf-8")))
        if not re.match(r"^[a-z]+:", target)  # http:, https:, mailto:
    ]


def test_the_anchor_rules_match_githubs() -> None:
    text = "# A title\n## The composite action (`action.yml`)\n## Errors and their fixes\n## A title\n"
    assert anchors(text) == {"a-title", "the-composite-action-actionyml", "errors-and-their-fixes", "a-title-1"}


def test_the_readme_is_short_and_keeps_its_first_lines() -> None:
    lines = README.read_text("utf-8").splitlines()
    assert len(lines) <= MAX_README_LINES, f"README.md has {len(lines)} lines (at most {MAX_README_LINES})"
    assert lines[3].startswith("python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/bodhi-gen workflows")
    assert lines[4].startswith("bash scripts/test.sh")


def test_the_readme_draws_the_pipeline() -> None:
    text = README.read_text("utf-8")
    diagram = text.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert diagram.startswith("flowchart")
    # node id -> the first line of its label, in the order the nodes are declared
    nodes = dict(re.findall(r'^\s*(\w+)\[\(?"([^"<]+)<br/>', diagram, flags=re.MULTILINE))
    assert tuple(nodes.values()) == PIPELINE
    edges = set()
    for line in diagram.splitlines():
        chain = [part.strip() for part in line.split("-->")]
        edges |= {(nodes[a], nodes[b]) for a, b in itertools.pairwise(chain)}
    flow = [("plan", "binaries"), ("binaries", "builds"), ("builds", "merges"), ("merges", "registry"),
            ("merges", "mirrors"), ("registry", "release page"), ("mirrors", "release page")]  # fmt: skip
    assert edges == set(flow)


def test_every_doc_is_linked_from_the_readme() -> None:
    linked = {target.split("#")[0] for target in relative_links(README)}
    missing = [f"docs/{doc.name}" for doc in DOCS if f"docs/{doc.name}" not in linked]
    assert not missing, f"not linked from README.md: {missing}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves(page: Path) -> None:
    broken = []
    for target in relative_links(page):
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        if not file.exists() or not file.is_relative_to(ROOT):
            broken.append(f"{target} (no such file)")
        elif anchor and (file.suffix != ".md" or anchor not in anchors(file.read_text("utf-8"))):
            broken.append(f"{target} (no such heading)")
    assert not broken, f"{page.name}: {broken}"


def test_both_actions_are_documented_with_every_input_and_output() -> None:
    text = (ROOT / "docs" / "action.md").read_text("utf-8")
    for action, block in (("action.yml", "action-table"), ("setup/action.yml", "setup-table")):
        spec = yaml.safe_load((ROOT / action).read_text("utf-8"))
        table = text.split(f"<!-- bodhi-gen:{block}:start -->")[1].split(f"<!-- bodhi-gen:{block}:end -->")[0]
        for name in [*(spec.get("inputs") or {}), *(spec.get("outputs") or {})]:
            assert f"| `{name}` |" in table, f"{action}: {name}"
    assert "devops-action/setup@v1" in text


def test_the_config_error_table_shows_each_whole_example() -> None:
    text = (ROOT / "docs" / "errors.md").read_text("utf-8")
    table = text.split("<!-- bodhi-gen:config-errors:start -->")[1].split("<!-- bodhi-gen:config-errors:end -->")[0]
    rows = table.strip().splitlines()[2:]
    assert len(rows) == len(BAD_CONFIGS)
    for path, row in zip(BAD_CONFIGS, rows, strict=True):
        cause = row.rsplit(" | ", 1)[1]
        for line in path.read_text("utf-8").splitlines()[1:]:
            if line.strip():
                assert f"`{line.strip()}`" in cause.replace("\\|", "|"), f"{path.name}: {line!r} not shown"
