"""The reference page of the benchmarks: the base template for a logged-in person and nothing else."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def reference(request):
    return render(request, "bench/reference.html")
