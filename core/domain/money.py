"""Amounts of money: the currencies salaries are stated in."""

from __future__ import annotations

import re

#: An ISO 4217 code: three ASCII letters (sent in any case, stored upper-case).
CURRENCY_PATTERN = "^[A-Za-z]{3}$"
_CURRENCY = re.compile(CURRENCY_PATTERN)
CURRENCY_PROBLEM = "Use a three-letter ISO 4217 code, e.g. EUR."


def currency_problem(code: str) -> str | None:
    """Why ``code`` is not a currency code, or ``None``. ``str.isalpha`` would let "ÉUR" or
    "ДОЛ" through, which no ISO 4217 code is."""
    return None if _CURRENCY.fullmatch(code) else CURRENCY_PROBLEM
