package com.saleskpi.kpi;

/**
 * How amounts stored in a currency convert to the requested currency (:currency) at the rates of a day: through the
 * day's rate of each, per unit of :rates_base (the reporting currency), joined from exchange_rate_daily (V8) under
 * the alias's name. A day outside that table's window is looked up in exchange_rate; where no rate is in force,
 * missing_exchange_rate (V8) fails the statement, naming the currency and the day.
 */
record Rates(String alias, String currency, String day) {

    // the conversions the fact sources make: which currency column, on which day
    static final Rates ORDER_DAY = new Rates("fx_o", "o.currency", "o.ordered_on");
    static final Rates ROLLUP_DAY = new Rates("fx_d", "d.currency", "d.day");
    static final Rates OPENING_DAY = new Rates("fx_o", "o.currency", "o.opened_on");
    static final Rates CLOSE_DAY = new Rates("fx_o", "o.currency", "o.closed_on");
    static final Rates OPEN_DEAL_AT_BUCKET_END = new Rates("fx_o", "o.currency", "b.bucket_end");
    static final Rates ROLLUP_AT_BUCKET_END = new Rates("fx_d", "d.currency", "b.bucket_end");
    static final Rates COST_DAY = new Rates("fx_c", "c.currency", "c.incurred_on");
    static final Rates TARGET_AT_BUCKET_END = new Rates("fx_t", ":rates_base", "b.bucket_end");
    static final Rates QUOTA_AT_BUCKET_END = new Rates("fx_q", ":rates_base", "b.bucket_end");
    static final Rates OBSERVATION_DAY = new Rates("fx_c", "c.currency", "c.observed_on");
    static final Rates MARKET_AT_BUCKET_END = new Rates("fx_m", "m.currency", "b.bucket_end");
    // the forecast's (ForecastView): open deals and quotas at the period's end, calls on the day they were made
    static final Rates OPEN_DEAL_AT_PERIOD_END = new Rates("fx_e", "o.currency", ":period_end");
    static final Rates TARGET_AT_PERIOD_END = new Rates("fx_t", ":rates_base", ":period_end");
    static final Rates SUBMISSION_DAY = new Rates("fx_f", "f.currency", "(f.submitted_at at time zone 'UTC')::date");

    /** The joins that bring the day's rate of the stored and of the requested currency. */
    String joins() {
        return rateOn(currency, alias + "_from") + rateOn(":currency", alias + "_to");
    }

    private String rateOn(String ofCurrency, String name) {
        return "\n            left join exchange_rate_daily " + name + " on " + name + ".currency = " + ofCurrency + " and " + name
                + ".day = " + day;
    }

    /** The amount as it is when the currencies are the same, else through the cross rate of the two. */
    String convert(String amount) {
        return "case when " + currency + " = :currency then " + amount + " else " + amount + " * " + rate(alias + "_to", ":currency")
                + " / " + rate(alias + "_from", currency) + " end";
    }

    private String rate(String joined, String ofCurrency) {
        return "(case when " + ofCurrency + " = :rates_base then 1 else coalesce(" + joined + ".rate, (select fx.rate from exchange_rate fx"
                + " where fx.currency = " + ofCurrency + " and fx.rate_date <= " + day + " order by fx.rate_date desc limit 1),"
                + " missing_exchange_rate(" + ofCurrency + ", " + day + ")) end)";
    }
}
