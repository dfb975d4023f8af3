package com.saleskpi.kpi;

import static com.saleskpi.kpi.Formula.of;
import static com.saleskpi.kpi.Formula.ratio;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A formula computes the value and writes its own text and rule for empty sets, from the same tree. */
class FormulaTest {

    private static final Measure WON = Measure.zeroWhenEmpty("won", Unit.COUNT, "deals won", FactSource.DEALS_CLOSED, "count(s.deal_id)");
    private static final Measure LOST = Measure.zeroWhenEmpty("lost", Unit.COUNT, "deals lost", FactSource.DEALS_CLOSED, "count(s.deal_id)");
    private static final Measure AVERAGE = Measure.nullWhenEmpty("average", Unit.CURRENCY, "an average", FactSource.DEALS_CLOSED, "avg(s.amount)");

    @Test
    void textBracketsWhatTheOrderOfOperationsNeeds() {
        assertEquals("won / (won + lost)", of(WON).dividedBy(of(WON).plus(of(LOST))).text());
        assertEquals("(won - lost) / lost x 100", of(WON).minus(of(LOST)).dividedBy(of(LOST)).times(100).text());
        assertEquals("won - (lost - won)", of(WON).minus(of(LOST).minus(of(WON))).text());
        assertEquals("won + lost - won", of(WON).plus(of(LOST)).minus(of(WON)).text());
        assertEquals("(won / lost) / (lost / won)", ratio(WON, LOST).dividedBy(ratio(LOST, WON)).text());
        assertEquals("won / ((won + lost) / 2)", of(WON).dividedBy(of(WON).plus(of(LOST)).dividedBy(2)).text());
    }

    @Test
    void evaluatesWithNullForDivisionByZeroAndForValuelessMeasures() {
        Formula winRate = of(WON).dividedBy(of(WON).plus(of(LOST)));
        assertEquals(new BigDecimal("0.75"), winRate.evaluate(values(3, 1, null)));
        assertNull(winRate.evaluate(values(0, 0, null)), "0 / 0");
        Formula gap = of(AVERAGE).minus(of(WON)).dividedBy(of(LOST));
        assertNull(gap.evaluate(values(1, 2, null)), "an average over no records");
        assertEquals(new BigDecimal("4.5"), gap.evaluate(values(1, 2, "10")));
        // (7 + 2) / 2 exactly, not rounded: the turnover's average headcount
        assertEquals(new BigDecimal("4.5"), of(WON).plus(of(LOST)).dividedBy(2).evaluate(values(7, 2, null)));
    }

    @Test
    void numeratorDenominatorAndTheRuleForEmptySetsAreDerived() {
        Formula winRate = of(WON).dividedBy(of(WON).plus(of(LOST)));
        assertEquals("won", winRate.numerator().text());
        assertEquals("won + lost", winRate.denominator().text());
        assertEquals("null when won + lost is 0", winRate.whenEmpty());
        assertNull(of(WON).plus(of(LOST)).numerator());
        assertEquals("0 when there are no records", of(WON).plus(of(LOST)).whenEmpty());
        assertEquals("null when there are no records", of(AVERAGE).whenEmpty());
        assertEquals("null when lost is 0; null when average has no records", of(AVERAGE).dividedBy(of(LOST)).whenEmpty());
        assertEquals(List.of(WON, LOST), winRate.measures(), "each measure once, in the order it first appears");
    }

    @Test
    void functionsAbsolutePositiveAndCoalesce() {
        Formula error = of(WON).minus(of(LOST)).absolute();
        assertEquals("abs(won - lost)", error.text());
        assertEquals(new BigDecimal("4"), error.evaluate(values(1, 5, null)));
        // what remains to a goal: nothing to divide once it is reached
        Formula coverage = of(WON).dividedBy(of(LOST).minus(of(WON)).whenPositive());
        assertEquals(new BigDecimal("0.5"), coverage.evaluate(values(2, 6, null)));
        assertNull(coverage.evaluate(values(6, 6, null)));
        assertNull(coverage.evaluate(values(7, 6, null)));
        assertEquals("null when lost - won is 0 or less", coverage.whenEmpty());
        Formula learnt = ratio(WON, LOST).orElse(Formula.constant(new BigDecimal("0.25")));
        assertEquals("coalesce(won / lost, 0.25)", learnt.text());
        assertEquals(new BigDecimal("0.25"), learnt.evaluate(values(3, 0, null)));
        assertEquals(new BigDecimal("0.75"), learnt.evaluate(values(3, 4, null)));
        assertEquals("0 when there are no records", learnt.whenEmpty());
    }

    private static Map<Measure, BigDecimal> values(long won, long lost, String average) {
        Map<Measure, BigDecimal> values = new HashMap<>();
        values.put(WON, BigDecimal.valueOf(won));
        values.put(LOST, BigDecimal.valueOf(lost));
        values.put(AVERAGE, average == null ? null : new BigDecimal(average));
        return values;
    }
}
