"""Fields pointing at a user, user models and lookups by the current user (WW731)."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.auth.owned_rows import OwnedRows, OwnerField, UserScope, extract_owned_rows
from webwarden.parse.python import ParsedPython, parse_source


def _rows(source: str) -> OwnedRows | None:
    parsed = parse_source(textwrap.dedent(source), "shop/models.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    return extract_owned_rows(make_context("shop/models.py", parsed, plan))


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        pytest.param(
            "owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=CASCADE)",
            OwnerField("Invoice", "owner", "AUTH_USER_MODEL"),
            id="django-setting",
        ),
        pytest.param(
            "user = models.OneToOneField(get_user_model(), related_name='card')",
            OwnerField("Invoice", "user", "get_user_model", "card"),
            id="django-related-name",
        ),
        pytest.param(
            'user_id = db.Column(db.Integer, db.ForeignKey("users.id"))',
            OwnerField("Invoice", "user_id", "table:users"),
            id="sqlalchemy-column",
        ),
        pytest.param(
            'user = relationship("User", back_populates="invoices")',
            OwnerField("Invoice", "user", "User", "invoices"),
            id="sqlalchemy-relationship",
        ),
    ],
)
def test_a_field_pointing_at_another_model(field: str, expected: OwnerField) -> None:
    found = _rows(f"class Invoice(Model):\n    {field}\n")
    assert found is not None
    assert found.fields == (expected,)


def test_user_models_with_their_tables() -> None:
    found = _rows(
        """
        class Account(UserMixin, db.Model):
            __tablename__ = "accounts"

        class Member(AbstractUser):
            pass
        """
    )
    assert found is not None
    assert found.user_classes == (("Account", "accounts"), ("Member", ""))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "Invoice.objects.filter(owner=request.user)",
            UserScope("Invoice", 2, "owner"),
            id="django-manager",
        ),
        pytest.param(
            "get_object_or_404(Invoice, pk=pk, owner=self.request.user)",
            UserScope("Invoice", 2, "owner"),
            id="shortcut",
        ),
        pytest.param(
            "Book.query.filter_by(user_id=current_user.id).all()",
            UserScope("Book", 2, "user_id"),
            id="flask-sqlalchemy",
        ),
        pytest.param(
            "select(Book).where(Book.user_id == current_user.id)",
            UserScope("Book", 2, "user_id"),
            id="select-where",
        ),
        pytest.param(
            "request.user.invoice_set.get(pk=pk)",
            UserScope("", 2, related="invoice_set"),
            id="related-manager",
        ),
    ],
)
def test_a_lookup_by_the_current_user(source: str, expected: UserScope) -> None:
    found = _rows(f"def view(request, pk):\n    {source}\n")
    assert found is not None
    assert expected in found.scopes


def test_an_owner_compared_with_the_current_user() -> None:
    found = _rows(
        """
        def view(request, pk):
            invoice = Invoice.objects.get(pk=pk)
            if invoice.owner != request.user:
                raise PermissionDenied
        """
    )
    assert found is not None
    assert found.scopes == (UserScope("Invoice", 4, "owner"),)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("Invoice.objects.get(pk=request.user_id)", id="not-the-user"),
        pytest.param('Invoice.objects.filter(total=request.GET["total"])', id="request-data"),
        pytest.param("cache.get(request.user)", id="not-a-model"),
        pytest.param("Invoice.objects.create(owner=request.user)", id="a-row-made"),
        pytest.param(
            "Sale.objects.filter(seller__name__icontains=user, day=day)",
            id="search-by-part-of-a-name",
        ),
    ],
)
def test_no_lookup_by_the_current_user(source: str) -> None:
    found = _rows(f"def view(request):\n    {source}\n")
    assert found is None or not [s for s in found.scopes if s.model]
