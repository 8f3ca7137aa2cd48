"""The PDF's yardstick: Chromium started as the browser tests start it, printing the same HTML, timed whole."""

from jobdesc.bench import chromium
from jobdesc.documents.pdf import _engine, document_html
from tests.browser.conftest import CHROMIUM_ARGS


def test_it_is_started_with_the_flags_of_the_browser_tests():
    assert chromium.FLAGS == CHROMIUM_ARGS


def test_the_printed_html_links_the_print_stylesheet_and_resolves_relative_urls_as_weasyprint_does():
    html = chromium.print_html("<!doctype html><html><head><title>x</title></head><body></body></html>", "file:///s/")
    assert '<head><base href="file:///s/"><link rel="stylesheet" href="print.css"><title>' in html


def test_it_prints_the_document_and_counts_the_cpu_of_all_its_processes(approved_version, tmp_path):
    printer = chromium.Printer(chromium.print_html(document_html(approved_version), _engine().base_url), tmp_path)
    wall, cpu = printer()
    assert printer.pages() >= 2
    assert wall > 0
    # The main process alone uses a fraction of it: the helpers' time is counted once they are reaped.
    assert printer.counts_helpers
    assert cpu > 0
