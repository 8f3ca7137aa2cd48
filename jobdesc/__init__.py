"""jobdesc: job descriptions written, approved and signed in the browser."""
