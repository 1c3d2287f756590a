"""The one place values are quoted for the languages the generated files are written in.

The config model already refuses quotes, ``$``, backticks, ``${{`` and control characters in every
free-text field; these functions are the second wall, so a value that slips past it (a new field,
a loosened pattern) still cannot become code. Each returns a safe value unchanged, so the generated
bytes of a valid config do not depend on them, and refuses (``UnsafeValue``) what no quoting can make
safe in its target: a line break ends a Dockerfile instruction, a Makefile recipe line or a YAML
comment whatever the quotes, and GitHub evaluates ``${{`` inside any YAML string.
"""

from __future__ import annotations

import json
import re
import shlex

import yaml

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# plain (unquoted) YAML in block context: no indicator first, no ": " or " #", nothing trailing
_YAML_PLAIN = re.compile(
    r"^[A-Za-z0-9_][A-Za-z0-9_./@+(), -]*(?::[A-Za-z0-9_./@+(),-][A-Za-z0-9_./@+(), -]*)*(?<![ ])$"
)
# plain scalars that a YAML 1.2 reader (core schema) or a YAML 1.1 reader resolves to something other than
# a string: null, booleans (1.1: y/n, yes/no, on/off too), integers (binary, octal with 0o or a leading 0,
# hex, underscores, 1.1's base 60 such as 12:30), floats (1e3, .5, .inf, .NaN), 1.1's timestamps, << and =
_YAML_NOT_STRING = re.compile(
    r"""(?x)^(?:
      ~ | null | Null | NULL
    | y | Y | yes | Yes | YES | n | N | no | No | NO
    | true | True | TRUE | false | False | FALSE | on | On | ON | off | Off | OFF
    | [-+]? (?: 0b[01_]+ | 0o?[0-7_]+ | 0x[0-9a-fA-F_]+ | [0-9][0-9_]* (?::[0-5]?[0-9])* )
    | [-+]? (?: \.[0-9]+ | [0-9]+ (?:\.[0-9]*)? ) (?:[eE][-+]?[0-9]+)?
    | [-+]? (?: [0-9][0-9_]* (?::[0-5]?[0-9])* )? \.[0-9._]* (?:[eE][-+][0-9]+)?
    | [-+]? \. (?:inf|Inf|INF) | \. (?:nan|NaN|NAN)
    | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2} (?:[Tt ].*)?
    | << | =
    )$"""
)
# a Dockerfile word that needs no quotes (and holds no $ for the Dockerfile's own variables)
_DOCKERFILE_PLAIN = re.compile(r"^[A-Za-z0-9_./:@+,=-]+$")
GITHUB_EXPRESSION = "${{"


class UnsafeValue(ValueError):  # noqa: N818 - reads as "unsafe value: ..." in a traceback
    """A value that cannot be written into the target language safely."""


def one_line(value: object) -> str:
    """``value`` as text on one line: refuses control characters (line breaks included)."""
    text = str(value)
    if _CONTROL.search(text):
        msg = f"{text[:80]!r} holds a control character or a line break"
        raise UnsafeValue(msg)
    return text


def shell_word(value: object) -> str:
    """One POSIX shell word: unchanged when it only has safe characters, else single-quoted."""
    return shlex.quote(one_line(value))


def shell_in_double_quotes(value: object) -> str:
    """Text inside a double-quoted shell string: ``\\``, ``"``, ``$`` and backticks escaped."""
    return re.sub(r'([\\"$`])', r"\\\1", one_line(value))


def make_word(value: object) -> str:
    """A shell word in a Makefile recipe: shell-quoted, then ``$`` doubled so make passes it on."""
    return shell_word(value).replace("$", "$$")


def make_text(value: object) -> str:
    """Text in a Makefile (a variable's value, a comment): one line, ``$`` doubled."""
    return one_line(value).replace("$", "$$")


# a recipe line may go on over several lines only through make's own backslash-newline
MAKE_CONTINUATION = "\\\n\t\t"


def make_recipe_line(value: object) -> str:
    """A Makefile recipe line, already quoted word by word: refuses a line break that is not a continuation."""
    text = str(value)
    for part in text.split(MAKE_CONTINUATION):
        one_line(part)
    return text


def _no_expression(text: str) -> str:
    if GITHUB_EXPRESSION in text:
        msg = f"{text[:80]!r} holds a GitHub expression ({GITHUB_EXPRESSION})"
        raise UnsafeValue(msg)
    return text


def yaml_str(value: object) -> str:
    """A double-quoted YAML scalar (JSON strings are valid YAML); refuses ``${{``."""
    return json.dumps(_no_expression(str(value)))


def yaml_scalar(value: object) -> str:
    """A YAML scalar that reads back as the same string under YAML 1.2 and 1.1: plain when it can be, else
    double-quoted (``1e3``, ``0o17``, ``on``, ``12:30`` are quoted: some reader would take each for no string)."""
    text = _no_expression(str(value))
    if _YAML_PLAIN.fullmatch(text) and not _YAML_NOT_STRING.fullmatch(text) and yaml.safe_load(text) == text:
        return text
    return yaml_str(text)


def yaml_text(value: object) -> str:
    """Text inside a YAML comment or a hand-written double-quoted string: one line, no ``"`` or ``${{``."""
    return json.dumps(_no_expression(one_line(value)))[1:-1]


def dockerfile_quoted(value: object) -> str:
    """A double-quoted Dockerfile word (a LABEL value): ``\\``, ``"`` and ``$`` escaped, so it expands nothing."""
    return '"' + re.sub(r'([\\"$])', r"\\\1", one_line(value)) + '"'


def dockerfile_value(value: object) -> str:
    """A Dockerfile word (an ARG default, a COPY or WORKDIR path): plain when safe, else ``dockerfile_quoted``."""
    text = one_line(value)
    return text if _DOCKERFILE_PLAIN.fullmatch(text) else dockerfile_quoted(text)


# Jinja filter names, registered once by render/environment.py
FILTERS = {
    "one_line": one_line,
    "sh": shell_word,
    "sh_dq": shell_in_double_quotes,
    "make_word": make_word,
    "make_text": make_text,
    "make_recipe_line": make_recipe_line,
    "yaml_str": yaml_str,
    "yaml": yaml_scalar,
    "yaml_text": yaml_text,
    "dockerfile": dockerfile_value,
    "dockerfile_quoted": dockerfile_quoted,
}
