"""Reference data (data/*.yaml loaded once into typed models, each value with its source) and the law in force at a date.

Owns the thresholds, trades, publics, the mechanism records and legal citations; imports nothing but the basics.
"""
