"""Version 1 of the JSON API: /api/v1/, its OpenAPI description at
/api/v1/openapi.json and its interactive documentation at /api/v1/docs."""

from .endpoints import dialog, indicators, initiatives, measures, meetings, reviews, transfer
from .http import StandortAPI, register_problems

api = StandortAPI(
    title="Standort API",
    version="1",
    description=(
        "Read and write an initiative's measures, milestones and status reports, and read "
        "its bodies, meetings, dialogue, indicators and transfer platform. Without a token "
        "you read what the public pages show; with a personal token (profile → API tokens) "
        "what your role shows you on the pages, in the token's initiative. Errors are "
        "problem details (RFC 9457) in the language of `Accept-Language`."
    ),
    urls_namespace="api-v1",
)
register_problems(api)
api.add_router("/initiatives", initiatives.router)
api.add_router("/initiatives", measures.router)
api.add_router("/initiatives", meetings.router)
api.add_router("/initiatives", reviews.router)
api.add_router("/initiatives", dialog.router)
api.add_router("/initiatives", indicators.router)
api.add_router("/initiatives", transfer.router)
