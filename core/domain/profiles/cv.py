"""Rules for CV files."""

from __future__ import annotations

MAX_CV_BYTES = 5 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


def cv_upload_problem(data: bytes) -> str | None:
    """Why ``data`` is not an acceptable CV — judged by content, never by file name."""
    if not data:
        return "The file is empty."
    # The PDF header may be preceded by a little garbage (PDF 1.7, §7.5.2); allow 1 KiB.
    if PDF_MAGIC not in data[:1024]:
        return "Only PDF files are accepted (the content is not a PDF)."
    if b"%%EOF" not in data[-2048:]:
        return "The PDF file is truncated or damaged."
    return None


def cv_key(user_id: int, token: str) -> str:
    return f"cvs/{user_id}/{token}.pdf"
