"""The user's edge: the typer CLI, renderers for table/json/csv/markdown, and maps."""
