-- Market sizes (MarketSize): the total sales of a market, a territory (a region or an area) and optionally a product
-- category, over a period, as a source states it; the KPI market_share divides revenue by it (FactSource#MARKET_SIZES).
create table market_size (
    id            uuid primary key,
    external_ref  varchar(100) unique,
    territory_id  uuid           not null references territory (id),
    category      varchar(100),
    period_start  date           not null,
    period_end    date           not null,
    amount        numeric(19, 4) not null check (amount > 0),
    currency      char(3)        not null check (currency ~ '^[A-Z]{3}$'),
    source        varchar(500),
    created_at    timestamptz    not null,
    updated_at    timestamptz    not null,
    created_by    varchar(255),
    updated_by    varchar(255),
    version       bigint         not null default 0,
    -- named <table>_<column>_check: a violation names its field (DatabaseErrors)
    constraint market_size_period_end_check check (period_end >= period_start)
);
create index market_size_updated_idx on market_size (updated_at, id);
-- the sizes of a territory's periods, for market_share
create index market_size_territory_idx on market_size (territory_id, period_start, period_end);
