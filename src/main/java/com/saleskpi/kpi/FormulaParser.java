package com.saleskpi.kpi;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a formula written over measure names, numbers, + - * / (or x) and parentheses, as the catalogue writes them:
 * "won_deals_with_demo / (deals_won + deals_lost) * 100". A caller's formula is only ever this tree of named measures,
 * never SQL. Errors are IllegalArgumentException naming what is wrong and where.
 */
final class FormulaParser {

    /** Deep enough for any formula a person writes; bounded so that a hostile one cannot exhaust the stack. */
    private static final int MAX_DEPTH = 32;
    private static final Pattern TOKEN = Pattern.compile("\\s*(?:([a-z][a-z0-9_]*)|(\\d{1,15}(?:\\.\\d{1,15})?)|([-+*/()]))");

    private final String text;
    private final Map<String, Measure> measures;
    private final Matcher matcher;
    private int position;
    private String token;
    private int tokenStart;

    private FormulaParser(String text, Map<String, Measure> measures) {
        this.text = text;
        this.measures = measures;
        this.matcher = TOKEN.matcher(text);
    }

    static Formula parse(String text, Map<String, Measure> measures) {
        FormulaParser parser = new FormulaParser(text, measures);
        parser.advance();
        Formula formula = parser.sum(0);
        if (parser.token != null) {
            throw parser.error("unexpected '" + parser.token + "'");
        }
        return formula;
    }

    private Formula sum(int depth) {
        Formula formula = product(depth);
        while ("+".equals(token) || "-".equals(token)) {
            boolean plus = token.equals("+");
            advance();
            Formula right = product(depth);
            formula = plus ? formula.plus(right) : formula.minus(right);
        }
        return formula;
    }

    private Formula product(int depth) {
        Formula formula = operand(depth);
        while ("*".equals(token) || "x".equals(token) || "/".equals(token)) {
            boolean divide = token.equals("/");
            advance();
            Formula right = operand(depth);
            formula = divide ? formula.dividedBy(right) : formula.times(right);
        }
        return formula;
    }

    private Formula operand(int depth) {
        if (token == null) {
            throw error("a measure, a number or '(' is missing");
        }
        if (token.equals("(")) {
            if (depth >= MAX_DEPTH) {
                throw error("parentheses nest deeper than " + MAX_DEPTH);
            }
            advance();
            Formula inner = sum(depth + 1);
            if (!")".equals(token)) {
                throw error("')' is missing");
            }
            advance();
            return inner;
        }
        if (Character.isDigit(token.charAt(0))) {
            Formula number = new Formula.Constant(new BigDecimal(token));
            advance();
            return number;
        }
        if (Character.isLetter(token.charAt(0)) && !token.equals("x")) {
            Measure measure = measures.get(token);
            if (measure == null) {
                throw error("unknown measure '" + token + "' (the measures are listed by GET /api/v1/kpis/measures)");
            }
            advance();
            return Formula.of(measure);
        }
        throw error("unexpected '" + token + "'");
    }

    private void advance() {
        if (position < text.length() && text.substring(position).isBlank()) {
            position = text.length();
        }
        if (position >= text.length()) {
            token = null;
            tokenStart = text.length();
            return;
        }
        if (!matcher.find(position) || matcher.start() != position) {
            token = null;
            throw error("unexpected character");
        }
        tokenStart = matcher.start(matcher.group(1) != null ? 1 : matcher.group(2) != null ? 2 : 3);
        token = matcher.group(1) != null ? matcher.group(1) : matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
        position = matcher.end();
    }

    private IllegalArgumentException error(String what) {
        int at = Math.min(token == null ? position : tokenStart, text.length());
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return new IllegalArgumentException(what + " at character " + (at + 1));
    }
}
