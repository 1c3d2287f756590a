"""Strict text types for every free-text config field.

Config values end up in shell commands, Dockerfiles, a Makefile and workflow YAML, so each field
accepts only the characters its kind of value needs: no quotes, ``$``, backticks, ``${{``, spaces
or control characters anywhere. The renderers quote what they emit as well (``render/quoting.py``);
this is the first wall, and the one that tells the user which field is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import AfterValidator, Field

from bodhi_gen.config.llama_args import check_llama_args
from bodhi_gen.config.text import shown

_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_HOST = r"[a-z0-9]+(?:[.-][a-z0-9]+)*(?::[0-9]+)?"
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
IMAGE_RE = re.compile(r"^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)+$")
IMAGE_REF_RE = re.compile(
    rf"^(?:{_HOST}/)?{_COMPONENT}(?:/{_COMPONENT})*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{{0,127}})?(?:@sha256:[0-9a-f]{{64}})?$"
)
RELATIVE_RE = re.compile(r"^(?!/)(?!.*(?:^|/)\.\.(?:/|$))[A-Za-z0-9_.@+/-]+$")
RUNNER_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
CARGO_FEATURE_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_][A-Za-z0-9_+.-]*)?$")
OWNER_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9_.-]+$")
PREFIX_RE = re.compile(r"^[A-Za-z0-9._/-]*$")
DOCKER_FLAG_RE = re.compile(r"^(?:--?[a-z][a-z0-9-]*(?:=[A-Za-z0-9_./:,=@+-]*)?|[A-Za-z0-9_/.][A-Za-z0-9_./:,=@+-]*)$")
COMMAND_WORD_RE = re.compile(r"^[A-Za-z0-9_./:,=@+-]+$")
NPM_SCRIPT_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_:.-]*$")
TAG_PATTERN_RE = re.compile(r"^[A-Za-z0-9._/-]*v\*$")
# a registry user name (Docker Hub, GHCR, a robot account): no quotes, spaces or shell characters
REGISTRY_USER_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@+-]*$")
URL_RE = re.compile(r"^https://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[A-Za-z0-9._~%+/-]*)?$")
# llama-server values are free-form within their flag's rules; only what no shell or YAML needs is refused
LLAMA_UNSAFE_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\"'`$\\]")
MAX_TEXT = 256


def _pattern(regex: re.Pattern[str], what: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if len(value) > MAX_TEXT or not regex.fullmatch(value):
            msg = f"{shown(value)} is not {what}"
            raise ValueError(msg)
        return value

    return check


def _llama_args(value: str) -> str:
    if LLAMA_UNSAFE_RE.search(value):
        msg = f"{shown(value)} holds a quote, '$', a backtick, a backslash or a control character"
        raise ValueError(msg)
    return check_llama_args(value)


def _text(regex: re.Pattern[str], what: str) -> AfterValidator:
    return AfterValidator(_pattern(regex, what))


def _schema(regex: re.Pattern[str]) -> Any:
    """The same pattern in the JSON schema, so editors flag a bad value too (pydantic's own ``pattern``
    would run Rust's regex engine, which has no lookahead)."""
    return Field(json_schema_extra={"pattern": regex.pattern})


Name = Annotated[
    str,
    _text(NAME_RE, "a valid name: use lower-case letters, digits and single dashes"),
    _schema(NAME_RE),
]
ImageRepo = Annotated[
    str,
    _text(IMAGE_RE, "an image repository such as ghcr.io/owner/name (lower-case, no tag)"),
    _schema(IMAGE_RE),
]
ImageRef = Annotated[
    str,
    _text(IMAGE_REF_RE, "an image reference such as ghcr.io/owner/name:tag[@sha256:...] (lower-case repository)"),
    _schema(IMAGE_REF_RE),
]
RelativePath = Annotated[
    str,
    _text(RELATIVE_RE, "a relative path inside the build context (no '..', no leading '/', no spaces)"),
    _schema(RELATIVE_RE),
]
RunnerLabel = Annotated[
    str,
    _text(RUNNER_RE, "a runner label (letters, digits, '.', '_', '-')"),
    _schema(RUNNER_RE),
]
CargoFeature = Annotated[
    str,
    _text(CARGO_FEATURE_RE, "a cargo feature name such as production or crate/feature"),
    _schema(CARGO_FEATURE_RE),
]
OwnerName = Annotated[
    str,
    _text(OWNER_NAME_RE, "a GitHub OWNER/NAME"),
    _schema(OWNER_NAME_RE),
]
Prefix = Annotated[
    str,
    _text(PREFIX_RE, "a tag prefix (letters, digits, '.', '_', '/', '-')"),
    _schema(PREFIX_RE),
]
DockerFlag = Annotated[
    str,
    _text(DOCKER_FLAG_RE, "a docker run flag or its value (--name[=value], or a plain word such as /dev/dri)"),
    _schema(DOCKER_FLAG_RE),
]
CommandWord = Annotated[
    str,
    _text(COMMAND_WORD_RE, "a command word (letters, digits and ._/:,=@+-)"),
    _schema(COMMAND_WORD_RE),
]
NpmScript = Annotated[
    str,
    _text(NPM_SCRIPT_RE, "an npm script name (letters, digits and _:.-)"),
    _schema(NPM_SCRIPT_RE),
]
TagPattern = Annotated[
    str,
    _text(TAG_PATTERN_RE, "a tag pattern ending with 'v*' (e.g. 'docker/v*')"),
    _schema(TAG_PATTERN_RE),
]
HttpsUrl = Annotated[
    str,
    _text(URL_RE, "an https:// URL (letters, digits and ._~%+/- in the path)"),
    _schema(URL_RE),
]
RegistryUser = Annotated[
    str,
    _text(REGISTRY_USER_RE, "a registry user name (letters, digits and _.@+-, a letter or digit first)"),
    _schema(REGISTRY_USER_RE),
]
LlamaArgs = Annotated[str, AfterValidator(_llama_args)]
# fields that are one plain word of a fixed kind
PasswordSecret = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9_]*$", max_length=100)]

# a POSIX cron schedule as GitHub's `on.schedule` takes it: five fields of numbers, `*`, ranges, lists and steps
CRON_RE = re.compile(r"^[0-9*/,-]+(?: [0-9*/,-]+){4}$")
_CRON_ITEM_RE = re.compile(r"^(?:\*|([0-9]+)(?:-([0-9]+))?)(?:/([0-9]+))?$")
_CRON_FIELDS = (("minute", 0, 59), ("hour", 0, 23), ("day of month", 1, 31), ("month", 1, 12), ("day of week", 0, 6))


def _cron(value: str) -> str:
    _pattern(CRON_RE, "a cron schedule: five fields (minute hour day month weekday) of digits and *,-/")(value)
    for text, (what, low, high) in zip(value.split(" "), _CRON_FIELDS, strict=True):
        for item in text.split(","):
            match = _CRON_ITEM_RE.fullmatch(item)
            numbers = [int(n) for n in match.groups()[:2] if n is not None] if match else []
            step = match.group(3) if match else None
            if not match or any(not low <= n <= high for n in numbers) or (step is not None and int(step) == 0):
                msg = f"{shown(value)}: {what} {item!r} is not * or a number, range or step within {low}-{high}"
                raise ValueError(msg)
            if len(numbers) == 2 and numbers[0] > numbers[1]:
                msg = f"{shown(value)}: {what} range {item!r} runs backwards"
                raise ValueError(msg)
    return value


Cron = Annotated[str, AfterValidator(_cron), _schema(CRON_RE)]
