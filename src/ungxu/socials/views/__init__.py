from ungxu.socials.views.accounts import (
    account_create,
    account_detail,
    account_edit,
    admin_add,
    admin_remove,
    index,
    review,
)
from ungxu.socials.views.detection import detect, open_from_detection
from ungxu.socials.views.files import (
    evidence_download,
    evidence_pack,
    evidence_upload,
    notice_docx,
    notice_edit,
)
from ungxu.socials.views.incidents import (
    add_note,
    assign,
    close,
    incident_create,
    incident_detail,
    incident_list,
    step_toggle,
    takedown_add,
    takedown_update,
)

__all__ = [
    "account_create",
    "account_detail",
    "account_edit",
    "add_note",
    "admin_add",
    "admin_remove",
    "assign",
    "close",
    "detect",
    "evidence_download",
    "evidence_pack",
    "evidence_upload",
    "incident_create",
    "incident_detail",
    "incident_list",
    "index",
    "notice_docx",
    "notice_edit",
    "open_from_detection",
    "review",
    "step_toggle",
    "takedown_add",
    "takedown_update",
]
