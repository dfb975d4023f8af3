package com.saleskpi.account;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

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

@Path(CrudResource.API + AccountService.COLLECTION)
@Tag(name = "Accounts", description = "Customer accounts: prospects until acquired, customers until churned, each with its owner rep and territory")
public class AccountResource extends CrudResource<Account> {

    public AccountResource(AccountService service) {
        super(service);
    }

    public static class Query extends ListQuery {
        @QueryParam("territoryId")
        public UUID territoryId;
        @QueryParam("ownerRepId")
        public UUID ownerRepId;
        @QueryParam("segment")
        public Account.Segment segment;
        @QueryParam("industry")
        public String industry;
        @QueryParam("externalRef")
        public String externalRef;
        @QueryParam("acquiredFrom")
        public LocalDate acquiredFrom;
        @QueryParam("acquiredTo")
        public LocalDate acquiredTo;
        @QueryParam("name")
        public String name;

        @Override
        public void where(Criteria criteria) {
            criteria.equal("territoryId", territoryId).equal("ownerRepId", ownerRepId).equal("segment", segment)
                    .equal("industry", industry).equal("externalRef", externalRef)
                    .between("acquiredOn", acquiredFrom, acquiredTo).contains("name", name);
        }

        @Override
        public Set<String> sortableFields() {
            return Set.of("name", "createdAt", "updatedAt");
        }
    }

    @GET
    @Operation(operationId = "listAccounts", summary = "List accounts", description = LIST_DESCRIPTION)
    public Uni<Page<Account>> list(@Valid @BeanParam Query query, @Context UriInfo uri) {
        return page(query, uri);
    }

    @GET
    @Produces(CSV_LOW_PRIORITY)
    @Operation(operationId = "listAccounts", summary = "List accounts", description = LIST_DESCRIPTION)
    public Multi<String> exportCsv(@Valid @BeanParam Query query) {
        return csv(query, Account.class);
    }

    @GET
    @Produces(NDJSON_LOW_PRIORITY)
    @Operation(operationId = "listAccounts", summary = "List accounts", description = LIST_DESCRIPTION)
    public Multi<Account> exportNdjson(@Valid @BeanParam Query query) {
        return ndjson(query);
    }
}
