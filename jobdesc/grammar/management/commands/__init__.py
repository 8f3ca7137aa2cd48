"""Commands: `inflect` declines position titles read from standard input."""
