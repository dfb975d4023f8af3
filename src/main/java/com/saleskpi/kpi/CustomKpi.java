package com.saleskpi.kpi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleskpi.common.persistence.AuditedEntity;
import com.saleskpi.security.CallerScope.Role;
import com.saleskpi.security.Owned;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A KPI defined through the API: a formula over the catalogue's named measures, with an optional fixed filter. It is
 * answered like a built-in KPI (catalogue, snapshot, series, breakdown, leaderboard), within each caller's scope.
 */
@Entity
@Owned(writers = { Role.ADMIN, Role.ANALYST })
@Table(name = "custom_kpi")
@Schema(description = "A KPI defined through the API: a formula over named measures (GET /api/v1/kpis/measures), with an"
        + " optional fixed filter; answered like the built-in KPIs")
public class CustomKpi extends AuditedEntity {

    @NotBlank
    @Size(max = 63)
    @Pattern(regexp = "[a-z][a-z0-9_]*", message = "must be lower case letters, digits and underscores, starting with a letter")
    @Schema(description = "Its name in KPI requests; unique, and not one of the built-in KPIs", example = "enterprise_win_rate")
    public String name;

    @NotBlank
    @Size(max = 200)
    @Schema(example = "Enterprise win rate")
    public String title;

    @Size(max = 2000)
    public String description;

    @NotNull
    @Enumerated(EnumType.STRING)
    public Unit unit;

    @NotNull
    @Enumerated(EnumType.STRING)
    public Direction direction;

    @NotBlank
    @Size(max = 1000)
    @Schema(description = "Named measures, numbers, + - * / and parentheses; a division by 0 is null", example = "deals_won / (deals_won + deals_lost)")
    public String formula;

    @Convert(converter = FilterColumn.class)
    @Column(name = "filter")
    @Schema(description = "Records the KPI always looks at, within what a request asks for (both apply)")
    public KpiFilter filter;

    /** The fixed filter as JSON text. */
    @Converter
    public static class FilterColumn implements AttributeConverter<KpiFilter, String> {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public String convertToDatabaseColumn(KpiFilter filter) {
            try {
                return filter == null ? null : JSON.writeValueAsString(filter);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public KpiFilter convertToEntityAttribute(String json) {
            try {
                return json == null ? null : JSON.readValue(json, KpiFilter.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("custom_kpi.filter is not a KPI filter: " + json, e);
            }
        }
    }
}
