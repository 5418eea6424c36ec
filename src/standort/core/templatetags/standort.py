from django import template

register = template.Library()


@register.inclusion_tag("core/_sort_header.html", takes_context=True)
def sort_header(context, listing, key, label):
    """A column header that sorts the list, keeping the search and dropping the page."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    params["sort"] = listing.sort_link(key)
    aria_sort = ""
    if listing.sort == key:
        aria_sort = "ascending"
    elif listing.sort == f"-{key}":
        aria_sort = "descending"
    return {"href": f"?{params.urlencode()}", "label": label, "aria_sort": aria_sort}
