"""Timestamps as the text files write them (CSV, SQLite): one formatter for both writers."""
from __future__ import annotations

import datetime as dt

import pandas as pd


def iso_utc(value: pd.Timestamp) -> str:
    """A UTC timestamp as ISO 8601 with `Z` (microseconds only when there are some): CSV and SQLite."""
    stamp = value.to_pydatetime().astimezone(dt.timezone.utc)
    fmt = "%Y-%m-%dT%H:%M:%S.%fZ" if stamp.microsecond else "%Y-%m-%dT%H:%M:%SZ"
    return stamp.strftime(fmt)
