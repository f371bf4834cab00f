"""Template tags of the UI shell: navigation, user menu, query-string and pagination helpers."""

from __future__ import annotations

from typing import Any

from django import template
from django.core.paginator import Page
from django.http import QueryDict
from django.utils.html import format_html

from ungxu.dashboard import nav

register = template.Library()


@register.inclusion_tag("partials/nav.html", takes_context=True)
def main_nav(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    user = context.get("user")
    path = request.path if request is not None else ""
    return {"groups": nav.grouped_links(user, path)}


@register.inclusion_tag("partials/user_menu.html", takes_context=True)
def user_menu(context: template.Context) -> dict[str, Any]:
    user: Any = context["user"]  # only rendered for signed-in users
    person = getattr(user, "person", None)
    # Vietnamese names read family name first: "Trần Thị Thu", not Django's "Thu Trần Thị".
    vietnamese_order = f"{user.last_name} {user.first_name}".strip()
    name = (
        (person.full_name if person is not None else "") or vietnamese_order or user.get_username()
    )
    initials = "".join(part[0] for part in name.split()[-2:]).upper() or "?"
    return {
        "user": user,
        "display_name": name,
        "initials": initials,
        "role_label": nav.main_role_label(user),
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag(takes_context=True)
def url_replace(context: template.Context, **changes: Any) -> str:
    """The current query string with some parameters replaced; a value of None removes one.

    Keeps search and filters when paginating or sorting: `?{% url_replace page=3 %}`.
    """
    request = context.get("request")
    query = request.GET.copy() if request is not None else QueryDict(mutable=True)
    for key, value in changes.items():
        if value is None or value == "":
            query.pop(key, None)
        else:
            query[key] = str(value)
    return query.urlencode()


@register.filter
def page_window(page: Page[Any], around: int = 2) -> list[int | None]:
    """Page numbers to show: first, last and a few around the current one; None marks a gap."""
    last = page.paginator.num_pages
    wanted = {1, last, *range(page.number - around, page.number + around + 1)}
    numbers = sorted(n for n in wanted if 1 <= n <= last)
    result: list[int | None] = []
    previous = 0
    for number in numbers:
        if number - previous > 1:
            result.append(None)
        result.append(number)
        previous = number
    return result


@register.simple_tag(takes_context=True)
def sort_state(context: template.Context, key: str) -> dict[str, str]:
    """For a sortable column: its aria-sort value and the `sort` value its link should set."""
    request = context.get("request")
    current = request.GET.get("sort", "") if request is not None else ""
    if current == key:
        return {"aria": "ascending", "next": f"-{key}"}
    if current == f"-{key}":
        return {"aria": "descending", "next": key}
    return {"aria": "none", "next": key}


@register.filter
def get_item(mapping: Any, key: str) -> Any:
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""


@register.filter
def index(sequence: Any, position: int) -> Any:
    try:
        return sequence[position]
    except (IndexError, KeyError, TypeError):
        return None


@register.simple_tag
def render_cell(cell: Any) -> str:
    """A table cell: a plain value, or {"text": …, "url": …} for a link."""
    if isinstance(cell, dict):
        text = cell.get("text", "")
        url = cell.get("url")
        if url:
            return format_html('<a href="{}">{}</a>', url, text)
        return format_html("{}", text)
    if cell is None or cell == "":
        return "—"
    return format_html("{}", cell)
