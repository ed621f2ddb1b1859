-- Metric store: registries, daily counters, SKU days, campaigns, goals, buyers.
-- Days are INTEGER days since 1970-01-01 and money is INTEGER cents (storage-notes.md):
-- smaller rows and exact sums. Conversions happen at the edges (DateOnly / decimal).

-- Shops are the user's own; an import registers unknown shop names automatically.
CREATE TABLE shop (
    id   INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

-- Every way to name a shop (its code, its name, its aliases) by normalized key
-- (RegistryKey.Normalize: lower case, no spaces, underscores or hyphens).
CREATE TABLE shop_alias (
    alias_key TEXT PRIMARY KEY,
    shop_id   INTEGER NOT NULL REFERENCES shop (id) ON DELETE CASCADE,
    alias     TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX shop_alias_shop ON shop_alias (shop_id);

CREATE TABLE channel (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    chinese_name TEXT NOT NULL,
    sort_order   INTEGER NOT NULL
);

CREATE TABLE channel_alias (
    alias_key  TEXT PRIMARY KEY,
    channel_id INTEGER NOT NULL REFERENCES channel (id) ON DELETE CASCADE,
    alias      TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX channel_alias_channel ON channel_alias (channel_id);

-- domain.md §2 Traffic. 付费推广 ("paid ads") covers search and display ads in the playbooks;
-- as an alias it has to name one channel, so it names search_ads (the larger paid channel).
INSERT INTO channel (id, code, name, chinese_name, sort_order) VALUES
    (1, 'natural_search', 'natural search', '自然搜索', 10),
    (2, 'recommendation', 'platform recommendation', '平台推荐', 20),
    (3, 'search_ads', 'search ads', '搜索广告', 30),
    (4, 'display_ads', 'display ads', '展示广告', 40),
    (5, 'short_video', 'short video', '短视频', 50),
    (6, 'live', 'live streaming', '直播', 60),
    (7, 'social', 'social/content', '社交/种草', 70),
    (8, 'private_domain', 'private domain', '私域', 80),
    (9, 'other', 'other', '其他', 90);

INSERT INTO channel_alias (alias_key, channel_id, alias) VALUES
    ('naturalsearch', 1, 'natural_search'),
    ('自然搜索', 1, '自然搜索'),
    ('organicsearch', 1, 'organic search'),
    ('organic', 1, 'organic'),
    ('自然流量', 1, '自然流量'),
    ('recommendation', 2, 'recommendation'),
    ('platformrecommendation', 2, 'platform recommendation'),
    ('平台推荐', 2, '平台推荐'),
    ('recommend', 2, 'recommend'),
    ('推荐', 2, '推荐'),
    ('猜你喜欢', 2, '猜你喜欢'),
    ('首页推荐', 2, '首页推荐'),
    ('searchads', 3, 'search_ads'),
    ('搜索广告', 3, '搜索广告'),
    ('paidads', 3, 'paid ads'),
    ('付费推广', 3, '付费推广'),
    ('paidsearch', 3, 'paid search'),
    ('ppc', 3, 'ppc'),
    ('直通车', 3, '直通车'),
    ('displayads', 4, 'display_ads'),
    ('展示广告', 4, '展示广告'),
    ('display', 4, 'display'),
    ('引力魔方', 4, '引力魔方'),
    ('钻展', 4, '钻展'),
    ('shortvideo', 5, 'short_video'),
    ('短视频', 5, '短视频'),
    ('video', 5, 'video'),
    ('视频', 5, '视频'),
    ('live', 6, 'live'),
    ('livestreaming', 6, 'live streaming'),
    ('直播', 6, '直播'),
    ('livestream', 6, 'livestream'),
    ('直播间', 6, '直播间'),
    ('social', 7, 'social'),
    ('social/content', 7, 'social/content'),
    ('社交/种草', 7, '社交/种草'),
    ('社交', 7, '社交'),
    ('种草', 7, '种草'),
    ('content', 7, 'content'),
    ('内容', 7, '内容'),
    ('xiaohongshu', 7, 'xiaohongshu'),
    ('小红书', 7, '小红书'),
    ('privatedomain', 8, 'private_domain'),
    ('私域', 8, '私域'),
    ('wecom', 8, 'wecom'),
    ('企业微信', 8, '企业微信'),
    ('社群', 8, '社群'),
    ('community', 8, 'community'),
    ('miniprogram', 8, 'mini-program'),
    ('小程序', 8, '小程序'),
    ('other', 9, 'other'),
    ('其他', 9, '其他'),
    ('其它', 9, '其它'),
    ('others', 9, 'others');

-- Daily counters per shop × day × channel, clustered on the key queries filter by.
CREATE TABLE channel_daily (
    shop              INTEGER NOT NULL REFERENCES shop (id),
    day               INTEGER NOT NULL,
    channel           INTEGER NOT NULL REFERENCES channel (id),
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
    PRIMARY KEY (shop, day, channel)
) WITHOUT ROWID;

-- What a SKU is (name, category, launch); the per-day rows below carry the numbers.
CREATE TABLE sku (
    shop       INTEGER NOT NULL REFERENCES shop (id),
    code       TEXT NOT NULL,
    name       TEXT NOT NULL,
    category   TEXT NOT NULL,
    launch_day INTEGER,
    PRIMARY KEY (shop, code)
) WITHOUT ROWID;

CREATE TABLE sku_daily (
    shop             INTEGER NOT NULL,
    day              INTEGER NOT NULL,
    sku              TEXT NOT NULL,
    units_sold       INTEGER NOT NULL,
    gmv_cents        INTEGER NOT NULL,
    product_visitors INTEGER NOT NULL,
    paid_buyers      INTEGER NOT NULL,
    stock_units      INTEGER NOT NULL,
    rating           REAL,
    PRIMARY KEY (shop, day, sku),
    FOREIGN KEY (shop, sku) REFERENCES sku (shop, code)
) WITHOUT ROWID;

-- The same campaign name may recur every year: the key is shop + name + start.
CREATE TABLE campaign (
    id               INTEGER PRIMARY KEY,
    shop             INTEGER NOT NULL REFERENCES shop (id),
    name             TEXT NOT NULL COLLATE NOCASE,
    start_day        INTEGER NOT NULL,
    end_day          INTEGER NOT NULL,
    warmup_start_day INTEGER,
    target_gmv_cents INTEGER,
    UNIQUE (shop, name, start_day),
    CHECK (end_day >= start_day)
);

CREATE TABLE campaign_alias (
    campaign_id INTEGER NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
    alias       TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (campaign_id, alias)
) WITHOUT ROWID;

CREATE INDEX campaign_alias_alias ON campaign_alias (alias);

-- Fixed campaign costs (KOL fees, venue fees …) on top of the daily ad cost.
CREATE TABLE campaign_cost (
    shop        INTEGER NOT NULL REFERENCES shop (id),
    campaign_id INTEGER NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
    channel     INTEGER NOT NULL REFERENCES channel (id),
    note        TEXT NOT NULL DEFAULT '',
    cost_cents  INTEGER NOT NULL,
    PRIMARY KEY (shop, campaign_id, channel, note)
) WITHOUT ROWID;

-- channel 0 = the goal is for the whole shop. Ratios (conversion …) are stored as fractions.
CREATE TABLE goal (
    shop    INTEGER NOT NULL REFERENCES shop (id),
    metric  TEXT NOT NULL,
    period  TEXT NOT NULL,
    channel INTEGER NOT NULL DEFAULT 0,
    target  REAL NOT NULL,
    PRIMARY KEY (shop, metric, period, channel)
) WITHOUT ROWID;

-- A buyer snapshot for repurchase, RFM and LTV (domain.md §2 Users).
CREATE TABLE buyer (
    shop              INTEGER NOT NULL REFERENCES shop (id),
    buyer_id          TEXT NOT NULL,
    first_order_day   INTEGER NOT NULL,
    last_order_day    INTEGER NOT NULL,
    orders            INTEGER NOT NULL,
    total_spent_cents INTEGER NOT NULL,
    tier              TEXT,
    PRIMARY KEY (shop, buyer_id)
) WITHOUT ROWID;
