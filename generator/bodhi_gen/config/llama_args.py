"""llama-server argument checking against the table of options llama-server accepts.

The table (``data/llama-server-args.json``) lists every option with its value hint, as read
from llama.cpp's ``common/arg.cpp``. A hint of ``None`` means a bare flag; ``N`` an integer;
``[a|b]``, ``<a|b>`` or ``{a,b}`` a closed set of choices; ``<lo...hi>`` an integer range.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

# Values llama.cpp accepts for options whose hint is only "TYPE" (from its arg parser).
EXTRA_CHOICES: dict[str, tuple[str, ...]] = {
    "--cache-type-k": ("f32", "f16", "bf16", "q8_0", "q4_0", "q4_1", "iq4_nl", "q5_0", "q5_1"),
    "--cache-type-v": ("f32", "f16", "bf16", "q8_0", "q4_0", "q4_1", "iq4_nl", "q5_0", "q5_1"),
    "--numa": ("distribute", "isolate", "numactl"),
}
# BodhiApp passes these itself for every model it starts; setting them here would clash.
RESERVED = ("-a", "--alias", "-m", "--model", "--host", "--port")
# docker run flags that a llama-server option needs inside a container.
RUNTIME_NEEDS: dict[str, tuple[str, ...]] = {
    "--mlock": ("--ulimit", "memlock=-1:-1"),
}

_CHOICES_RE = re.compile(r"^[\[<{]([^\]>}]+)[\]>}]$")
_RANGE_RE = re.compile(r"^<(-?\d+)\.\.\.(-?\d+)>$")
_INT_RE = re.compile(r"^-?\d+$")


@dataclass(frozen=True)
class Option:
    flags: tuple[str, ...]
    hint: str | None

    @property
    def canonical(self) -> str:
        return max(self.flags, key=len)

    def check_value(self, flag: str, value: str) -> str | None:
        """Return what is wrong with ``value`` for this option, or None when it is acceptable."""
        hint = self.hint or ""
        choices = EXTRA_CHOICES.get(self.canonical)
        bounds = _RANGE_RE.match(hint)
        if bounds:
            low, high = int(bounds.group(1)), int(bounds.group(2))
            if not _INT_RE.match(value) or not low <= int(value) <= high:
                return f"{flag} takes an integer from {low} to {high}, not {value!r}"
            return None
        match = _CHOICES_RE.match(hint)
        if choices is None and match and ("|" in hint or "," in hint) and "..." not in hint:
            parts = re.split(r"[|,]", match.group(1))
            if not any(p.startswith("dev") for p in parts):
                choices = tuple(p.strip() for p in parts)
        if choices is not None and value not in choices:
            return f"{flag} takes one of {', '.join(choices)}, not {value!r}"
        if hint == "N" and not _INT_RE.match(value):
            return f"{flag} takes an integer, not {value!r}"
        return None


@cache
def option_table() -> dict[str, Option]:
    """Every flag spelling llama-server accepts, mapped to its option."""
    raw = json.loads(files("bodhi_gen.data").joinpath("llama-server-args.json").read_text("utf-8"))
    table: dict[str, Option] = {}
    for entry in raw["options"]:
        option = Option(tuple(entry["flags"]), entry["value"])
        for flag in option.flags:
            table.setdefault(flag, option)
    return table


def _is_flag(token: str) -> bool:
    return token.startswith("-") and not _INT_RE.match(token)


@functools.cache
def parse_llama_args(args: str) -> tuple[tuple[str, str | None], ...]:
    """Split an argument string into (flag, value) pairs, raising ValueError on the first problem.

    Cached: the config's validation parses each string, and planning reads the same pairs back.
    """
    table = option_table()
    tokens = args.split()
    pairs: list[tuple[str, str | None]] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        flag, _, inline = token.partition("=")
        if not _is_flag(flag):
            msg = f"{token!r} is not a flag (values must follow the flag they belong to)"
            raise ValueError(msg)
        if flag in RESERVED:
            msg = f"{flag} is set by BodhiApp itself for every model; remove it"
            raise ValueError(msg)
        option = table.get(flag)
        if option is None:
            msg = f"unknown llama-server flag {flag!r}"
            raise ValueError(msg)
        if option.hint is None:
            if inline:
                msg = f"{flag} is a switch and takes no value, got {inline!r}"
                raise ValueError(msg)
            pairs.append((flag, None))
            continue
        value: str | None = inline or None
        if value is None and index < len(tokens) and not _is_flag(tokens[index]):
            value = tokens[index]
            index += 1
        if value is None:
            msg = f"{flag} needs a value ({option.hint})"
            raise ValueError(msg)
        problem = option.check_value(flag, value)
        if problem:
            raise ValueError(problem)
        pairs.append((flag, value))
    return tuple(pairs)


def check_llama_args(args: str) -> str:
    """Pydantic validator: keep the string (normalised whitespace) when every flag is valid."""
    parse_llama_args(args)
    return " ".join(args.split())


def runtime_needs(*arg_strings: str) -> tuple[str, ...]:
    """docker run flags the given llama-server args need (e.g. --mlock needs an unlimited memlock)."""
    table = option_table()
    needs: dict[tuple[str, ...], None] = {}
    for args in arg_strings:
        for flag, _ in parse_llama_args(args):
            for spelling in table[flag].flags:
                if spelling in RUNTIME_NEEDS:
                    needs[RUNTIME_NEEDS[spelling]] = None
    return tuple(item for need in needs for item in need)
