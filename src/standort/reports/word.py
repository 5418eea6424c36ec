"""The report as a Word document the office can edit: Word's own heading styles (so the
navigation pane and a table of contents work), a cover with the leading organisations'
logos, a table of contents that Word fills when it opens the file, page numbers, a
heading per working group and per measure, the owner's texts as paragraphs."""

import io
import re

from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from PIL import Image, ImageDraw, ImageFont

from .columns import NOTHING_CHANGED, answer_note

# Word refuses a document with control characters other than tab and line breaks.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MUTED = RGBColor(0x3F, 0x43, 0x60)
LOGO_HEIGHT = Cm(1.8)
# Word 2016 and later draw an SVG from this extension of the picture; older programs
# draw the PNG the picture itself names.
SVG_EXTENSION = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
TOC_INSTRUCTION = r'TOC \o "1-3" \h \z \u'
# Where w:updateFields belongs among the settings (the schema fixes their order).
AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars",
    "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
    "w:captions", "w:readModeInkLockDown", "w:smartTagType", "w:shapeDefaults",
    "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)  # fmt: skip


def _text(value):
    return CONTROL.sub("", str(value))


def _set_language(document, language):
    """Word's spelling check in the report's language (de-DE rather than English)."""
    tag = {"de": "de-DE", "en": "en-GB"}.get(language, language)
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    run_props = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_props.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_props.append(lang)
    lang.set(qn("w:val"), tag)


def _paragraphs(document, text):
    for line in _text(text).splitlines() or [""]:
        document.add_paragraph(line)


def _table(document, header, rows):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Light List Accent 1"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = _text(text)
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = _text(value)
    return table


def _field(paragraph, instruction, shown=""):
    """A Word field (PAGE, TOC …) in `paragraph`, showing `shown` until Word updates
    it. Marked dirty, so Word updates it on opening."""

    def char(kind):
        run = paragraph.add_run()
        mark = OxmlElement("w:fldChar")
        mark.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            mark.set(qn("w:dirty"), "true")
        run._r.append(mark)

    char("begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    char("separate")
    if shown:
        paragraph.add_run(shown)
    char("end")


def _update_fields_on_open(document):
    """Asks Word to update the fields (the table of contents) when it opens the file."""
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    later = [child for tag in AFTER_UPDATE_FIELDS for child in settings.findall(qn(tag))]
    if later:
        min(later, key=list(settings).index).addprevious(update)
    else:
        settings.append(update)


def _page_numbers(section):
    """ "Seite X von Y" at the foot of every page but the cover."""
    section.different_first_page_header_footer = True
    paragraph = section.footer.paragraphs[0]
    sentence = _("Page %(page)s of %(pages)s") % {"page": "\0PAGE\0", "pages": "\0NUMPAGES\0"}
    for piece in re.split(r"\0(PAGE|NUMPAGES)\0", sentence):
        if piece in ("PAGE", "NUMPAGES"):
            _field(paragraph, piece, "1")
        elif piece:
            paragraph.add_run(piece)


def _fallback_png(logo, height=120):
    """A PNG of the SVG logo's shape with the organisation's name: what programs that
    cannot draw SVG show instead."""
    width = max(height, round(height * logo.ratio))
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=height // 5)
    draw.rectangle((0, 0, width - 1, height - 1), outline="#1d4f91", width=3)
    draw.text((width / 2, height / 2), logo.name[:40], fill="#1b1b1b", font=font, anchor="mm")
    out = io.BytesIO()
    image.save(out, "PNG")
    out.seek(0)
    return out


def _add_svg(document, run, logo):
    shape = run.add_picture(_fallback_png(logo), height=LOGO_HEIGHT)
    package = document.part.package
    part = Part(
        package.next_partname("/word/media/logo%d.svg"), "image/svg+xml", logo.content, package
    )
    relation = document.part.relate_to(part, RELATIONSHIP_TYPE.IMAGE)
    blip = shape._inline.graphic.graphicData.pic.blipFill.blip
    blip.append(
        parse_xml(
            f'<a:extLst {nsdecls("a", "r")}><a:ext uri="{SVG_EXTENSION}">'
            f'<asvg:svgBlip xmlns:asvg="{SVG_NS}" r:embed="{relation}"/></a:ext></a:extLst>'
        )
    )
    return shape


def _logos(document, logos):
    """The leading organisations' logos side by side at one height, each with the
    organisation's name as its description for screen readers."""
    paragraph = document.add_paragraph()
    for index, logo in enumerate(logos):
        run = paragraph.add_run()
        if index:
            run.add_text("\u2003")  # an em space between two logos
        if logo.extension == "svg":
            shape = _add_svg(document, run, logo)
        else:
            shape = run.add_picture(io.BytesIO(logo.content), height=LOGO_HEIGHT)
        properties = shape._inline.docPr
        properties.set("name", _text(logo.name)[:200])
        properties.set("descr", _text(logo.name))


def _cover(document, data):
    if data.logos:
        _logos(document, data.logos)
    document.add_paragraph(_text(data.initiative.name)).runs[0].bold = True
    document.add_heading(_("Implementation status"), level=0)
    document.add_paragraph(_text(data.title)).runs[0].font.size = Pt(16)
    as_of = _("As of %(date)s") % {"date": date_format(data.date, "SHORT_DATE_FORMAT")}
    document.add_paragraph(as_of)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _contents(document):
    """The table of contents after the cover: a field Word fills from the headings."""
    document.add_paragraph(_("Contents"), style="TOC Heading")
    _field(
        document.add_paragraph(),
        TOC_INSTRUCTION,
        _(
            "The table of contents is filled in when Word opens the document. If it is "
            "empty, click here and press F9."
        ),
    )
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _summary(document, data):
    document.add_heading(_("Summary"), level=1)
    counts = {"asked": data.asked, "answered": data.answered, "rate": data.answer_rate}
    if data.is_review:
        text = _("%(asked)s measures asked, %(answered)s answered: an answer rate of %(rate)s %%.")
    else:
        text = _("%(asked)s measures, %(answered)s of them with a status report (%(rate)s %%).")
    document.add_paragraph(text % counts)
    _table(
        document,
        [_("Traffic light"), _("Measures")],
        [(label, count) for _v, label, count in data.lights],
    )
    document.add_paragraph()
    _table(
        document,
        [_("Status"), _("Measures")],
        [(label, count) for _v, label, count in data.statuses],
    )
    document.add_heading(data.lights_title, level=2)
    _table(
        document,
        [data.group_label, *(label for _v, label in data.light_labels), _("Total")],
        [(name, *counts, total) for name, counts, total in data.lights_by_group],
    )


def _measure(document, row):
    document.add_heading(_text(f"{row.number} {row.title}"), level=2)
    facts = document.add_paragraph()
    for index, fact in enumerate(row.facts):
        if index:
            facts.add_run().add_break(WD_BREAK.LINE)
        facts.add_run(_text(f"{fact.label}: ")).bold = True
        facts.add_run(_text(fact.text))
    if not row.answered:
        missing = _("No answer") if row.review else _("No status report yet")
        document.add_paragraph().add_run(missing).bold = True
        return
    if row.on_behalf:
        note = document.add_paragraph().add_run(answer_note(row))
        note.italic = True
        note.font.color.rgb = MUTED
    for text in row.texts:
        document.add_heading(_text(text.label), level=3)
        _paragraphs(document, text.text)


def _changes(document, data):
    since = date_format(data.changes.since, "SHORT_DATE_FORMAT")
    document.add_heading(_("Changes since %(date)s") % {"date": since}, level=1)
    for section in data.change_sections:
        document.add_heading(_text(section.title), level=2)
        _table(document, section.header, section.rows)
    if not data.change_sections:
        document.add_paragraph(str(NOTHING_CHANGED))


def render_docx(data, *, progress=None):
    progress = progress or (lambda value: None)
    document = Document()
    _set_language(document, get_language() or "de")
    document.core_properties.title = _text(f"{_('Implementation status')} – {data.title}")
    document.core_properties.author = _text(data.initiative.name)
    document.core_properties.language = get_language() or "de"
    _update_fields_on_open(document)
    _page_numbers(document.sections[0])
    _cover(document, data)
    _contents(document)
    _summary(document, data)
    if data.changes:
        _changes(document, data)
    progress(20)
    for number, group in enumerate(data.groups, start=1):
        # Only the cover goes without a page number.
        document.add_section(WD_SECTION.NEW_PAGE).different_first_page_header_footer = False
        document.add_heading(_text(group.name), level=1)
        for row in group.rows:
            _measure(document, row)
        progress(20 + 60 * number // len(data.groups))
    if not data.groups:
        document.add_paragraph(
            _("This review asked about no measures that are still in the catalogue.")
            if data.is_review
            else _("No measure matched the selection.")
        )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
