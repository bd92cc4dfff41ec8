"""What model calls cost: counted from the call log a phase wrote, priced per million tokens.

A cached answer is counted at the tokens it cost when it was asked (read from the cache entry), so a
rerun's cost column compares with the first run's; ``spent_in``/``spent_out`` say what this run asked.
Prices are USD per million tokens as the providers listed them on the date below; ``--price-in`` and
``--price-out`` set them for any other model (a local server costs nothing: 0).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from evaluations.report import Usage

PRICES_AS_OF = "2026-12"
PRICES: dict[str, tuple[float, float]] = {  # model → (input, output) USD per 1M tokens
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
    "gpt-4.1": (2.00, 8.00),
}


def price_of(model: str | None, given: tuple[float, float] | None = None) -> tuple[float, float] | None:
    if given is not None:
        return given
    return PRICES.get(model or "")


def usage_of(
    records: Iterable[Mapping[str, Any]], price: tuple[float, float] | None, cache_dir: Path | None = None
) -> Usage:
    usage = Usage()
    for record in records:
        status = record.get("status")
        tokens_in, tokens_out = int(record.get("tokens_in") or 0), int(record.get("tokens_out") or 0)
        usage.spent_in += tokens_in
        usage.spent_out += tokens_out
        usage.latency_ms += int(record.get("latency_ms") or 0)
        if status == "cached":
            usage.cached += 1
            tokens_in, tokens_out = _cached_tokens(cache_dir, str(record.get("cache_key", "")))
        else:
            usage.calls += 1
        usage.tokens_in += tokens_in
        usage.tokens_out += tokens_out
        usage.rejected += refused_answers(record)
        usage.fallbacks += 1 if status == "fallback" else 0
    if price is not None:
        usage.cost = round((usage.tokens_in * price[0] + usage.tokens_out * price[1]) / 1_000_000, 6)
    return usage


def _cached_tokens(cache_dir: Path | None, key: str) -> tuple[int, int]:
    if cache_dir is None or not key:
        return 0, 0
    for folder in (cache_dir, *sorted(cache_dir.glob("r*"))):
        path = folder / f"{key}.json"
        if path.is_file():
            try:
                entry = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError):
                return 0, 0
            return int(entry.get("tokens_in") or 0), int(entry.get("tokens_out") or 0)
    return 0, 0


def refused_answers(record: Mapping[str, Any]) -> int:
    """How many of a call's answers the checks refused (a quote not verbatim, an unknown id, the wrong
    language, an invalid shape); a transport failure or a spent budget refuses no answer."""
    if record.get("status") != "fallback":
        return 1 if record.get("rejected") else 0
    errors = " ".join(str(e) for e in record.get("errors") or [])
    if "the model call failed" in errors or "budget" in errors:
        return int(record.get("attempts") or 1) - 1
    return int(record.get("attempts") or 1)
