"""OParl 1.1 from /oparl/v1/: the system object, then each public initiative's record."""

urlpatterns = []
