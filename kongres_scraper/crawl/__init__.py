"""The Scrapy shell: the only package that imports Scrapy or Twisted.

settings (with the add-on that wires offline replay and the host map), the spider, the
item, the pipelines, the run extension with the crawl-state middleware, the archive
middleware and the download handlers. Each is a small `from_crawler` component over the
Scrapy-free core (`discovery/`, `runs/`).
"""
