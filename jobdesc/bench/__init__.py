"""Benchmarks of jobdesc (`python manage.py bench`): PDF rendering, the heavy pages and a load test."""
