"""HTTP caching headers for public pages, so a browser or a CDN can keep them and revalidate.

Django's ConditionalGetMiddleware (listed before this one in settings.MIDDLEWARE) gives every
response an ETag from its content and answers a matching If-None-Match with 304 Not Modified.
This middleware says who may keep a response: an anonymous visitor's successful GET of a public
page is `public, max-age=0, must-revalidate` (kept, but checked each time, so an edit shows at
once); a logged-in user's pages are `private, no-cache`; errors, responses that set a cookie and
anything whose view already chose (the admin's never_cache) are left alone.
"""

from django.utils.cache import patch_cache_control


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
