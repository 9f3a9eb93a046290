"""Shared e-services behind small interfaces: each has a real client and a local fake that
speaks the same protocol, chosen in settings, never by `if TEST:` in domain code."""
