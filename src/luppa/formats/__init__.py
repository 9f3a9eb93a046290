"""Dates and times as Finnish public services write them, in every language of the UI.

Finnish: 30.11.2026 klo 12.16; Swedish (as in Finland): 30.11.2026 kl. 12.16; English:
30 Nov 2026, 12:16 (never the US month-first order). Django reads these through
FORMAT_MODULE_PATH before its own locale formats, which still give month names and inputs.
"""
