"""Periodic jobs of the moderation app (see `ungxu.core.schedule`)."""

import datetime as dt

from ungxu.core.schedule import register
from ungxu.moderation.tasks import deadline_alerts, fetch_sources, retrain

# Comments arrive all day: fetch and check reply deadlines often (both are idempotent — items are
# unique per platform id, and each warning or alert is mailed once).
register("moderation.fetch_sources", fetch_sources, every=dt.timedelta(minutes=15))
register("moderation.deadline_alerts", deadline_alerts, every=dt.timedelta(minutes=15))
# Nightly: retraining is skipped when moderators' decisions have not changed since the last run.
register("moderation.retrain", retrain, daily_at=dt.time(2, 0))
