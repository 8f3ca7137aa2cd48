"""The app's URLs plus the benchmarks' reference page; `bench` serves its in-process requests with this URLconf.

The reference page is no page of the product: it exists only while a benchmark stage runs.
"""

from django.urls import path

from jobdesc.urls import urlpatterns as app_urlpatterns

from . import views

urlpatterns = [path("bench/reference/", views.reference, name="bench_reference"), *app_urlpatterns]
