"""kongres_scraper: crawler and dataset builder for the Krajowy Kongres Współpracy Lokalnej."""

__version__ = "0.2.0"
