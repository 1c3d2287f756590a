"""The shell, awk and sed programs inside the generated Dockerfiles, kept here so unit tests can run them.

Each is written into a single-quoted shell word, so none may contain a single quote.
"""

from __future__ import annotations

from bodhi_gen.config.rules import TRIPLES


def reduce_workspace_awk(crate: str) -> str:
    """Cargo.toml -> the same manifest with the workspace reduced to crates/<crate>: ``members`` (one
    line or several) becomes that one crate and ``default-members`` goes; everything else is kept."""
    return (
        "/^[[:space:]]*(default-)?members[[:space:]]*=/ {"
        f' if ($0 ~ /^[[:space:]]*members/) print "members = [\\"crates/{crate}\\"]";'
        " skip = ($0 !~ /\\]/); next }"
        " skip { skip = ($0 !~ /\\]/); next }"
        " { print }"
    )


REDUCE_WORKSPACE_AWK = reduce_workspace_awk("ci_optims")

# GitHub's releases JSON -> the fields that matter, one "name value" line each, in document order.
# Values quoted inside other strings (a release body) carry escaped quotes and never match.
RELEASE_FIELDS_GREP = '"(tag_name|url|name)"[[:space:]]*:[[:space:]]*"[^"]*"|"draft"[[:space:]]*:[[:space:]]*true'
RELEASE_FIELDS_SED = 's/^"([a-z_]+)"[[:space:]]*:[[:space:]]*"?([^"]*)"?$/\\1 \\2/'

# Those lines -> "<asset API url> <asset name> <tag>" of the first (newest) non-draft release whose
# tag starts with `prefix` and that has the asset `want` or `want`.zip. GitHub lists a release's
# tag_name and draft before its assets, and each asset's url before its name.
PICK_ASSET_AWK = (
    '$1 == "tag_name" { tag = $2; draft = 0; asset = ""; next }'
    ' $1 == "draft" { draft = 1; next }'
    ' $1 == "url" { if ($2 ~ /\\/releases\\/assets\\/[0-9]+$/) asset = $2; next }'
    ' $1 == "name" && asset != "" && !draft && index(tag, prefix) == 1 && ($2 == want || $2 == want ".zip")'
    " { print asset, $2, tag; exit }"
)


def triple_script() -> tuple[str, ...]:
    """Shell lines setting CI_BUILD_TARGET from TARGETARCH unless the build passes it."""
    arms = [f"{platform.split('/')[1]}) CI_BUILD_TARGET={triple} ;;" for platform, triple in TRIPLES.items()]
    return (
        'if [ -z "${CI_BUILD_TARGET:-}" ]; then',
        '    case "${TARGETARCH}" in',
        *(f"        {arm}" for arm in arms),
        '        *) echo "no Rust target triple for TARGETARCH=${TARGETARCH}; pass CI_BUILD_TARGET" >&2; exit 1 ;;',
        "    esac;",
        "fi;",
        "export CI_BUILD_TARGET;",
    )


# The programs by the name the template uses.
PROGRAMS = {
    "release_fields_grep": RELEASE_FIELDS_GREP,
    "release_fields_sed": RELEASE_FIELDS_SED,
    "pick_asset": PICK_ASSET_AWK,
}
