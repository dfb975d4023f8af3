package com.saleskpi.kpi;

import java.math.BigDecimal;
import java.math.MathContext;

/** The ratios of a forecast line, as the forecast KPIs define them: null where the quota says nothing. */
final class ForecastRatios {

    private static final MathContext PRECISION = MathContext.DECIMAL64;

    private ForecastRatios() {
    }

    /** Open pipeline over what remains to close of the quota: null without a quota, or once it is reached. */
    static BigDecimal coverage(BigDecimal openPipeline, BigDecimal quota, BigDecimal closedWon) {
        if (quota == null || quota.compareTo(closedWon) <= 0) {
            return null;
        }
        return openPipeline.divide(quota.subtract(closedWon), PRECISION);
    }

    /** What is won plus what is committed, over the quota: null without a (positive) quota. */
    static BigDecimal projectedAttainment(BigDecimal closedWon, BigDecimal openCommit, BigDecimal quota) {
        if (quota == null || quota.signum() <= 0) {
            return null;
        }
        return closedWon.add(openCommit).divide(quota, PRECISION);
    }
}
