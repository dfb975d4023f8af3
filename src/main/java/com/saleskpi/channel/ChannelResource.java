package com.saleskpi.channel;

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

@Path(CrudResource.API + ChannelService.COLLECTION)
@Tag(name = "Channels", description = "Sales channels: field, store, online, partner...")
public class ChannelResource extends CrudResource<Channel> {

    public ChannelResource(ChannelService service) {
        super(service);
    }

    public static class Query extends ListQuery {
        @QueryParam("type")
        public Channel.ChannelType type;
        @QueryParam("code")
        public String code;

        @Override
        public void where(Criteria criteria) {
            criteria.equal("type", type).equal("code", code);
        }

        @Override
        public Set<String> sortableFields() {
            return Set.of("code", "name", "createdAt", "updatedAt");
        }
    }

    @GET
    @Operation(operationId = "listChannels", summary = "List channels", description = LIST_DESCRIPTION)
    public Uni<Page<Channel>> list(@Valid @BeanParam Query query, @Context UriInfo uri) {
        return page(query, uri);
    }

    @GET
    @Produces(CSV_LOW_PRIORITY)
    @Operation(operationId = "listChannels", summary = "List channels", description = LIST_DESCRIPTION)
    public Multi<String> exportCsv(@Valid @BeanParam Query query) {
        return csv(query, Channel.class);
    }

    @GET
    @Produces(NDJSON_LOW_PRIORITY)
    @Operation(operationId = "listChannels", summary = "List channels", description = LIST_DESCRIPTION)
    public Multi<Channel> exportNdjson(@Valid @BeanParam Query query) {
        return ndjson(query);
    }
}
