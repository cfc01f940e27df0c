"""The WSGI application that granian serves."""

import os
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maoni.settings")
django_application = get_wsgi_application()
application: Callable[..., Iterable[bytes]] = django_application

if settings.MAONI_PAGE_CACHE_FRONT:
    from maoni.pagecache.front import PageCacheFront

    application = PageCacheFront(django_application)
