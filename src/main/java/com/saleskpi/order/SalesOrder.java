package com.saleskpi.order;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.annotations.BatchSize;

import com.saleskpi.common.persistence.AuditedEntity;

import jakarta.persistence.CascadeType;
import com.saleskpi.security.CallerScope.Role;
import com.saleskpi.security.Owned;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@Entity
@Owned(rep = "repId", territory = "territoryId", placedWithRep = true, writers = { Role.ADMIN, Role.MANAGER, Role.REP })
@Table(name = "sales_order")
@Schema(name = "Order", description = "A customer order with its lines; revenue is the sum of the lines' net amounts")
public class SalesOrder extends AuditedEntity {

    public enum OrderStatus { PLACED, FULFILLED, CANCELLED }

    @Size(max = 100)
    @Column(name = "external_ref")
    public String externalRef;

    @NotNull
    @Column(name = "account_id")
    public UUID accountId;

    @Column(name = "rep_id")
    public UUID repId;

    @Column(name = "channel_id")
    public UUID channelId;

    @Column(name = "territory_id")
    public UUID territoryId;

    @Column(name = "opportunity_id")
    public UUID opportunityId;

    @NotNull
    @Enumerated(EnumType.STRING)
    public OrderStatus status;

    @NotNull
    @Column(name = "ordered_on")
    public LocalDate orderedOn;

    @NotNull
    @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR")
    public String currency;

    @NotEmpty
    @Size(max = 1000)
    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    @OrderBy("lineNo")
    @BatchSize(size = 100)
    @Schema(description = "The order lines; numbered by their position, replaced as a whole on update")
    public List<@Valid OrderLine> lines = new ArrayList<>();

    public void setLines(List<OrderLine> lines) {
        this.lines = lines == null ? new ArrayList<>() : new ArrayList<>(lines);
        for (int i = 0; i < this.lines.size(); i++) {
            OrderLine line = this.lines.get(i);
            if (line != null) {
                line.order = this;
                line.lineNo = i + 1;
            }
        }
    }
}
