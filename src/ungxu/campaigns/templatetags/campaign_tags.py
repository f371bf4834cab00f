"""`{% my_campaign_tasks %}`: the signed-in person's campaign tasks, for the home page."""

from __future__ import annotations

from typing import Any

from django import template

from ungxu.campaigns.services import my_assignments

register = template.Library()


@register.inclusion_tag("campaigns/_my_tasks.html", takes_context=True)
def my_campaign_tasks(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    tasks = my_assignments(user) if user is not None else []
    return {"tasks": tasks, "hide_when_empty": True}
