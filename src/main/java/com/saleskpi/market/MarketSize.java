package com.saleskpi.market;

import java.math.BigDecimal;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.saleskpi.common.persistence.PeriodRecord;
import com.saleskpi.security.CallerScope.Role;
import com.saleskpi.security.Owned;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The total sales of a market over a period, as a source (a market study, a trade body) states them: a territory, and a
 * product category or the whole market. Reference data: admins write it, everyone reads it; the KPI market_share divides
 * revenue by it.
 */
@Entity
@Owned(writers = Role.ADMIN)
@Table(name = "market_size")
@Schema(description = "The total sales of a market (a territory, and a product category or all of them) over a period, for market_share")
public class MarketSize extends PeriodRecord {

    @Size(max = 100)
    @Column(name = "external_ref")
    @Schema(description = "The key a bulk import recognises the size by")
    public String externalRef;

    @NotNull
    @Column(name = "territory_id")
    @Schema(description = "The territory (a region or an area) the market is")
    public UUID territoryId;

    @Size(max = 100)
    @Schema(description = "The product category the size is of (as products name it); null for the whole market of the territory")
    public String category;

    @NotNull
    @DecimalMin(value = "0", inclusive = false)
    @Digits(integer = 15, fraction = 4)
    @Schema(description = "The market's total sales over the period")
    public BigDecimal amount;

    @NotNull
    @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR")
    public String currency;

    @Size(max = 500)
    @Schema(description = "Where the figure comes from")
    public String source;
}
