"""The web app: server-rendered pages (Jinja2) with a little JavaScript, in English, Chinese and Russian."""
