"""Periodic jobs of the socials app (see `ungxu.core.schedule`)."""

import datetime as dt

from ungxu.core.schedule import register
from ungxu.socials.tasks import daily_upkeep

# Early morning: posture recomputed, due reviews opened and reminders mailed before the workday.
register("socials.daily_upkeep", daily_upkeep, daily_at=dt.time(6, 30))
