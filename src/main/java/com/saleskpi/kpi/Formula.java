package com.saleskpi.kpi;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BinaryOperator;

/**
 * How a KPI combines its measures. The same object computes the value and writes the formula, its numerator and
 * denominator and its rule for empty sets, so the definition a user reads cannot disagree with the number served.
 * Any operation on a value that is null (an average over no records, a division by 0) is null.
 */
sealed interface Formula {

    MathContext PRECISION = MathContext.DECIMAL64;

    BigDecimal evaluate(Map<Measure, BigDecimal> values);

    /** The formula in measure names, parenthesised where the order of operations needs it. */
    String text();

    /** Binding strength of the outermost operation: 2 for a single term, 1 for times and divided by, 0 for plus and minus. */
    default int precedence() {
        return 2;
    }

    static Formula of(Measure measure) {
        return new Term(measure);
    }

    static Formula ratio(Measure numerator, Measure denominator) {
        return of(numerator).dividedBy(of(denominator));
    }

    default Formula plus(Formula other) {
        return new Operation(this, Operator.PLUS, other);
    }

    default Formula minus(Formula other) {
        return new Operation(this, Operator.MINUS, other);
    }

    default Formula times(Formula other) {
        return new Operation(this, Operator.TIMES, other);
    }

    default Formula times(long factor) {
        return times(new Constant(BigDecimal.valueOf(factor)));
    }

    default Formula dividedBy(Formula other) {
        return new Operation(this, Operator.DIVIDED_BY, other);
    }

    default Formula dividedBy(long divisor) {
        return dividedBy(new Constant(BigDecimal.valueOf(divisor)));
    }

    /** Its absolute value. */
    default Formula absolute() {
        return new Applied(Function.ABS, List.of(this));
    }

    /** Its value where it is above 0, else null: a remainder that is reached or exceeded has nothing to divide. */
    default Formula whenPositive() {
        return new Applied(Function.POSITIVE, List.of(this));
    }

    /** Its value, or the fallback's where it is null. */
    default Formula orElse(Formula fallback) {
        return new Applied(Function.COALESCE, List.of(this, fallback));
    }

    static Formula constant(BigDecimal value) {
        return new Constant(value);
    }

    /** The measures it reads, in the order they first appear. */
    default List<Measure> measures() {
        Set<Measure> into = new LinkedHashSet<>();
        collect(into);
        return List.copyOf(into);
    }

    default void collect(Set<Measure> into) {
    }

    /** The outermost division's numerator, or null when the formula is not a ratio. */
    default Formula numerator() {
        return this instanceof Operation op && op.operator == Operator.DIVIDED_BY ? op.left : null;
    }

    default Formula denominator() {
        return this instanceof Operation op && op.operator == Operator.DIVIDED_BY ? op.right : null;
    }

    /**
     * What it returns over no records, derived from its parts: the single measure's own rule, else null whenever a
     * divisor is 0 or a measure that has no value over no records (an average, a median) is empty.
     */
    default String whenEmpty() {
        if (this instanceof Term term) {
            return term.measure.whenEmpty().description;
        }
        Set<String> divisors = new LinkedHashSet<>();
        collectDivisors(divisors);
        List<String> valueless = measures().stream().filter(m -> m.whenEmpty() == Measure.WhenEmpty.NULL).map(Measure::name).toList();
        StringBuilder rule = new StringBuilder();
        if (!divisors.isEmpty()) {
            rule.append("null when ").append(String.join(" or ", divisors));
        }
        if (!valueless.isEmpty()) {
            rule.append(rule.isEmpty() ? "null when " : "; null when ").append(String.join(" or ", valueless))
                    .append(" has no records");
        }
        return rule.isEmpty() ? Measure.WhenEmpty.ZERO.description : rule.toString();
    }

    default void collectDivisors(Set<String> into) {
    }

    /** What its values are, from its measures' units: a formula that adds money to a count has none (IllegalArgumentException). */
    Quantity quantity();

    /** Kinds of value, and the units a KPI of each kind may be given. */
    enum Quantity {
        MONEY("an amount of money", EnumSet.of(Unit.CURRENCY)),
        NUMBER("a number", EnumSet.of(Unit.COUNT, Unit.COUNT_AVERAGE, Unit.RATIO, Unit.SCORE)),
        DAYS("a number of days", EnumSet.of(Unit.DAYS)),
        HOURS("a number of hours", EnumSet.of(Unit.HOURS)),
        SCORE("a score", EnumSet.of(Unit.SCORE));

        final String description;
        final Set<Unit> units;

        Quantity(String description, Set<Unit> units) {
            this.description = description;
            this.units = units;
        }

        static Quantity of(Unit unit) {
            return switch (unit) {
                case CURRENCY -> MONEY;
                case COUNT, COUNT_AVERAGE, RATIO -> NUMBER;
                case DAYS -> DAYS;
                case HOURS -> HOURS;
                case SCORE -> SCORE;
            };
        }

        /** Sums and differences keep their operands' kind; products and quotients by a number keep the other's. */
        Quantity combinedWith(Operator operator, Quantity other) {
            boolean sameKind = this == other;
            return switch (operator) {
                case PLUS, MINUS -> sameKind ? this : null;
                case TIMES -> this == NUMBER ? other : other == NUMBER ? this : null;
                case DIVIDED_BY -> sameKind ? NUMBER : other == NUMBER ? this : null;
            };
        }
    }

    enum Operator {
        PLUS(" + ", 0, BigDecimal::add),
        MINUS(" - ", 0, BigDecimal::subtract),
        TIMES(" x ", 1, BigDecimal::multiply),
        DIVIDED_BY(" / ", 1, (a, b) -> b.signum() == 0 ? null : a.divide(b, PRECISION));

        final String symbol;
        final int precedence;
        final BinaryOperator<BigDecimal> apply;

        Operator(String symbol, int precedence, BinaryOperator<BigDecimal> apply) {
            this.symbol = symbol;
            this.precedence = precedence;
            this.apply = apply;
        }
    }

    /** Functions of formulas, written as calls: abs(x), positive(x), coalesce(x, y). */
    enum Function {
        ABS("abs") {
            @Override
            BigDecimal apply(List<BigDecimal> values) {
                return values.get(0) == null ? null : values.get(0).abs();
            }
        },
        POSITIVE("positive") {
            @Override
            BigDecimal apply(List<BigDecimal> values) {
                return values.get(0) == null || values.get(0).signum() <= 0 ? null : values.get(0);
            }
        },
        COALESCE("coalesce") {
            @Override
            BigDecimal apply(List<BigDecimal> values) {
                return values.stream().filter(Objects::nonNull).findFirst().orElse(null);
            }
        };

        final String name;

        Function(String name) {
            this.name = name;
        }

        abstract BigDecimal apply(List<BigDecimal> values);
    }

    record Applied(Function function, List<Formula> arguments) implements Formula {
        @Override
        public BigDecimal evaluate(Map<Measure, BigDecimal> values) {
            return function.apply(arguments.stream().map(a -> a.evaluate(values)).toList());
        }

        @Override
        public String text() {
            return function.name + "(" + String.join(", ", arguments.stream().map(Formula::text).toList()) + ")";
        }

        @Override
        public Quantity quantity() {
            Quantity first = arguments.get(0).quantity();
            for (Formula argument : arguments) {
                if (argument.quantity() != first) {
                    throw new IllegalArgumentException(text() + " combines " + first.description + " with " + argument.quantity().description);
                }
            }
            return first;
        }

        @Override
        public void collect(Set<Measure> into) {
            arguments.forEach(a -> a.collect(into));
        }

        /** A coalesce is null only where its last argument is. */
        @Override
        public void collectDivisors(Set<String> into) {
            (function == Function.COALESCE ? arguments.subList(arguments.size() - 1, arguments.size()) : arguments)
                    .forEach(a -> a.collectDivisors(into));
        }
    }

    record Term(Measure measure) implements Formula {
        @Override
        public BigDecimal evaluate(Map<Measure, BigDecimal> values) {
            return values.get(measure);
        }

        @Override
        public Quantity quantity() {
            return Quantity.of(measure.unit());
        }

        @Override
        public String text() {
            return measure.name();
        }

        @Override
        public void collect(Set<Measure> into) {
            into.add(measure);
        }
    }

    record Constant(BigDecimal value) implements Formula {
        @Override
        public BigDecimal evaluate(Map<Measure, BigDecimal> values) {
            return value;
        }

        @Override
        public Quantity quantity() {
            return Quantity.NUMBER;
        }

        @Override
        public String text() {
            return value.toPlainString();
        }
    }

    record Operation(Formula left, Operator operator, Formula right) implements Formula {
        @Override
        public BigDecimal evaluate(Map<Measure, BigDecimal> values) {
            BigDecimal a = left.evaluate(values);
            BigDecimal b = right.evaluate(values);
            return a == null || b == null ? null : operator.apply.apply(a, b);
        }

        @Override
        public String text() {
            // the right operand of minus and divided by is bracketed at equal precedence too: a - (b - c), a / (b x c);
            // so is a divided operation, for the reader: (a / b) / (c / d)
            boolean nonAssociative = operator == Operator.MINUS || operator == Operator.DIVIDED_BY;
            return bracketed(left, left.precedence() < operator.precedence
                    || operator == Operator.DIVIDED_BY && left instanceof Operation) + operator.symbol
                    + bracketed(right, right.precedence() < operator.precedence
                            || nonAssociative && right.precedence() == operator.precedence);
        }

        @Override
        public Quantity quantity() {
            Quantity a = left.quantity();
            Quantity b = right.quantity();
            Quantity result = a.combinedWith(operator, b);
            if (result == null) {
                throw new IllegalArgumentException(text() + " combines " + a.description + " (" + left.text() + ") with "
                        + b.description + " (" + right.text() + ")");
            }
            return result;
        }

        private static String bracketed(Formula formula, boolean needed) {
            return needed ? "(" + formula.text() + ")" : formula.text();
        }

        @Override
        public int precedence() {
            return operator.precedence;
        }

        @Override
        public void collect(Set<Measure> into) {
            left.collect(into);
            right.collect(into);
        }

        @Override
        public void collectDivisors(Set<String> into) {
            left.collectDivisors(into);
            right.collectDivisors(into);
            if (operator == Operator.DIVIDED_BY && !(right instanceof Constant)) {
                into.add(right instanceof Applied applied && applied.function == Function.POSITIVE
                        ? applied.arguments.get(0).text() + " is 0 or less" : right.text() + " is 0");
            }
        }
    }
}
