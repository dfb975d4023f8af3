package com.saleskpi.order;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.saleskpi.common.crud.Criteria;
import com.saleskpi.common.crud.CrudResource;
import com.saleskpi.common.crud.ListQuery;
import com.saleskpi.common.crud.Page;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

@Path(CrudResource.API + SalesOrderService.COLLECTION)
@Tag(name = "Orders", description = "Orders and their lines (revenue is net of line discounts, cancelled orders excluded)")
public class OrderResource extends CrudResource<SalesOrder> {

    public OrderResource(SalesOrderService service) {
        super(service);
    }

    public static class Query extends ListQuery {
        @QueryParam("externalRef")
        public String externalRef;
        @QueryParam("accountId")
        public UUID accountId;
        @QueryParam("repId")
        public UUID repId;
        @QueryParam("channelId")
        public UUID channelId;
        @QueryParam("territoryId")
        public UUID territoryId;
        @QueryParam("opportunityId")
        public UUID opportunityId;
        @QueryParam("productId")
        @Parameter(description = "Orders with at least one line of this product")
        public UUID productId;
        @QueryParam("status")
        public SalesOrder.OrderStatus status;
        @QueryParam("orderedFrom")
        public LocalDate orderedFrom;
        @QueryParam("orderedTo")
        public LocalDate orderedTo;

        @Override
        public void where(Criteria criteria) {
            criteria.equal("externalRef", externalRef).equal("accountId", accountId).equal("repId", repId).equal("channelId", channelId)
                    .equal("territoryId", territoryId).equal("opportunityId", opportunityId).equal("status", status)
                    .idIn("select l.order_id from order_line l where l.product_id = ?", productId)
                    .between("orderedOn", orderedFrom, orderedTo);
        }

        @Override
        public Set<String> sortableFields() {
            return Set.of("orderedOn", "createdAt", "updatedAt");
        }
    }

    @GET
    @Operation(operationId = "listOrders", summary = "List orders", description = LIST_DESCRIPTION)
    public Uni<Page<SalesOrder>> list(@Valid @BeanParam Query query, @Context UriInfo uri) {
        return page(query, uri);
    }

    @GET
    @Produces(CSV_LOW_PRIORITY)
    @Operation(operationId = "listOrders", summary = "List orders", description = LIST_DESCRIPTION)
    public Multi<String> exportCsv(@Valid @BeanParam Query query) {
        return csv(query, SalesOrder.class);
    }

    @GET
    @Produces(NDJSON_LOW_PRIORITY)
    @Operation(operationId = "listOrders", summary = "List orders", description = LIST_DESCRIPTION)
    public Multi<SalesOrder> exportNdjson(@Valid @BeanParam Query query) {
        return ndjson(query);
    }
}
