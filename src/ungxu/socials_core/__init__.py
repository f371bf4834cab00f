"""Plain building blocks for official social accounts (no Django): account addresses per
platform, impersonation look-alike scoring and security-posture rules."""

from ungxu.socials_core.handles import (
    PLATFORMS,
    AccountAddress,
    HandleError,
    guess_platform,
    normalise_handle,
)
from ungxu.socials_core.lookalike import DEFAULT_THRESHOLD, Account, Match, compare, rank_candidates

__all__ = [
    "DEFAULT_THRESHOLD",
    "PLATFORMS",
    "Account",
    "AccountAddress",
    "HandleError",
    "Match",
    "compare",
    "guess_platform",
    "normalise_handle",
    "rank_candidates",
]
