"""llama-server argument checking against the option table."""

from __future__ import annotations

import re

import pytest

from bodhi_gen.config.llama_args import check_llama_args, parse_llama_args, runtime_needs


@pytest.mark.parametrize(
    "args",
    [
        "--flash-attn on --n-gpu-layers 999 --cache-type-k q8_0 --cache-type-v q8_0",
        "-fa auto -ngl 99 --split-mode row",
        "--threads 4 --mlock --no-mmap",
        "--poll 50 --numa distribute --ctx-size=8192",
        "",
    ],
)
def test_valid_args(args: str) -> None:
    assert check_llama_args(args) == " ".join(args.split())


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        ("--row-split", "unknown llama-server flag '--row-split'"),
        ("--gpu-layers", "--gpu-layers needs a value (N)"),
        ("--flash-attn", "--flash-attn needs a value"),
        ("--flash-attn yes", "--flash-attn takes one of on, off, auto, not 'yes'"),
        ("--split-mode rows", "--split-mode takes one of none, layer, row"),
        ("--cache-type-k q9", "--cache-type-k takes one of"),
        ("--threads many", "--threads takes an integer, not 'many'"),
        ("--poll 101", "--poll takes an integer from 0 to 100"),
        ("--mlock yes", "'yes' is not a flag"),
        ("--mlock=1", "--mlock is a switch and takes no value"),
        ("--model x.gguf", "--model is set by BodhiApp itself"),
        ("-m x.gguf", "-m is set by BodhiApp itself"),
    ],
)
def test_invalid_args(args: str, problem: str) -> None:
    with pytest.raises(ValueError, match=re.escape(problem)):
        parse_llama_args(args)


def test_negative_integers_are_values_not_flags() -> None:
    assert parse_llama_args("--threads -1") == (("--threads", "-1"),)


def test_runtime_needs_follow_from_args() -> None:
    assert runtime_needs("--mlock") == ("--ulimit", "memlock=-1:-1")
    assert runtime_needs("--threads 4", "--mlock", "--mlock") == ("--ulimit", "memlock=-1:-1")
    assert runtime_needs("-ngl 999") == ()
