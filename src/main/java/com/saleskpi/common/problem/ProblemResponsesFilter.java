package com.saleskpi.common.problem;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents on every API operation what every API operation can answer: the bearer token requirement
 * and the 400/401/403 problem documents, so that no operation's contract forgets them.
 */
public class ProblemResponsesFilter implements OASFilter {

    private static final List<Map.Entry<String, String>> COMMON = List.of(
            Map.entry("400", "Malformed request, or an invalid or unknown parameter"),
            Map.entry("401", "Missing or invalid bearer token"),
            Map.entry("403", "The token's roles do not allow this"));

    @Override
    public Operation filterOperation(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            return operation;
        }
        COMMON.forEach(common -> responses.addAPIResponse(common.getKey(), OASFactory.createAPIResponse()
                .description(common.getValue()).content(problemContent())));
        return operation;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("bearer"));
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("Problem")));
    }
}
