"""The vocabulary: gazetteer of organisations and areas, themes, schemes (data in `data/`)."""
