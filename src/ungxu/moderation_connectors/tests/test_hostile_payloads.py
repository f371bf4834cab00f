"""Whatever JSON arrives, a parser either returns items or raises ConnectorError: never crashes."""

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ungxu.moderation_connectors import (
    ConnectorError,
    parse_csv,
    parse_facebook_comments,
    parse_facebook_feed,
    parse_jsonl,
    parse_youtube_comment_threads,
    parse_zalo_messages,
)

KEYS = st.sampled_from(
    [
        "data",
        "items",
        "id",
        "message",
        "comments",
        "paging",
        "next",
        "created_time",
        "from",
        "snippet",
        "topLevelComment",
        "replies",
        "textOriginal",
        "publishedAt",
        "error",
        "message_id",
        "src",
        "time",
        "type",
        "parent",
        "name",
        "nextPageToken",
        "code",
    ]
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=5),
    max_leaves=40,
)
FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(JSON)
def test_platform_parsers_survive_any_json(payload):
    for parse in (
        parse_facebook_feed,
        lambda p: parse_facebook_comments(p, object_id="1_2"),
        parse_youtube_comment_threads,
        parse_zalo_messages,
    ):
        try:
            result = parse(payload)
        except ConnectorError:
            continue
        for item in result.items:
            assert item.platform_id and item.text
            assert item.created_at is None or item.created_at.tzinfo is not None


@FAST
@given(st.text(max_size=300))
def test_export_parsers_survive_any_text(text):
    for parse in (parse_csv, parse_jsonl):
        with contextlib.suppress(ConnectorError):
            parse(text, strict=False)
