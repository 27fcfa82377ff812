"""WW11xx, practice 11: auditing and dangerous calls (the Bandit class of checks).

Families: 01-19 command, code and other injection sinks; 20-39 deserialisation, parsing
and archives; 40-49 TLS and cryptography; 50-59 live-probe exposure checks; 60-69 Django
exposure and misconfiguration; 70-79 Flask exposure and misconfiguration; 80-89 other
dangerous APIs; 90-99 attacks seen in logs.
"""
