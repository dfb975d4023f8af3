package com.saleskpi.kpi;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import com.saleskpi.common.problem.ProblemException;

/**
 * How the company reports: the currency of its money KPIs (their code, and the decimals of its minor unit) and its
 * fiscal calendar (quarters and years).
 */
record ReportingSettings(Currency currency, FiscalCalendar fiscalCalendar, List<String> highValueActivityTypes,
        TargetProration targetProration) {

    /** How the targets a KPI reads were pro-rated; null for a KPI that reads none. */
    TargetProration prorationOf(KpiDefinition kpi) {
        return kpi.usesTargets() ? targetProration : null;
    }

    /** The same for a value that also answers the targets set for its KPI (target not null). */
    TargetProration prorationOf(KpiDefinition kpi, BigDecimal target) {
        return target != null ? targetProration : prorationOf(kpi);
    }

    /** The named parameters of KPI statements that these settings give (KpiSql#build). */
    Map<String, Object> statementParameters() {
        return Map.of("high_value_types", highValueActivityTypes.toArray(new String[0]), "target_proration", targetProration.name());
    }

    /** Amounts answered in a currency, converted with the exchange rates, which are quoted against the reporting currency. */
    KpiSql.Money money(Currency answeredIn) {
        return new KpiSql.Money(answeredIn.getCurrencyCode(), currency.getCurrencyCode());
    }

    /** The currency money is answered in: the one a request asks for (400 naming currency when it is none), else this one. */
    Currency answerCurrency(String requested) {
        if (requested == null) {
            return currency;
        }
        try {
            return money(requested);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidParameter("currency", "must be the ISO 4217 code of a currency, such as USD: " + requested);
        }
    }

    static ReportingSettings of(KpiSettings settings) {
        return new ReportingSettings(money(settings.reportingCurrency()), settings.fiscalCalendar(),
                settings.highValueActivityTypes().stream().map(Enum::name).toList(), settings.targetProration());
    }

    /** The currency of an ISO 4217 code that money can be in (one with a minor unit; not gold, say). */
    static Currency money(String code) {
        Currency currency = Currency.getInstance(code);
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException(code + " is not money (it has no minor unit)");
        }
        return currency;
    }
}
