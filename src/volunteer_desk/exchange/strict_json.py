"""JSON read as hostile input: duplicate keys, NaN and Infinity are errors, not silently accepted."""

from __future__ import annotations

import json
from typing import Any


class JSONRejected(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise JSONRejected("duplicate key")
    return result


def _no_constant(name: str) -> Any:
    raise JSONRejected(f"{name} is not a number")


_DECODER = json.JSONDecoder(object_pairs_hook=_no_duplicates, parse_constant=_no_constant)


def loads(text: str | bytes) -> Any:
    """The value of one JSON document; JSONRejected for anything malformed, ambiguous or not UTF-8."""
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        return _DECODER.decode(text)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise JSONRejected(str(error)) from error


def dumps(value: Any) -> bytes:
    """Canonical UTF-8 JSON: sorted keys, no spaces, so equal values are equal bytes."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False).encode()
