-- Counter rollups: the same sums as channel_daily, kept equal to it on every import (CounterRollups, in the
-- import's transaction). Channel 0 is "all channels", as in goal.
--   channel_monthly: per shop and calendar month. A year-to-date sum of one shop reads ~10 month rows per channel
--     plus the current month's days instead of 300+ days (goals, long periods).
--   all_shops_daily: per day over every shop. An all-shops question reads one row per day (and channel) instead of
--     200 shops' rows.
-- days = days with data (for channel 0 of channel_monthly the distinct days of any channel), so "3 of 30 days have data"
-- stays exact; all_shops_daily needs none: a row exists exactly when some shop has data that day.
-- month is the day number (days since 1970-01-01, like channel_daily.day) of the month's first day.

CREATE TABLE channel_monthly (
    shop              INTEGER NOT NULL,
    month             INTEGER NOT NULL,
    channel           INTEGER NOT NULL,
    days              INTEGER NOT NULL,
    visitors          INTEGER NOT NULL,
    page_views        INTEGER NOT NULL,
    product_visitors  INTEGER NOT NULL,
    favorite_users    INTEGER NOT NULL,
    cart_users        INTEGER NOT NULL,
    orders            INTEGER NOT NULL,
    order_buyers      INTEGER NOT NULL,
    paid_orders       INTEGER NOT NULL,
    paid_buyers       INTEGER NOT NULL,
    gmv_cents         INTEGER NOT NULL,
    refund_cents      INTEGER NOT NULL,
    refund_orders     INTEGER NOT NULL,
    ad_cost_cents     INTEGER NOT NULL,
    new_visitors      INTEGER NOT NULL,
    bounced_visitors  INTEGER NOT NULL,
    stay_seconds      INTEGER NOT NULL,
    multi_item_orders INTEGER NOT NULL,
    PRIMARY KEY (shop, month, channel)
) WITHOUT ROWID;

CREATE TABLE all_shops_daily (
    day               INTEGER NOT NULL,
    channel           INTEGER NOT NULL,
    visitors          INTEGER NOT NULL,
    page_views        INTEGER NOT NULL,
    product_visitors  INTEGER NOT NULL,
    favorite_users    INTEGER NOT NULL,
    cart_users        INTEGER NOT NULL,
    orders            INTEGER NOT NULL,
    order_buyers      INTEGER NOT NULL,
    paid_orders       INTEGER NOT NULL,
    paid_buyers       INTEGER NOT NULL,
    gmv_cents         INTEGER NOT NULL,
    refund_cents      INTEGER NOT NULL,
    refund_orders     INTEGER NOT NULL,
    ad_cost_cents     INTEGER NOT NULL,
    new_visitors      INTEGER NOT NULL,
    bounced_visitors  INTEGER NOT NULL,
    stay_seconds      INTEGER NOT NULL,
    multi_item_orders INTEGER NOT NULL,
    PRIMARY KEY (day, channel)
) WITHOUT ROWID;

-- Backfill from the rows already there (one pass each; a few seconds per million rows, once).
INSERT INTO channel_monthly
SELECT shop, unixepoch(day * 86400, 'unixepoch', 'start of month') / 86400 AS month, channel, COUNT(*),
       SUM(visitors), SUM(page_views), SUM(product_visitors), SUM(favorite_users), SUM(cart_users), SUM(orders),
       SUM(order_buyers), SUM(paid_orders), SUM(paid_buyers), SUM(gmv_cents), SUM(refund_cents), SUM(refund_orders),
       SUM(ad_cost_cents), SUM(new_visitors), SUM(bounced_visitors), SUM(stay_seconds), SUM(multi_item_orders)
FROM channel_daily GROUP BY shop, month, channel;

INSERT INTO channel_monthly
SELECT m.shop, m.month, 0,
       (SELECT COUNT(DISTINCT d.day) FROM channel_daily d WHERE d.shop = m.shop AND d.day BETWEEN m.month AND m.month + 30
            AND unixepoch(d.day * 86400, 'unixepoch', 'start of month') / 86400 = m.month),
       SUM(visitors), SUM(page_views), SUM(product_visitors), SUM(favorite_users), SUM(cart_users), SUM(orders),
       SUM(order_buyers), SUM(paid_orders), SUM(paid_buyers), SUM(gmv_cents), SUM(refund_cents), SUM(refund_orders),
       SUM(ad_cost_cents), SUM(new_visitors), SUM(bounced_visitors), SUM(stay_seconds), SUM(multi_item_orders)
FROM channel_monthly m GROUP BY m.shop, m.month;

INSERT INTO all_shops_daily
SELECT day, channel,
       SUM(visitors), SUM(page_views), SUM(product_visitors), SUM(favorite_users), SUM(cart_users), SUM(orders),
       SUM(order_buyers), SUM(paid_orders), SUM(paid_buyers), SUM(gmv_cents), SUM(refund_cents), SUM(refund_orders),
       SUM(ad_cost_cents), SUM(new_visitors), SUM(bounced_visitors), SUM(stay_seconds), SUM(multi_item_orders)
FROM channel_daily GROUP BY day, channel;

INSERT INTO all_shops_daily
SELECT day, 0,
       SUM(visitors), SUM(page_views), SUM(product_visitors), SUM(favorite_users), SUM(cart_users), SUM(orders),
       SUM(order_buyers), SUM(paid_orders), SUM(paid_buyers), SUM(gmv_cents), SUM(refund_cents), SUM(refund_orders),
       SUM(ad_cost_cents), SUM(new_visitors), SUM(bounced_visitors), SUM(stay_seconds), SUM(multi_item_orders)
FROM all_shops_daily GROUP BY day;
