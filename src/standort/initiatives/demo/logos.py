"""Logos of the demo's leading organisations: initials in a shape, labelled "Demo-Logo"
inside the drawing, so nobody takes them for the real organisations' marks."""

from xml.sax.saxutils import escape

# key of data.ORGANIZATIONS -> (initials, colour, shape)
DEMO_LOGOS = {
    "stadt-du": ("SD", "#1d4f91", "circle"),
    "uv-du": ("UV", "#007155", "square"),
    "ihk-nr": ("IHK", "#7a3e8f", "hexagon"),
    "uv-mh": ("UVM", "#007155", "square"),
    "stadt-mh": ("SM", "#1d4f91", "circle"),
    "igm-meo": ("IGM", "#c31c13", "hexagon"),
}
SHAPES = {
    "circle": '<circle cx="40" cy="34" r="30" fill="{colour}"/>',
    "square": '<rect x="10" y="4" width="60" height="60" rx="10" fill="{colour}"/>',
    "hexagon": '<polygon points="40,2 68,18 68,50 40,66 12,50 12,18" fill="{colour}"/>',
}


def demo_logo(key, name):
    """The SVG (bytes) of the demo logo of the organisation `key`, or None."""
    if key not in DEMO_LOGOS:
        return None
    initials, colour, shape = DEMO_LOGOS[key]
    size = 24 if len(initials) < 3 else 19
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 80 92" width="80" height="92">'
        f"<title>Demo-Logo {escape(name)}</title>"
        f"{SHAPES[shape].format(colour=colour)}"
        f'<text x="40" y="{34 + size * 0.36:.0f}" font-family="DejaVu Sans, sans-serif" '
        f'font-size="{size}" font-weight="bold" fill="#ffffff" text-anchor="middle">'
        f"{initials}</text>"
        '<text x="40" y="86" font-family="DejaVu Sans, sans-serif" font-size="12" '
        'fill="#1b1b1b" text-anchor="middle">Demo-Logo</text></svg>'
    ).encode()
