"""Personal API tokens: made and revoked by their owner, looked up by the SHA-256 of the secret."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ApiToken, hash_secret

# `last_used_at` is written at most this often: not one UPDATE per request.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)
MAX_ACTIVE_TOKENS = 20


class TokenError(Exception):
    """A token action that is refused; the message is for the user."""


def create_token(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token of `user` in their organisation; returns it with its secret, which is never stored."""
    name = " ".join((name or "").split())
    if user.organisation_id is None or not user.is_active:
        raise TokenError(_("Only a member of an organisation makes API tokens."))
    if not name:
        raise TokenError(_("Name the token: what is it for?"))
    if ApiToken.objects.active().filter(user=user).count() >= MAX_ACTIVE_TOKENS:
        raise TokenError(_("You have too many tokens: revoke one you do not use first."))
    secret = ApiToken.new_secret()
    token = ApiToken.objects.create(
        user=user,
        organisation_id=user.organisation_id,
        name=name[:100],
        prefix=secret[:10],
        key_hash=hash_secret(secret),
    )
    return token, secret


@transaction.atomic
def revoke_token(*, user, token_id: int) -> ApiToken:
    token = ApiToken.objects.select_for_update().filter(pk=token_id, user=user).first()
    if token is None:
        raise TokenError(_("There is no such token."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def authenticate(secret: str) -> ApiToken | None:
    """The active token with this secret whose owner may still work in its organisation, or None."""
    if not secret or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.active().select_related("user", "organisation").filter(key_hash=hash_secret(secret)).first()
    )
    if token is None:
        return None
    user = token.user
    # A person moved out of the organisation, or deactivated, loses the token's access with it.
    if not user.is_active or user.organisation_id != token.organisation_id:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
