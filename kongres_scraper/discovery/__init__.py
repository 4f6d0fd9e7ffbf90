"""How pages are found: pure functions over a URL and the bytes fetched from it (no Scrapy).

`classify` says what a body is; `sitemaps`, `feeds`, `wp_rest`, `pagination` and `links`
read the URLs to follow out of it; `mirror` maps URLs to the files of a wget mirror.
The spider (crawl/spider.py) calls them and turns their answers into requests.
"""
