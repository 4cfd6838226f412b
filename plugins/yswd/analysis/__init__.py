"""Figures from published records: totals, commitments against targets, annual reports."""
