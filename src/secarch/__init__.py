"""secarch: write down, check, score, simulate and negotiate international security architectures.

The public API is re-exported lazily so that ``import secarch`` (and ``secarch --help``) stays fast.
"""

from __future__ import annotations

__version__ = "0.1.0"
