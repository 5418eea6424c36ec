"""Uploaded files: what kind of file an upload really is, and the only ways a stored
one leaves the platform (through a view that checked permission)."""

import mimetypes
import re
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from lxml import etree

# Kinds of files an upload may be, and how each one starts.
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Office formats (doc, xls)
ZIP = b"PK\x03\x04"  # Office Open XML and OpenDocument
PNG = b"\x89PNG\r\n\x1a\n"
JPEG = b"\xff\xd8\xff"
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "doc": (OLE,),
    "xls": (OLE,),
    "docx": (ZIP,),
    "xlsx": (ZIP,),
    "pptx": (ZIP,),
    "odt": (ZIP,),
    "ods": (ZIP,),
    "odp": (ZIP,),
    "png": (PNG,),
    "jpg": (JPEG,),
    "jpeg": (JPEG,),
    "txt": None,  # text: no signature, but no NUL bytes either
    "csv": None,
}


def looks_like(extension, head):
    signatures = SIGNATURES[extension]
    if signatures is None:
        return b"\x00" not in head
    return head.startswith(signatures)


def check_size(upload, limit):
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; at most %(limit)s are allowed."),
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )


def extension_of(name):
    return Path(name).suffix.lower().lstrip(".")


def download(attachment):
    """The stored file of `attachment` (a row with `file` and `name`) as a download.
    The type follows from the stored name, not from what the uploader's browser said."""
    try:
        file = attachment.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    content_type = mimetypes.guess_type(attachment.name)[0] or "application/octet-stream"
    return FileResponse(
        file, as_attachment=True, filename=attachment.name, content_type=content_type
    )


# Images: logos -------------------------------------------------------------------

IMAGE_TYPES = {
    "svg": "image/svg+xml",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
}
# A logo is a mark, not a photograph: more pixels than this only cost memory.
MAX_IMAGE_PIXELS = 4096 * 4096

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
# What a logo is drawn with. Not here: script, foreignObject (HTML inside), a and
# image (links and files elsewhere), animate and set (which can rewrite a link).
SVG_ELEMENTS = {
    "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "style",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "text", "tspan", "textPath", "linearGradient", "radialGradient", "stop",
    "clipPath", "mask", "pattern", "filter", "feGaussianBlur", "feOffset",
    "feBlend", "feFlood", "feComposite", "feMerge", "feMergeNode", "feColorMatrix",
}  # fmt: skip
# What drawing programs leave in a file: notes to themselves that nothing renders.
EDITOR_NAMESPACES = {
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://purl.org/dc/elements/1.1/",
    "http://creativecommons.org/ns#",
}
# url(…) to anything but an element of the same file, and the other ways of fetching.
OUTSIDE = re.compile(r"url\(\s*['\"]?\s*(?!#)|@import|javascript:|expression\(", re.I)
NUMBER = re.compile(r"^\s*([0-9.]+)\s*(px)?\s*$")


def svg_problem(content):
    """Why the SVG `content` (bytes) cannot be a logo, or "" when it can. We keep the
    file as it came, so we refuse what could run or fetch anything: scripts, event
    attributes (on…), links and references outside the file, embedded HTML
    (foreignObject), document type declarations (entities)."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(content, parser)
    except (etree.XMLSyntaxError, ValueError):
        return _("The file is not a valid SVG drawing.")
    tree = root.getroottree()
    if tree.docinfo.doctype or root.tag != f"{{{SVG_NS}}}svg":
        return _("The file is not a valid SVG drawing.")
    around = [*root.itersiblings(preceding=True), *root.itersiblings()]
    for node in [*around, *root.iter()]:
        if isinstance(node, etree._ProcessingInstruction | etree._Entity):
            return _("The drawing contains instructions that are not allowed.")
        if not isinstance(node.tag, str):
            continue  # a comment
        namespace, name = etree.QName(node).namespace, etree.QName(node).localname
        if name.lower() == "script":
            return _("The drawing contains a script. Upload it without, or as PNG or JPEG.")
        if namespace == SVG_NS and name not in SVG_ELEMENTS:
            return _(
                "The drawing contains “%(element)s”, which a logo may not contain "
                "(allowed are shapes, text, gradients and masks)."
            ) % {"element": name}
        if namespace != SVG_NS and namespace not in EDITOR_NAMESPACES:
            return _(
                "The drawing contains “%(element)s”, which a logo may not contain "
                "(allowed are shapes, text, gradients and masks)."
            ) % {"element": name}
        if name == "style" and OUTSIDE.search(node.text or ""):
            return _("The drawing refers to files or addresses outside itself.")
        for attribute, value in node.attrib.items():
            local = etree.QName(attribute).localname.lower()
            if local.startswith("on"):
                return _("The drawing contains event handlers (%(name)s).") % {"name": local}
            if local == "href" and not value.strip().startswith("#"):
                return _("The drawing refers to files or addresses outside itself.")
            if OUTSIDE.search(value):
                return _("The drawing refers to files or addresses outside itself.")
    return ""


def svg_ratio(content):
    """Width ÷ height of an SVG drawing (of its viewBox, else its width and height),
    or 1 when it says neither."""
    root = etree.fromstring(content, etree.XMLParser(resolve_entities=False, no_network=True))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    try:
        if len(box) == 4 and float(box[3]) > 0:
            return float(box[2]) / float(box[3])
        width, height = NUMBER.match(root.get("width", "")), NUMBER.match(root.get("height", ""))
        if width and height and float(height[1]) > 0:
            return float(width[1]) / float(height[1])
    except ValueError:
        pass
    return 1.0


def check_image(upload, *, limit):
    """Raises ValidationError unless `upload` is an SVG, PNG or JPEG of at most `limit`
    bytes whose content is what its ending says (and, for SVG, safe to show)."""
    check_size(upload, limit)
    extension = extension_of(upload.name)
    if extension not in IMAGE_TYPES:
        raise ValidationError(
            _("Upload an SVG, PNG or JPEG file, not “%(type)s”."),
            params={"type": extension or "?"},
        )
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    if extension == "svg":
        problem = svg_problem(content)
        if problem:
            raise ValidationError(problem)
        return
    mismatch = ValidationError(
        _("The content of the file does not match its ending “.%(type)s”."),
        params={"type": extension},
    )
    if not looks_like(extension, content[:16]):
        raise mismatch
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(BytesIO(content)) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _("The image has too many pixels; at most 4096 × 4096 are allowed.")
                )
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise mismatch from None


def validate_logo(file):
    """The check of a logo as a model field's validator, for every form of the model
    (the administration's too)."""
    check_image(file, limit=settings.LOGO_MAX_BYTES)


def image_response(file_field, stem):
    """A stored image shown inline as `stem` with its ending, under a policy that lets
    nothing in it run (an SVG opened on its own is a document)."""
    try:
        file = file_field.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    content_type = IMAGE_TYPES.get(extension_of(file_field.name), "application/octet-stream")
    name = f"{stem}{Path(file_field.name).suffix.lower()}"
    response = FileResponse(file, content_type=content_type, filename=name)
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=300"
    return response
