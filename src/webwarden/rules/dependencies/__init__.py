"""WW1xx: dependencies with known vulnerabilities, risky ranges, unauditable or outdated pins."""
