"""The WSGI application that granian serves."""

import os
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.wsgi import get_wsgi_application

from maoni.config import ConfigurationError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maoni.settings")
try:
    django_application = get_wsgi_application()
except ConfigurationError as error:
    # A setting in the environment is wrong: say which, without a traceback.
    raise SystemExit(f"Maoni cannot start: {error}") from None
application: Callable[..., Iterable[bytes]] = django_application

if settings.MAONI_PAGE_CACHE_FRONT:
    from maoni.pagecache.front import PageCacheFront

    application = PageCacheFront(django_application)
