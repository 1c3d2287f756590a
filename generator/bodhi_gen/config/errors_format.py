"""Turn a pydantic ValidationError into ``file:line: path.to.field: what is wrong`` lines, in YAML's words.

Nothing from the config reaches a line raw: keys, names and values are escaped and cut short.

Paths name list items by their ``name`` where they have one (``variants[rocm].gpu``), lines come from
the YAML node tree (``safe_yaml.line_of``), and unknown keys get a "did you mean" hint from the fields
the model at that place accepts. Pydantic's words for Python types ("a valid tuple", "a valid
dictionary") become the YAML a user writes ("a list", "a mapping").
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from yaml.nodes import Node

from bodhi_gen.config.models import Config
from bodhi_gen.config.safe_yaml import line_of
from bodhi_gen.config.text import clip, sanitize, shown
from bodhi_gen.names import did_you_mean

# a key or a list item's name, as a path shows it
PART_LIMIT = 40

# pydantic's error type -> what the YAML should have held there
EXPECTED = {
    "tuple_type": "a list",
    "list_type": "a list",
    "set_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "string_type": "a string",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
}
# the rest of pydantic's sentences, opened the same way ("Input should be greater than 0" -> "expected ...")
_OPENING = re.compile(r"^(?:Input should be |(?:String|Tuple|List|Dictionary|Value) should (?:have |be )?)")


@dataclass(frozen=True)
class Problem:
    line: int | None  # None: not in the file (a missing top-level key, the config as a whole)
    path: str  # "" for the config as a whole
    expected: str  # "expected ..." (without what was found), or the whole message
    got: str = ""

    def text(self, source: str) -> str:
        where = source if self.line is None else f"{source}:{self.line}"
        path = f"{self.path}: " if self.path else ""
        got = f", got {self.got}" if self.got else ""
        return f"{where}: {path}{self.expected}{got}"


def _model_at(loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The model class whose fields are valid at ``loc`` (a path into the config data)."""
    annotation: Any = Config
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = annotation.model_fields.get(str(part))
            if field is None:
                return None
            annotation = field.annotation
            continue
        args = typing.get_args(annotation)
        origin = typing.get_origin(annotation)
        if origin is tuple and args:
            annotation = args[0]
        elif origin is dict and len(args) == 2:
            annotation = args[1]
        else:
            return None
    annotation = _unwrap(annotation)
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """Strip ``X | None`` and ``Annotated`` down to the interesting type."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(members[0]) if len(members) == 1 else annotation
    return annotation


def _in_data(loc: tuple[int | str, ...], data: Any) -> tuple[int | str, ...]:
    """``loc`` without pydantic's union member tags (``literal['recursive']``, ``bool``): the parts that
    index the data, or name a key missing from a mapping."""
    kept: list[int | str] = []
    node = data
    for part in loc:
        if isinstance(part, str) and not isinstance(node, dict):
            continue  # a scalar or a list has no keys: the part names a member of a union
        kept.append(part)
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
    return tuple(kept)


def _path(loc: tuple[int | str, ...], data: Any) -> str:
    text = ""
    node = data
    for part in loc:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and part < len(node) else None
            name = item.get("name") if isinstance(item, dict) else None
            text += f"[{clip(name, PART_LIMIT)}]" if isinstance(name, str) else f"[{part}]"
        else:
            key = clip(str(part), PART_LIMIT)
            text += f".{key}" if text else key
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
    return text


def _found(value: object) -> str:
    """What the YAML held, in YAML's words."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return shown(value)


def _expectation(error: ErrorDetails, loc: tuple[int | str, ...]) -> tuple[str, str]:
    """(what was expected or the whole message, what was found instead: may be empty)."""
    kind = error["type"]
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        allowed = sorted(model.model_fields) if model else []
        hint = did_you_mean(str(loc[-1])[:PART_LIMIT], allowed)
        listing = f"; allowed keys: {', '.join(allowed)}" if allowed else ""
        return f"unknown key{hint}{listing}", ""
    if kind == "missing":
        return "required key is missing", ""
    if kind == "too_short":
        least = (error.get("ctx") or {}).get("min_length", 1)
        return f"must list at least {least} item{'s' if least != 1 else ''} (an empty matrix builds nothing)", ""
    if kind in EXPECTED:
        return f"expected {EXPECTED[kind]}", _found(error.get("input"))
    if kind == "string_pattern_mismatch":
        pattern = (error.get("ctx") or {}).get("pattern", "")
        return f"expected text matching {pattern}", _found(error.get("input"))
    message = error["msg"].removeprefix("Value error, ")
    if kind == "literal_error":
        return _OPENING.sub("expected ", message), _found(error.get("input"))
    return _OPENING.sub("expected ", message), ""


def _problems(errors: list[ErrorDetails], data: Any, root: Node | None) -> list[Problem]:
    """One problem per place: a union's members (``'recursive'``, ``true or false``) joined into one."""
    problems: list[Problem] = []
    at: dict[tuple[int | str, ...], int] = {}  # place -> its problem that found something unexpected
    for error in errors:
        loc = _in_data(tuple(error["loc"]), data)
        expected, got = _expectation(error, loc)
        line = line_of(root, loc) if root is not None and loc else None
        if got and loc in at:
            earlier = problems[at[loc]]
            either = f"{earlier.expected} or {expected.removeprefix('expected ')}"
            problems[at[loc]] = Problem(line, earlier.path, either, got)
            continue
        if got:
            at[loc] = len(problems)
        problems.append(Problem(line, _path(loc, data), expected, got))
    return problems


def _has_deeper(error: ErrorDetails, errors: list[ErrorDetails]) -> bool:
    loc = tuple(error["loc"])
    return any(len(other["loc"]) > len(loc) and tuple(other["loc"][: len(loc)]) == loc for other in errors)


def format_validation_error(exc: ValidationError, data: Any, source: str, root: Node | None = None) -> str:
    """``source:line: path: problem``, one line per problem; ``root`` is the YAML node tree of ``data``."""
    errors = exc.errors(include_url=False)
    # a list whose items failed is also reported as "too short"; that second line only confuses
    errors = [e for e in errors if not (e["type"] == "too_short" and _has_deeper(e, errors))]
    # control characters escaped, long lines cut: whatever the config holds, the terminal shows only text
    # in the order of the file, as an editor's list of problems; those of the config as a whole last
    problems = sorted(_problems(errors, data, root), key=lambda p: (p.line is None, p.line or 0))
    lines = list(dict.fromkeys(sanitize(problem.text(source)) for problem in problems))
    if len(lines) == 1:
        return lines[0]
    return "\n".join([f"{len(lines)} problems in {source}:", *(f"  {line}" for line in lines)])
