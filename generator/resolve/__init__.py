"""The resolved model: defaults and reference data applied, hours (sizing) and the criterion (criterion) with their one formula.

Every document, check, grid and score reads this model; resolve/expression writes a formula once for Decimal, Excel and French.
"""
