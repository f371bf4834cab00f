"""Connectors that bring comments and messages in from platforms (no Django import).

Parsers turn the platforms' documented JSON, or a CSV/JSONL export, into :class:`IncomingItem`;
fetchers call the APIs through one :class:`HttpTransport` and report a :class:`FetchStatus`.
"""

from .export import ColumnMap, parse_csv, parse_jsonl
from .facebook import GraphApiError
from .facebook import parse_comments as parse_facebook_comments
from .facebook import parse_feed as parse_facebook_feed
from .fetch import (
    FetchResult,
    FetchStatus,
    fetch_facebook_page,
    fetch_youtube_comments,
    fetch_zalo_messages,
)
from .items import ConnectorError, IncomingItem, Kind, ParseResult, dedupe
from .transport import (
    HttpRequest,
    HttpResponse,
    HttpTransport,
    MemoryTransport,
    TransportError,
    UrllibTransport,
)
from .youtube import YouTubeApiError
from .youtube import parse_comment_threads as parse_youtube_comment_threads
from .zalo import ZaloApiError
from .zalo import parse_messages as parse_zalo_messages

__all__ = [
    "ColumnMap",
    "ConnectorError",
    "FetchResult",
    "FetchStatus",
    "GraphApiError",
    "HttpRequest",
    "HttpResponse",
    "HttpTransport",
    "IncomingItem",
    "Kind",
    "MemoryTransport",
    "ParseResult",
    "TransportError",
    "UrllibTransport",
    "YouTubeApiError",
    "ZaloApiError",
    "dedupe",
    "fetch_facebook_page",
    "fetch_youtube_comments",
    "fetch_zalo_messages",
    "parse_csv",
    "parse_facebook_comments",
    "parse_facebook_feed",
    "parse_jsonl",
    "parse_youtube_comment_threads",
    "parse_zalo_messages",
]
