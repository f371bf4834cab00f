"""Periodic jobs of the orgs app (see `ungxu.core.schedule`)."""

import datetime as dt

from ungxu.core.schedule import register
from ungxu.orgs.tasks import apply_departures

# Just after midnight: someone whose last day was yesterday has no access from the new day on.
register("orgs.apply_departures", apply_departures, daily_at=dt.time(0, 5))
