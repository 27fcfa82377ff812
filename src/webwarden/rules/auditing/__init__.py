"""WW11xx, practice 11: auditing and dangerous calls (the Bandit class of checks).

Families: 01-19 command and code execution, 20-39 deserialisation and parsing,
40-59 TLS and cryptography, 60-79 debug and exposure, 80-99 other dangerous APIs.
"""
