"""The supervision file as a PDF: for a subject access request, or an approved third party
within their scope. Built with reportlab and its bundled Vera fonts (nothing downloaded)."""

from __future__ import annotations

import io
import os
import unicodedata
from xml.sax.saxutils import escape

import reportlab
from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from supervise.agreements.frequency import frequency_words
from supervise.files.selectors import AgreementRow, FileContents, Withheld
from supervise.policy.dates import format_long
from supervise.web.dates import long_date, long_datetime

_FONTS = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
_registered = False


def _fonts() -> None:
    global _registered
    if not _registered:
        pdfmetrics.registerFont(TTFont("Vera", os.path.join(_FONTS, "Vera.ttf")))
        pdfmetrics.registerFont(TTFont("Vera-Bold", os.path.join(_FONTS, "VeraBd.ttf")))
        _registered = True


def _covered(text: str) -> str:
    """Replace characters the font cannot draw with their closest plain form (or '?')."""
    face = pdfmetrics.getFont("Vera").face
    out = []
    for char in text:
        if char in "\n\t" or ord(char) in face.charToGlyph:
            out.append(char)
            continue
        plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
        out.append(plain or "?")
    return "".join(out)


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(_covered(text)).replace("\n", "<br/>"), style)


def agreement_line(row: AgreementRow) -> str:
    """'With Morgan Manager (annual review): In force. Signed by both on Tuesday 3 November
    2026. How often: every month; 60 minutes; venue: Room 2.' What is not recorded is left out."""
    agreement = row.agreement
    signed = agreement.signed_on
    terms = [f"How often: {frequency_words(agreement.frequency)}"]
    if agreement.duration_minutes:
        terms.append(f"{agreement.duration_minutes} minutes")
    if agreement.venue.strip():
        terms.append(f"venue: {agreement.venue.strip()}")
    return (
        f"With {agreement.supervisor.name} ({agreement.get_reason_display().lower()}): "
        + ("" if row.detail else f"{row.tag}. ")  # the detail names it: "Renewed by…"
        + (f"Signed by both on {format_long(signed)}. " if signed else "")
        + (f"{row.detail} " if row.detail else "")
        + f"{'; '.join(terms)}."
    )


def children_line(count: int) -> str:
    """'1 child discussed…' or '3 children discussed…'."""
    noun = "child" if count == 1 else "children"
    return f"{count} {noun} discussed: recorded on each child's record, not copied here."


def file_pdf(contents: FileContents, *, requested_by: str, purpose: str) -> bytes:
    _fonts()
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontName="Vera", fontSize=10, leading=14)
    h1 = ParagraphStyle(
        "h1", parent=body, fontName="Vera-Bold", fontSize=18, leading=22, spaceAfter=8
    )
    h2 = ParagraphStyle(
        "h2",
        parent=body,
        fontName="Vera-Bold",
        fontSize=14,
        leading=18,
        spaceBefore=10,
        spaceAfter=4,
    )
    h3 = ParagraphStyle(
        "h3", parent=body, fontName="Vera-Bold", fontSize=11, leading=15, spaceBefore=6
    )
    staff = contents.staff
    story: list = [
        _p(f"Supervision file: {staff.name}", h1),
        _p(
            f"{staff.organisation.name}. Staff id {staff.external_id}; "
            f"{staff.get_role_display()}; started {format_long(staff.started_on)}.",
            body,
        ),
        _p(
            f"Produced {long_datetime(timezone.now())} "
            f"for {requested_by} ({purpose}). "
            "Confidential: supervision records hold personal information.",
            body,
        ),
    ]
    if contents.scope:
        start, end = contents.scope
        story.append(
            _p(
                f"Scope of access: sessions held from "
                f"{format_long(start) if start else 'the beginning'} to "
                f"{format_long(end) if end else 'today'}.",
                body,
            )
        )
    story.append(Spacer(1, 6 * mm))

    story.append(_p("Supervision agreements", h2))
    for row in contents.agreement_rows:
        story.append(_p(agreement_line(row), body))
    if not contents.agreement_rows:
        story.append(_p("None.", body))

    for period in contents.periods:
        story.append(_p(period.title, h2))
        for view in period.sessions:
            session = view.session
            story.append(
                _p(f"{format_long(session.held_on)} — {session.get_record_status_display()}", h3)
            )
            for section in view.sections:
                if isinstance(section, Withheld):
                    story.append(_p(f"{section.label}: [{section.words}]", body))
                    continue
                label = contents.headings.get(section.heading, section.heading)
                story.append(_p(f"{label}: {section.text or 'nothing written'}", body))
            if view.children_discussed:
                story.append(_p(children_line(view.children_discussed), body))
            for addendum in view.addenda:
                story.append(
                    _p(
                        f"Addendum by {addendum.author.name} on "
                        f"{format_long(timezone.localdate(addendum.written_at))}: {addendum.text}",
                        body,
                    )
                )

    story += [PageBreak(), _p("Supervision log", h2)]
    cell = ParagraphStyle("cell", parent=body, fontSize=9, leading=11)
    rows = [["Date", "Supervisor", "Status", "Minutes"]] + [
        [
            _p(long_date(s.held_on or s.scheduled_on), cell),
            _p(s.supervisor.name, cell),
            _p(
                s.get_status_display()
                + (f", {contents.late_by(s)} days late" if contents.late_by(s) else ""),
                cell,
            ),
            str(s.duration_minutes or ""),
        ]
        for s in contents.log
    ]
    # The date column fits the longest full date, 'Wednesday 30 September 2026', on one line.
    table = Table(rows, colWidths=[56 * mm, 54 * mm, 37 * mm, 18 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), "Vera"),
                ("FONTNAME", (0, 0), (-1, 0), "Vera-Bold"),
                ("FONTSIZE", (0, 0), (-1, -1), 9),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story.append(table)

    labels = {
        "development_plan": "Personal development plan",
        "induction": "Induction",
        "cpd": "Continuing professional development",
        "training": "Training",
    }
    story.append(_p("Learning", h2))
    for kind, entries in contents.learning.items():
        story.append(_p(labels.get(kind, kind), h3))
        for entry in entries:
            line = (f"{format_long(entry.on)}: " if entry.on else "") + entry.title
            line += f": {entry.detail}" if entry.detail else ""
            if entry.signed_off_by:
                line += (
                    f" — signed off by {entry.signed_off_by.name}; impact discussed: "
                    f"{entry.impact_discussion}"
                )
            story.append(_p(line, body))
        if not entries:
            story.append(_p("None recorded.", body))

    story.append(_p("Appraisals", h2))
    for appraisal in contents.appraisals:
        story.append(
            _p(
                f"{format_long(appraisal.held_on)} with {appraisal.appraiser.name}: "
                f"{appraisal.summary}",
                body,
            )
        )
    story.append(_p("Upheld complaints", h2))
    for complaint in contents.complaints:
        story.append(
            _p(
                f"Received {format_long(complaint.received_on)}: {complaint.summary}. "
                f"Outcome: {complaint.outcome or 'not recorded'}.",
                body,
            )
        )
    if contents.handovers:
        story.append(_p("Handovers", h2))
        for handover in contents.handovers:
            story.append(
                _p(
                    f"{format_long(handover.transferred_on)}: from {handover.outgoing.name} to "
                    f"{handover.incoming.name}"
                    + (
                        f"; three-way meeting {format_long(handover.meeting_held_on)}"
                        if handover.meeting_held_on
                        else "; no handover meeting recorded"
                    ),
                    body,
                )
            )

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=f"Supervision file: {staff.name}",
        author=staff.organisation.name,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
    )
    document.build(story)
    return buffer.getvalue()
