"""Russian grammar for documents: declining position titles, people's names and clause placeholders."""
