from .checker import checker, submit_draft
from .inbox import batch, bulk, inbox, upload
from .item import item_decide, item_detail, item_note, item_reply, item_update, reply_decide
from .reports import model_decide, models_page, models_retrain, statistics, statistics_xlsx
from .settings import canned_delete, rule_delete, rules

__all__ = [
    "batch",
    "bulk",
    "canned_delete",
    "checker",
    "inbox",
    "item_decide",
    "item_detail",
    "item_note",
    "item_reply",
    "item_update",
    "model_decide",
    "models_page",
    "models_retrain",
    "reply_decide",
    "rule_delete",
    "rules",
    "statistics",
    "statistics_xlsx",
    "submit_draft",
    "upload",
]
