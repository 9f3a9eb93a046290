"""Property-based tests over the X-Road service's own OpenAPI description (schemathesis):
whatever a permit system sends, the answer is never a 5xx and always matches the schema.

The examples are bounded so that the suite stays quick; raise XROAD_EXAMPLES to dig deeper.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

from luppa.accounts.models import Account
from luppa.photos import services

EXAMPLES = int(os.environ.get("XROAD_EXAMPLES", "30"))
LOOPBACK = {"REMOTE_ADDR": "127.0.0.1"}  # the security server, as in development
# No 5xx, and every answer as described. (A well-formed HETU with a wrong check character
# is a schema-valid request that is rightly refused, so "positive data accepted" is not
# asked for.)
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
]
HEADERS = {"X-Road-Client": "FI/GOV/0245437-2/lupa", "X-Road-UserId": "FI010170-1234"}


@pytest.fixture
def xroad_schema(db, framed_biden):
    # One real photo, so that the checks also reach the decision rules.
    from django.test import Client
    from webtools import PIA, force_login_private

    force_login_private(Client(), PIA)
    account = Account.objects.get()
    draft = services.create_draft(account, account.photographers.get(), framed_biden.jpeg, {})
    services.submit(draft)
    # The service's WSGI application, as gunicorn runs it: /xroad/ through its lean handler.
    from luppa.wsgi import application

    return schemathesis.openapi.from_wsgi("/xroad/v1/openapi.json", application)


def test_no_5xx_and_no_schema_violation(xroad_schema) -> None:
    operations = [result.ok() for result in xroad_schema.get_all_operations()]
    assert len(operations) == 6
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case) -> None:
            # Generated X-Road headers would almost always be refused (403) before reaching
            # anything interesting, so the allowed caller's are sent (invalid ones are tested
            # in test_xroad.py).
            case.call_and_validate(headers=HEADERS, checks=CHECKS, environ_base=LOOPBACK)

        check()
