"""Turn a pydantic ValidationError into ``path.to.field: what is wrong`` lines.

Nothing from the config reaches a line raw: keys, names and values are escaped and cut short.

Paths name list items by their ``name`` where they have one (``variants[rocm].gpu``), and
unknown keys get a "did you mean" hint from the fields the model at that place accepts.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from bodhi_gen.config.models import Config
from bodhi_gen.config.text import clip, sanitize, shown

# a key or a list item's name, as a path shows it
PART_LIMIT = 40


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
    return text or "config"


def _describe(error: ErrorDetails, data: Any) -> str:
    loc = tuple(error["loc"])
    where = _path(loc, data)
    if error["type"] == "extra_forbidden":
        model = _model_at(loc[:-1])
        allowed = sorted(model.model_fields) if model else []
        close = difflib.get_close_matches(str(loc[-1])[:PART_LIMIT], allowed, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        listing = f"; allowed keys: {', '.join(allowed)}" if allowed else ""
        return f"{where}: unknown key{hint}{listing}"
    if error["type"] == "missing":
        return f"{where}: required key is missing"
    if error["type"] == "too_short":
        least = (error.get("ctx") or {}).get("min_length", 1)
        return f"{where}: must list at least {least} item{'s' if least != 1 else ''} (an empty matrix builds nothing)"
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "literal_error":
        message = f"{message}, got {shown(error.get('input'))}"
    return f"{where}: {message}"


def _has_deeper(error: ErrorDetails, errors: list[ErrorDetails]) -> bool:
    loc = tuple(error["loc"])
    return any(len(other["loc"]) > len(loc) and tuple(other["loc"][: len(loc)]) == loc for other in errors)


def format_validation_error(exc: ValidationError, data: Any, source: str) -> str:
    errors = exc.errors(include_url=False)
    # a list whose items failed is also reported as "too short"; that second line only confuses
    errors = [e for e in errors if not (e["type"] == "too_short" and _has_deeper(e, errors))]
    # control characters escaped, long lines cut: whatever the config holds, the terminal shows only text
    lines = [sanitize(_describe(error, data)) for error in errors]
    unique = list(dict.fromkeys(lines))
    header = f"{source}: {len(unique)} problem{'s' if len(unique) != 1 else ''} in the config:"
    return "\n".join([header, *(f"  {line}" for line in unique)])
