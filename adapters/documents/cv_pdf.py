"""PDF CVs with fpdf2: pure Python (no system libraries, no headless browser), embeds a
Unicode TrueType font when one is available (DejaVu Sans on Debian), and produces small,
standard PDFs that every reader opens."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from fpdf import FPDF

from core.ports.cv_renderer import CvDocument, CvRenderer

ACCENT = (37, 99, 235)
MUTED = (82, 96, 109)
TEXT = (31, 41, 51)
EN_DASH, EM_DASH, BULLET = "\u2013", "\u2014", "\u2022"
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))


def _period(start: Any, end: Any) -> str:
    def fmt(value: Any) -> str:
        return value.strftime("%b %Y") if isinstance(value, date) else str(value or "")

    if not start:
        return ""
    return f"{fmt(start)} {EN_DASH} {fmt(end) if end else 'Present'}"


class FpdfCvRenderer(CvRenderer):
    def __init__(self, font_dirs: tuple[Path, ...] = FONT_DIRS) -> None:
        self._font: tuple[Path, Path] | None = None
        for directory in font_dirs:
            regular, bold = directory / "DejaVuSans.ttf", directory / "DejaVuSans-Bold.ttf"
            if regular.exists() and bold.exists():
                self._font = (regular, bold)
                break

    def _pdf(self) -> tuple[FPDF, str]:
        pdf = FPDF(format="A4")
        pdf.set_margins(18, 16, 18)
        pdf.set_auto_page_break(auto=True, margin=16)
        if self._font:
            pdf.add_font("CV", "", str(self._font[0]))
            pdf.add_font("CV", "B", str(self._font[1]))
            return pdf, "CV"
        return pdf, "Helvetica"

    def _text(self, value: str) -> str:
        if self._font:
            return value
        replaced = value.replace(EN_DASH, "-").replace(EM_DASH, "-").replace(BULLET, "-")
        return replaced.encode("latin-1", "replace").decode("latin-1")

    def render(self, cv: CvDocument) -> bytes:
        pdf, font = self._pdf()
        t = self._text
        pdf.set_title(t(f"{cv.full_name} — CV"))
        pdf.set_author(t(cv.full_name))
        pdf.set_creator("Hireflow")
        pdf.add_page()

        pdf.set_text_color(*TEXT)
        pdf.set_font(font, "B", 22)
        pdf.cell(0, 11, t(cv.full_name), new_x="LMARGIN", new_y="NEXT")
        if cv.headline:
            pdf.set_font(font, "", 12)
            pdf.set_text_color(*ACCENT)
            pdf.cell(0, 7, t(cv.headline), new_x="LMARGIN", new_y="NEXT")
        contact = "  ·  ".join(x for x in (cv.email, cv.phone, cv.location) if x)
        if cv.years_of_experience:
            contact += f"  ·  {cv.years_of_experience:g} years of experience"
        pdf.set_font(font, "", 9.5)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(0, 5, t(contact), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        pdf.set_draw_color(*ACCENT)
        pdf.set_line_width(0.6)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(4)

        def section(title: str) -> None:
            pdf.ln(2)
            pdf.set_font(font, "B", 12)
            pdf.set_text_color(*ACCENT)
            pdf.cell(0, 7, t(title.upper()), new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(*TEXT)

        def item(heading: str, sub: str, when: str, body: str) -> None:
            pdf.set_font(font, "B", 10.5)
            width = pdf.w - pdf.l_margin - pdf.r_margin
            pdf.cell(width - 45, 6, t(heading))
            pdf.set_font(font, "", 9)
            pdf.set_text_color(*MUTED)
            pdf.cell(45, 6, t(when), align="R", new_x="LMARGIN", new_y="NEXT")
            if sub:
                pdf.set_font(font, "", 9.5)
                pdf.cell(0, 5, t(sub), new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(*TEXT)
            if body:
                pdf.set_font(font, "", 9.5)
                pdf.multi_cell(0, 4.8, t(body), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)

        if cv.bio:
            section("Profile")
            pdf.set_font(font, "", 10)
            pdf.multi_cell(0, 5, t(cv.bio), new_x="LMARGIN", new_y="NEXT")
        if cv.skills:
            section("Skills")
            pdf.set_font(font, "", 10)
            pdf.multi_cell(0, 5.5, t("  •  ".join(cv.skills)), new_x="LMARGIN", new_y="NEXT")
        if cv.work_experiences:
            section("Experience")
            for w in cv.work_experiences:
                sub = " · ".join(x for x in (w.get("company"), w.get("location")) if x)
                item(
                    w.get("position", ""),
                    sub,
                    _period(w.get("start_date"), w.get("end_date")),
                    w.get("description", ""),
                )
        if cv.educations:
            section("Education")
            for e in cv.educations:
                degree = " — ".join(x for x in (e.get("degree"), e.get("field_of_study")) if x)
                gpa = f"GPA {e['gpa']:g}" if e.get("gpa") is not None else ""
                sub = " · ".join(x for x in (e.get("institution"), gpa) if x)
                item(
                    degree or e.get("institution", ""),
                    sub,
                    _period(e.get("start_date"), e.get("end_date")),
                    e.get("description", ""),
                )
        if cv.projects:
            section("Projects")
            for p in cv.projects:
                tech = ", ".join(p.get("technologies") or [])
                sub = " · ".join(x for x in (tech, p.get("url")) if x)
                item(
                    p.get("name", ""),
                    sub,
                    _period(p.get("start_date"), p.get("end_date")),
                    p.get("description", ""),
                )
        return bytes(pdf.output())
