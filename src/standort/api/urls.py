"""The JSON API under /api/, and the token pages of a signed-in user."""

urlpatterns = []
