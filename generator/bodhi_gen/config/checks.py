"""The checks behind every free-text config field, free of pydantic.

Config values end up in shell commands, Dockerfiles, a Makefile and workflow YAML, so each field
accepts only the characters its kind of value needs: no quotes, ``$``, backticks, ``${{``, spaces
or control characters anywhere. The renderers quote what they emit as well (``render/quoting.py``);
this is the first wall, and the one that tells the user which field is wrong.

``fields.py`` attaches these functions to the pydantic types; the compiled validator
(``records_schema.py``) calls the very same functions by name.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bodhi_gen.config.llama_args import check_llama_args
from bodhi_gen.config.rules import CONTRACT_DEFAULTS_KEYS
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
# a POSIX cron schedule as GitHub's `on.schedule` takes it: five fields of numbers, `*`, ranges, lists and steps
CRON_RE = re.compile(r"^[0-9*/,-]+(?: [0-9*/,-]+){4}$")
_CRON_ITEM_RE = re.compile(r"^(?:\*|([0-9]+)(?:-([0-9]+))?)(?:/([0-9]+))?$")
_CRON_FIELDS = (("minute", 0, 59), ("hour", 0, 23), ("day of month", 1, 31), ("month", 1, 12), ("day of week", 0, 6))
# defaults.yaml keys and values, ENV names and values of a variant: plain words (values may hold single spaces)
DEFAULTS_KEY_RE = re.compile(r"^BODHI_[A-Z0-9_]*[A-Z0-9]$")
PLAIN_VALUE_RE = re.compile(r"^[A-Za-z0-9_.:/@+,=%-]+(?: [A-Za-z0-9_.:/@+,=%-]+)*$")
ENV_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# ENV names that change how every program in the image runs or that bodhi-gen sets: never from a config
_ENV_REFUSED_RE = re.compile(r"^(?:PATH|HOME|USER|SHELL|IFS|ENV|BASH_ENV|LD_[A-Z0-9_]*|DYLD_[A-Z0-9_]*|RUST_LOG)$")
# the release page's words: text Markdown shows as it is (no *, [, ], <, >, !, |, # or backticks)
NOTE_RE = re.compile(r"^(?:[A-Za-z0-9][A-Za-z0-9 _.,:;+()/%-]*)?$")
# an on.pull_request.paths filter: a relative glob, optionally negated with a leading "!"
PATH_GLOB_RE = re.compile(r"^!?(?!/)[A-Za-z0-9_.@+*/-]+$")
MAX_TEXT = 256


def _pattern(regex: re.Pattern[str], what: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if len(value) > MAX_TEXT or not regex.fullmatch(value):
            msg = f"{shown(value)} is not {what}"
            raise ValueError(msg)
        return value

    return check


check_name = _pattern(NAME_RE, "a valid name: use lower-case letters, digits and single dashes")
check_image_repo = _pattern(IMAGE_RE, "an image repository such as ghcr.io/owner/name (lower-case, no tag)")
check_image_ref = _pattern(
    IMAGE_REF_RE, "an image reference such as ghcr.io/owner/name:tag[@sha256:...] (lower-case repository)"
)
check_relative_path = _pattern(
    RELATIVE_RE, "a relative path inside the build context (no '..', no leading '/', no spaces)"
)
check_runner_label = _pattern(RUNNER_RE, "a runner label (letters, digits, '.', '_', '-')")
check_cargo_feature = _pattern(CARGO_FEATURE_RE, "a cargo feature name such as production or crate/feature")
check_owner_name = _pattern(OWNER_NAME_RE, "a GitHub OWNER/NAME")
check_prefix = _pattern(PREFIX_RE, "a tag prefix (letters, digits, '.', '_', '/', '-')")
check_docker_flag = _pattern(
    DOCKER_FLAG_RE, "a docker run flag or its value (--name[=value], or a plain word such as /dev/dri)"
)
check_command_word = _pattern(COMMAND_WORD_RE, "a command word (letters, digits and ._/:,=@+-)")
check_npm_script = _pattern(NPM_SCRIPT_RE, "an npm script name (letters, digits and _:.-)")
check_tag_pattern = _pattern(TAG_PATTERN_RE, "a tag pattern ending with 'v*' (e.g. 'docker/v*')")
check_https_url = _pattern(URL_RE, "an https:// URL (letters, digits and ._~%+/- in the path)")
check_registry_user = _pattern(
    REGISTRY_USER_RE, "a registry user name (letters, digits and _.@+-, a letter or digit first)"
)
check_defaults_value = _pattern(PLAIN_VALUE_RE, "a plain value (letters, digits, single spaces and _.:/@+,=%-)")
check_env_value = check_defaults_value
check_note = _pattern(NOTE_RE, "release-page text (letters, digits, spaces and _.,:;+()/%-, a letter or digit first)")
check_path_glob = _pattern(PATH_GLOB_RE, "a relative path or glob such as crates/** (letters, digits and _.@+*/-)")
_check_defaults_key_text = _pattern(DEFAULTS_KEY_RE, "a defaults.yaml key: BODHI_ and upper-case letters, digits, _")
_check_env_name_text = _pattern(ENV_NAME_RE, "an environment variable name (letters, digits and _)")
_check_cron_text = _pattern(CRON_RE, "a cron schedule: five fields (minute hour day month weekday) of digits and *,-/")


def check_llama(value: str) -> str:
    if LLAMA_UNSAFE_RE.search(value):
        msg = f"{shown(value)} holds a quote, '$', a backtick, a backslash or a control character"
        raise ValueError(msg)
    return check_llama_args(value)


def check_cron(value: str) -> str:
    _check_cron_text(value)
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


def check_defaults_key(value: str) -> str:
    _check_defaults_key_text(value)
    if value in CONTRACT_DEFAULTS_KEYS or value.startswith("BODHI_LLAMACPP_ARGS"):
        msg = (
            f"{shown(value)} is written by bodhi-gen itself (port, exec_variant, llama_server_args and "
            "shared_llama_server_args set what it may)"
        )
        raise ValueError(msg)
    return value


def check_env_name(value: str) -> str:
    _check_env_name_text(value)
    if value.startswith("BODHI_"):
        msg = f"{shown(value)}: BodhiApp settings go under the variant's defaults (defaults.yaml), not env"
        raise ValueError(msg)
    if _ENV_REFUSED_RE.fullmatch(value):
        msg = f"{shown(value)} is not settable: it changes how every program in the image runs, or bodhi-gen sets it"
        raise ValueError(msg)
    return value
