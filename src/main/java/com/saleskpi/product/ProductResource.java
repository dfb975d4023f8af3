package com.saleskpi.product;

import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.Operation;
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

@Path(CrudResource.API + ProductService.COLLECTION)
@Tag(name = "Products", description = "The product catalogue with categories and list prices")
public class ProductResource extends CrudResource<Product> {

    public ProductResource(ProductService service) {
        super(service);
    }

    public static class Query extends ListQuery {
        @QueryParam("category")
        public String category;
        @QueryParam("sku")
        public String sku;
        @QueryParam("active")
        public Boolean active;
        @QueryParam("name")
        public String name;

        @Override
        public void where(Criteria criteria) {
            criteria.equal("category", category).equal("sku", sku).equal("active", active).contains("name", name);
        }

        @Override
        public Set<String> sortableFields() {
            return Set.of("sku", "name", "category", "listPrice", "createdAt", "updatedAt");
        }
    }

    @GET
    @Operation(operationId = "listProducts", summary = "List products", description = LIST_DESCRIPTION)
    public Uni<Page<Product>> list(@Valid @BeanParam Query query, @Context UriInfo uri) {
        return page(query, uri);
    }

    @GET
    @Produces(CSV_LOW_PRIORITY)
    @Operation(operationId = "listProducts", summary = "List products", description = LIST_DESCRIPTION)
    public Multi<String> exportCsv(@Valid @BeanParam Query query) {
        return csv(query, Product.class);
    }

    @GET
    @Produces(NDJSON_LOW_PRIORITY)
    @Operation(operationId = "listProducts", summary = "List products", description = LIST_DESCRIPTION)
    public Multi<Product> exportNdjson(@Valid @BeanParam Query query) {
        return ndjson(query);
    }
}
