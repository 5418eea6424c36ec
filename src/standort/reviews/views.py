def owner_link(request, review_request, token, **kwargs):
    raise NotImplementedError
