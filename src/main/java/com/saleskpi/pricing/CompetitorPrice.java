package com.saleskpi.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.saleskpi.common.persistence.AuditedEntity;

import com.saleskpi.security.CallerScope.Role;
import com.saleskpi.security.Owned;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@Entity
@Owned(writers = Role.ADMIN)
@Table(name = "competitor_price")
@Schema(description = "A competitor's price for a product like ours, observed on a day")
public class CompetitorPrice extends AuditedEntity {

    @NotNull
    @Column(name = "product_id")
    public UUID productId;

    @NotBlank
    @Size(max = 200)
    public String competitor;

    @NotNull
    @DecimalMin("0")
    @Digits(integer = 15, fraction = 4)
    public BigDecimal price;

    @NotNull
    @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR")
    public String currency;

    @Column(name = "territory_id")
    public UUID territoryId;

    @NotNull
    @Column(name = "observed_on")
    public LocalDate observedOn;

    @Size(max = 500)
    @Schema(description = "Where the price was seen (web shop, quote, flyer...)")
    public String source;
}
