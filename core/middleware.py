"""HTTP caching headers for public pages, so a browser or a CDN can keep them and revalidate.

Django's ConditionalGetMiddleware (listed before this one in settings.MIDDLEWARE) gives every
response an ETag from its content and answers a matching If-None-Match with 304 Not Modified.
This middleware says who may keep a response: an anonymous visitor's successful GET of a public
page is `public, max-age=0, must-revalidate` (kept, but checked each time, so an edit shows at
once); a logged-in user's pages are `private, no-cache`; errors, responses that set a cookie and
anything whose view already chose (the admin's never_cache) are left alone.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_cache_control, set_response_etag

from . import page_cache


class PublicCacheHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD") or response.has_header("Cache-Control"):
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_cache=True)
        elif response.status_code == 200 and not response.cookies:
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        return response


class PageCacheMiddleware:
    """Serve anonymous visitors' GETs of public pages from the page cache (core.page_cache).

    Listed after the caching-headers middleware and before the session middleware: a cached page
    carries everything the inner middleware added (CSP, frame options) and gets its ETag check
    and Cache-Control on the way out. Never from or into the cache: a request carrying a session
    or messages cookie (it may be logged in, or be shown a message), the admin, anything but a
    200, a response that sets a cookie, uses the CSRF token or says private/no-cache itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        page_cache.apply_pending()
        if not self._may_use_cache(request):
            return self.get_response(request)
        key = page_cache.page_key(request)
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if request.method == "GET" and self._may_store(request, response):
            set_response_etag(response)
            cache.set(key, response, settings.CRISISKB_PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _may_use_cache(request) -> bool:
        return (
            settings.CRISISKB_PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
            and not request.path_info.startswith(settings.CRISISKB_UNCACHED_PREFIXES)
        )

    @staticmethod
    def _may_store(request, response) -> bool:
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_USED")
            and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
            and response.get("Vary", "") != "*"
        )
