"""Runs of an output directory, without Scrapy: what a crawl and a reparse share.

`lock` (the output lock), `store` (the crawl state between crawls), `output` (run
directories, `latest`, staged writes), `checks` (the checks after a run), `conclude`
(refuse or build, check and publish: the `Outcome`), `warc` (the archive's record types)
and `reparse` (rebuild a run from its archive).
"""
