"""Room on CPython's frame stack for a deep recursion such as WeasyPrint's layout.

CPython 3.11 keeps the frames of a thread's Python calls in chunks: 16 KiB, or more for a frame that needs
it. A call that does not fit in the current chunk gets a new one from the operating system (`mmap`), and
the chunk is given back (`munmap`) as soon as the call that opened it returns. A layout goes up and down
its tree of boxes, across such a boundary again and again: `strace` counted 427 pairs of 16 KiB in each
render of the demo instruction, 720 page faults and 4 ms of system time, and 3 000 faults when the render
was called from 40 frames deeper, as a view under the middleware is. The clause text alone, laid out less
deeply, had none.

`with_room(call)` runs `call()` from a frame of 7 194 local variables (56 KiB): CPython opens a chunk of
128 KiB for it, and every frame of the call fits in the 70 KiB left over, one chunk for the whole call
instead of hundreds. The variables are never assigned; they only make the frame that large.
"""

# Slots of 8 bytes: CPython sizes a new chunk to the frame plus 1 000 slots, rounded up to a power of two;
# this many makes it just over 64 KiB, so the chunk is 128 KiB and the most of it is left for the call.
ROOM_SLOTS = 64 * 1024 // 8 - 1000 + 1


def _roomy_caller():
    names = " = ".join(f"_{number}" for number in range(ROOM_SLOTS))
    source = f"def with_room(call):\n    if call is None:\n        {names} = None\n    return call()\n"
    namespace = {}
    # The source is made here from numbers alone.
    exec(compile(source, "<jobdesc.documents.deep_calls>", "exec"), namespace)
    return namespace["with_room"]


with_room = _roomy_caller()
with_room.__doc__ = "Return `call()`, called from a frame that gives the whole call one chunk of the frame stack."
