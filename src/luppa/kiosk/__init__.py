"""The self-service kiosk (SPEC §7): a customer with a biometric travel document registers
their identity, has the residence-permit card photo taken, gives fingerprints and a
signature, may pay, and gets a receipt and a pending-application certificate.

Its own top layer: it imports photos, faces, quality, audit and accounts downward; nothing
but the project's urls and settings imports it.
"""
