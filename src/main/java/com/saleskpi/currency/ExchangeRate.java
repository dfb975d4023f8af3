package com.saleskpi.currency;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.saleskpi.common.persistence.AuditedEntity;
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
 * A dated reference rate, quoted as a central bank quotes it: how many units of the currency one unit of the reporting
 * currency buys on that day (ECB: 1 EUR = 1.0854 USD). It holds from its day until the currency's next rate.
 */
@Entity
@Owned(writers = Role.ADMIN)
@Table(name = "exchange_rate")
@Schema(description = "Units of a currency per one unit of the reporting currency (REPORTING_CURRENCY) from a day on,"
        + " as central banks quote reference rates; money KPIs convert each record at the latest rate on or before its day")
public class ExchangeRate extends AuditedEntity {

    @Size(max = 100)
    @Column(name = "external_ref")
    public String externalRef;

    @NotNull
    @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as USD")
    public String currency;

    @NotNull
    @Column(name = "rate_date")
    @Schema(description = "The day the rate is quoted for; it holds until the currency's next rate")
    public LocalDate rateDate;

    @NotNull
    @DecimalMin(value = "0", inclusive = false)
    @Digits(integer = 11, fraction = 8)
    @Schema(description = "Units of the currency per one unit of the reporting currency, e.g. 1.0854 US dollars per euro")
    public BigDecimal rate;
}
