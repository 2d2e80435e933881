"""Analytics: the figures officials quote, openness, the partnership network, data quality.

Counting rules (pinned by ``tests/analytics``):

* A partnership *exists* on a date when a dated or undated entry of its status history lies on
  or before it; its *status on the date* is that of the latest such entry (undated entries,
  such as "listed on Wikipedia", hold from the start).
* It is *in force* on a date when its status then is active, dormant or suspended. ``partnerships``
  counts those; ``by_status`` counts every partnership that existed, by its status then.
* The *partner* of a partnership is the side outside the scope. A partnership with both sides
  inside (two Chinese cities, for China) is *internal*: counted in ``partnerships`` and
  ``internal``, not under any partner country, bloc or continent.
* Bloc figures use each bloc's membership on the as-of date (members only unless other roles
  are asked for), so Belarus counts in the SCO from 2024-07-04 and not before.
* For the world scope every partnership is internal; ``by_partner_country`` then counts, for
  each country, the partnerships that touch it.
"""
