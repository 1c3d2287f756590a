"""The base of the config records (``records.py``): read-only values that the compiled validator builds."""

from __future__ import annotations

from typing import Any, ClassVar, Self


def _hashable(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple((key, _hashable(item)) for key, item in value.items())
    if isinstance(value, tuple):
        return tuple(_hashable(item) for item in value)
    return value


class Record:
    """A validated config value; its fields are listed in ``FIELDS`` (the model's, in order).

    Instances come only from the validator (``validation.py``): it checks every field, so there is
    no constructor to bypass it. ``replace`` derives a changed copy, as overrides need.
    """

    FIELDS: ClassVar[tuple[str, ...]] = ()

    def __setattr__(self, name: str, value: object) -> None:
        msg = f"{type(self).__name__} is read-only: use replace()"
        raise AttributeError(msg)

    def __delattr__(self, name: str) -> None:
        msg = f"{type(self).__name__} is read-only"
        raise AttributeError(msg)

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.FIELDS)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self).__name__, _hashable(self._values())))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.FIELDS)
        return f"{type(self).__name__}({shown})"

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes`` (trusted values: the caller has checked them)."""
        unknown = sorted(set(changes) - set(self.FIELDS))
        if unknown:
            msg = f"{type(self).__name__} has no field(s) {', '.join(unknown)}"
            raise TypeError(msg)
        copy = object.__new__(type(self))
        object.__setattr__(copy, "__dict__", {**self.__dict__, **changes})
        return copy
