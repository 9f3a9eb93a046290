"""Model fields whose values are encrypted in the database (core/crypto.py).

The attribute holds the plain value in Python; the column holds an `e1.` token sealed for
the field's purpose under the current data key. A filter on such a field cannot match
(every token differs): search through a keyed index instead (core/name_index.py, the HETU's
keyed hash). An empty string and NULL are stored as they are.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django import forms
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from . import crypto, name_index


class _Sealed:
    """A sealed field's `purpose` (which key crypto derives for it), kept in migrations."""

    default_purpose = "person"

    def __init__(self, *args: Any, purpose: str | None = None, **kwargs: Any) -> None:
        self.purpose = self.default_purpose if purpose is None else purpose
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple[str, str, list[Any], dict[str, Any]]:
        name, path, args, kwargs = super().deconstruct()  # type: ignore[misc]
        kwargs["purpose"] = self.purpose
        return name, path, args, kwargs


class EncryptedTextField(_Sealed, models.TextField):
    def encode(self, value: Any) -> str:
        return str(value)

    def decode(self, text: str) -> Any:
        return text

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return self.decode(crypto.decrypt_text(value, self.purpose))

    def get_prep_value(self, value: Any) -> Any:
        if value is None or value == "":
            return value
        return crypto.encrypt_text(self.encode(value), self.purpose)

    def to_python(self, value: Any) -> Any:
        return value

    def formfield(self, **kwargs: Any) -> Any:
        # A name or an address is one line: a text box, not the TextField's textarea.
        if self.max_length and not self.choices:
            kwargs.setdefault("form_class", forms.CharField)
            kwargs.setdefault("widget", forms.TextInput)
        return super().formfield(**kwargs)


class EncryptedDateField(EncryptedTextField):
    def encode(self, value: Any) -> str:
        return value.isoformat() if isinstance(value, dt.date) else str(value)

    def decode(self, text: str) -> dt.date:
        return dt.date.fromisoformat(text)

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str) and value:
            return dt.date.fromisoformat(value)
        return value


class EncryptedJSONField(EncryptedTextField):
    def encode(self, value: Any) -> str:
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)

    def decode(self, text: str) -> Any:
        return json.loads(text)

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return value
        return crypto.encrypt_text(self.encode(value), self.purpose)


class EncryptedBinaryField(_Sealed, models.BinaryField):
    """Bytes (a receipt PDF), sealed in the compact binary form."""

    default_purpose = "data"

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None:
            return value
        return crypto.decrypt(value, self.purpose)

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if value is None:
            return value
        return super().get_db_prep_value(crypto.seal(bytes(value), self.purpose), connection)


class NameIndexField(models.TextField):
    """The keyed search index (core/name_index.py) of a model's encrypted name fields
    (`sources`), computed on every save, bulk_create included. The model's save() must add
    it to `update_fields` when one of the sources is saved."""

    def __init__(self, *args: Any, sources: tuple[str, ...] = (), **kwargs: Any) -> None:
        self.sources = tuple(sources)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple[str, str, list[Any], dict[str, Any]]:
        name, path, args, kwargs = super().deconstruct()
        kwargs["sources"] = self.sources
        kwargs.pop("blank", None)
        kwargs.pop("editable", None)
        return name, path, args, kwargs

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        value = name_index.index(**{f: getattr(model_instance, f) for f in self.sources})
        setattr(model_instance, self.attname, value)
        return value
