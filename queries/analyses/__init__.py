"""Analyses that need more than one query: regions, funding, portfolios, gaps, overlaps,
the budget audit, brokers and the summary. Each takes a Dataset and Filters and returns
Tables; `kompetansekart report ...` renders them."""
