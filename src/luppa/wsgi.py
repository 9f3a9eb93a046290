"""The WSGI application `luppa serve` (gunicorn) and runserver run: Django's handler, with
the X-Road service's paths handed to a lean one (luppa/ops/machine.py)."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luppa.settings")

from django.core.wsgi import get_wsgi_application

from luppa.ops.machine import dispatching

application = dispatching(get_wsgi_application())
