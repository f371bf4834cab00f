"""Periodic jobs of the campaigns app (see `ungxu.core.schedule`)."""

import datetime as dt

from ungxu.campaigns.tasks import send_due_reminders
from ungxu.core.schedule import register

# Hourly: a campaign launched or edited during the day gets its reminders the same hour; the
# reminder log makes every later check within the day send nothing twice.
register("campaigns.send_due_reminders", send_due_reminders, every=dt.timedelta(hours=1))
