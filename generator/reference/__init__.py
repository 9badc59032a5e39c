"""Reference data (data/*.yaml, each value with its source) and the law in force at a date.

Owns the thresholds, trades, publics, mechanisms and legal citations; imports nothing but the basics.
"""
