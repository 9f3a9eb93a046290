"""Luppa: electronic permit-photo service for Finnish authorities."""

__version__ = "0.1.0"
