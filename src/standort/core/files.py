"""Uploaded files leave the platform only through a view that checked permission."""

import mimetypes

from django.http import FileResponse, Http404


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
