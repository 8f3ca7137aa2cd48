"""A deep recursion run with room on the frame stack: no chunk of it is mapped and unmapped again and again."""

import resource

import pytest

from jobdesc.documents import pdf
from jobdesc.documents.deep_calls import with_room


def _faults(call) -> int:
    call()  # once first: what a first call maps for good is not counted
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    call()
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


def _from_deeper(frames, call):
    return call() if frames == 0 else _from_deeper(frames - 1, call)


def _down_and_back(depth):
    return 0 if depth == 0 else _down_and_back(depth - 1) + 1


def _excursions():
    for _ in range(300):
        _down_and_back(150)


def test_a_recursion_that_goes_down_and_back_keeps_one_chunk_with_room():
    plain = _faults(lambda: _from_deeper(30, _excursions))
    roomy = _faults(lambda: _from_deeper(30, lambda: with_room(_excursions)))
    assert roomy * 5 < plain, (roomy, plain)


def test_the_call_returns_its_result_and_raises_its_errors():
    assert with_room(lambda: 42) == 42
    with pytest.raises(KeyError):
        with_room(lambda: {}["missing"])


def test_every_render_lays_out_with_room(approved_version, monkeypatch):
    used = []

    def recording(call):
        used.append(call)
        return with_room(call)

    monkeypatch.setattr(pdf, "with_room", recording)
    assert pdf.render_pdf(approved_version).startswith(b"%PDF")
    pdf.layout(approved_version)
    assert len(used) == 2
