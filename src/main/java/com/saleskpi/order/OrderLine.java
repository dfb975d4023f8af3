package com.saleskpi.order;

import java.math.BigDecimal;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.annotations.Generated;
import org.hibernate.annotations.UuidGenerator;
import org.hibernate.generator.EventType;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

@Entity
@Table(name = "order_line")
@Schema(description = "One line of an order")
public class OrderLine extends PanacheEntityBase {

    @Id
    @UuidGenerator(style = UuidGenerator.Style.VERSION_7)
    @JsonProperty(access = JsonProperty.Access.READ_ONLY)
    @Schema(readOnly = true)
    public UUID id;

    @JsonIgnore
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "order_id")
    public SalesOrder order;

    @Column(name = "line_no")
    @JsonProperty(access = JsonProperty.Access.READ_ONLY)
    @Schema(readOnly = true, description = "Position of the line in the order, from 1")
    public int lineNo;

    @NotNull
    @Column(name = "product_id")
    public UUID productId;

    @Min(1)
    @Max(1_000_000)
    public int quantity;

    @NotNull
    @DecimalMin("0")
    @Digits(integer = 15, fraction = 4)
    @Column(name = "unit_price")
    public BigDecimal unitPrice;

    @DecimalMin("0")
    @DecimalMax("100")
    @Digits(integer = 3, fraction = 2)
    @Column(name = "discount_percent")
    @Schema(description = "Discount in percent of quantity x unit price", defaultValue = "0")
    public BigDecimal discountPercent = BigDecimal.ZERO;

    /** Computed by PostgreSQL (one definition of net revenue, shared with the KPI queries). */
    @Generated(event = { EventType.INSERT, EventType.UPDATE })
    @Column(name = "net_amount", insertable = false, updatable = false)
    @JsonProperty(access = JsonProperty.Access.READ_ONLY)
    @Schema(readOnly = true, description = "quantity x unitPrice x (100 - discountPercent) / 100, rounded to 4 decimals")
    public BigDecimal netAmount;
}
