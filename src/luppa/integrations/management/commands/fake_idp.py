"""`luppa fake-idp`: the fake Suomi.fi IdP on its own port, for a service started separately.

    luppa fake-idp --port 8122 --sp-metadata http://127.0.0.1:8000/saml2/metadata/

and start the service with LUPPA_FAKE_IDP=0 and
LUPPA_SAML_IDP_METADATA_URL=http://127.0.0.1:8122/fake-idp/metadata/.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Run the fake Suomi.fi identity provider (development only) on its own port."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8122)
        parser.add_argument(
            "--sp-metadata",
            default="http://127.0.0.1:8000/saml2/metadata/",
            help="URL of the service provider's metadata",
        )

    def handle(self, *args, host: str, port: int, sp_metadata: str, **options) -> None:
        if settings.PRODUCTION:
            raise CommandError("the fake IdP never runs in production")
        # Settings are changed in this process only; the reloader would start a fresh one.
        settings.ROOT_URLCONF = "luppa.integrations.fake_idp_standalone_urls"
        settings.FAKE_IDP_BASE_URL = f"http://{host}:{port}"
        settings.FAKE_IDP_SP_METADATA_URL = sp_metadata
        self.stdout.write(f"Fake IdP metadata: http://{host}:{port}/fake-idp/metadata/")
        call_command("runserver", f"{host}:{port}", use_reloader=False)
