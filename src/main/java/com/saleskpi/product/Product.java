package com.saleskpi.product;

import java.math.BigDecimal;

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
@Table(name = "product")
@Schema(description = "A product or service that is sold")
public class Product extends AuditedEntity {

    @NotBlank
    @Size(max = 64)
    public String sku;

    @NotBlank
    @Size(max = 200)
    public String name;

    @NotBlank
    @Size(max = 100)
    public String category;

    @NotNull
    @DecimalMin("0")
    @Digits(integer = 15, fraction = 4)
    @Column(name = "list_price")
    public BigDecimal listPrice;

    @NotNull
    @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR")
    public String currency;

    @Schema(defaultValue = "true")
    public boolean active = true;
}
