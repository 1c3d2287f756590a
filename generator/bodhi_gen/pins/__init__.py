"""Third-party action pins: the data file and its lookup, choosing newer releases, updating, rewriting.

The data API (``Pin``, ``PinLookup``, ``pin_lookup``, ``load_pins``...) lives in ``pins.data`` and
is re-exported here, the names renderers and commands import.
"""

from bodhi_gen.pins.data import (
    PINS_FILE,
    Pin,
    PinLookup,
    dump_pins,
    load_pins,
    package_pins_path,
    parse_pins,
    pin_lookup,
    read_pins_file,
)

__all__ = [
    "PINS_FILE",
    "Pin",
    "PinLookup",
    "dump_pins",
    "load_pins",
    "package_pins_path",
    "parse_pins",
    "pin_lookup",
    "read_pins_file",
]
