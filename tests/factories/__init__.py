"""factory_boy factories, one module per app, for rows a test needs but does not test.

Rows a user makes through the service are made through the same services here (a photo is
drafted and submitted by `luppa.photos.services`, so it gets its photo ID, receipt messages,
statistics row, face embedding and audit records as in production); plain rows with no rule
around them are made directly. Test persons of the fake identification are addressed by their
index in TEST_PERSONS (webtools.PIA, OUTI, …) so that a row made here is the same person the
sign-in pages would find.
"""

from factories.accounts import (
    ApiKeyFactory,
    CompanyAccountFactory,
    PersonUserFactory,
    PhotographerFactory,
    PrivateAccountFactory,
    StudioPhotographerFactory,
    UserFactory,
    business_id,
)
from factories.bulletins import BulletinFactory
from factories.directory import StudioFactory
from factories.officer import OfficerFactory
from factories.photos import DraftPhotoFactory, SubmittedPhotoFactory
from factories.reports import PhotoStatFactory

__all__ = [
    "ApiKeyFactory",
    "BulletinFactory",
    "CompanyAccountFactory",
    "DraftPhotoFactory",
    "OfficerFactory",
    "PersonUserFactory",
    "PhotoStatFactory",
    "PhotographerFactory",
    "PrivateAccountFactory",
    "StudioFactory",
    "StudioPhotographerFactory",
    "SubmittedPhotoFactory",
    "UserFactory",
    "business_id",
]
