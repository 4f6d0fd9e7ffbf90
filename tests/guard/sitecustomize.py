"""Network guard of the test subprocesses (on their PYTHONPATH as sitecustomize): only 127.0.0.1.

Any attempt to connect to, or resolve, another address fails and is noted in the file
named by KONGRES_NET_LOG, which the test then asserts is empty (tests/helpers.py).
"""
import os, socket
_LOG = os.environ["KONGRES_NET_LOG"]
_LOCAL = ("127.0.0.1", "::1", "localhost")
def _note(what):
    with open(_LOG, "a") as f:
        f.write(what + "\n")
def _guard(method):
    def wrapper(self, address, *a, **kw):
        host = address[0] if isinstance(address, tuple) else address
        if self.family in (socket.AF_INET, socket.AF_INET6) and host not in _LOCAL:
            _note(f"connect {address!r}")
            raise OSError("network blocked by the test")
        return method(self, address, *a, **kw)
    return wrapper
socket.socket.connect = _guard(socket.socket.connect)
socket.socket.connect_ex = _guard(socket.socket.connect_ex)
_getaddrinfo = socket.getaddrinfo
def getaddrinfo(host, *a, **kw):
    if host not in _LOCAL and host is not None:
        _note(f"resolve {host!r}")
        raise socket.gaierror("name resolution blocked by the test")
    return _getaddrinfo(host, *a, **kw)
socket.getaddrinfo = getaddrinfo
def _blocked_lookup(original):
    def lookup(host, *a, **kw):
        if host not in _LOCAL:
            _note(f"resolve {host!r}")
            raise socket.gaierror("name resolution blocked by the test")
        return original(host, *a, **kw)
    return lookup
socket.gethostbyname = _blocked_lookup(socket.gethostbyname)
socket.gethostbyname_ex = _blocked_lookup(socket.gethostbyname_ex)

# Test hook: make extraction fail on URLs containing KONGRES_TEST_BREAK_EXTRACTION.
if os.environ.get("KONGRES_TEST_BREAK_EXTRACTION"):
    import kongres_scraper.extract as _extract
    _real = _extract.extract_page
    def extract_page(raw, url):
        if os.environ["KONGRES_TEST_BREAK_EXTRACTION"] in url:
            raise ValueError("broken on purpose")
        return _real(raw, url)
    _extract.extract_page = extract_page
