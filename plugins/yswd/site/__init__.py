"""From checked content to a website: routes, the page plan, HTML, open data, search and PDF."""
