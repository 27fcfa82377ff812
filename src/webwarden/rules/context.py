"""What a rule is handed; defined in `webwarden.model.module`, re-exported for rules."""

from __future__ import annotations

from webwarden.model.module import COMMAND_DECORATORS as COMMAND_DECORATORS
from webwarden.model.module import COMMAND_LIBRARIES as COMMAND_LIBRARIES
from webwarden.model.module import FileContext as FileContext
from webwarden.model.module import TextFile as TextFile
from webwarden.model.module import identifier_words as identifier_words
from webwarden.model.module import name_of as name_of
from webwarden.model.module import sounds_like_password as sounds_like_password
from webwarden.model.module import sounds_secret as sounds_secret
