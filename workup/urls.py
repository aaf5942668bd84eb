"""Pages of the GP web app (server-rendered)."""

urlpatterns: list = []
