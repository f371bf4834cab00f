"""Official documents in the Nghị định 30/2020/NĐ-CP format: data → DOCX or PDF bytes.

Pure functions with no Django import, so views, background tasks and the CLI share them.
"""

from .document import (
    AUTHORITIES,
    MOTTO,
    NATIONAL_TITLE,
    Annex,
    Block,
    DocumentError,
    Heading,
    OfficialDocument,
    Paragraph,
    Signer,
    Table,
    vn_date_line,
    vn_long_date,
)
from .docx_render import render_docx
from .pdf_render import FontUnavailableError, render_pdf, vietnamese_font

__all__ = [
    "AUTHORITIES",
    "MOTTO",
    "NATIONAL_TITLE",
    "Annex",
    "Block",
    "DocumentError",
    "FontUnavailableError",
    "Heading",
    "OfficialDocument",
    "Paragraph",
    "Signer",
    "Table",
    "render_docx",
    "render_pdf",
    "vietnamese_font",
    "vn_date_line",
    "vn_long_date",
]
