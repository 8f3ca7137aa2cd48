"""jobdesc: job descriptions written, approved and signed in the browser."""

import os

# One BLAS thread per process, as for the e5 engine (`library/similarity.py`): the app runs several
# processes on few cores, and OpenBLAS's threads spin while they wait for work, which made one library
# search over 10 000 clauses cost five times its own work. Set before anything imports numpy.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
