package io.parley.portability;

import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASModelReader;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * The OpenAPI description of the one operation no JAX-RS method declares: the upload that
 * {@link ImportRoute} streams to disk. openapi.yaml carries its full text; this keeps the spec the
 * code produces complete (mp.openapi.model.reader).
 */
public class ImportRouteDocument implements OASModelReader {

    @Override
    public OpenAPI buildModel() {
        return OASFactory.createOpenAPI().paths(OASFactory.createPaths().addPathItem(ImportRoute.PATH, OASFactory.createPathItem()
                .POST(OASFactory.createOperation()
                        .addParameter(query("format", true, "wxr", "disqus"))
                        .addParameter(query("articleIds", false, "source", "url"))
                        .addParameter(query("timeZone", false))
                        .addParameter(query("learnSpam", false, "false", "true"))
                        .requestBody(OASFactory.createRequestBody().required(true).content(OASFactory.createContent()
                                .addMediaType("application/xml", OASFactory.createMediaType().schema(
                                        OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).format("binary")))))
                        .responses(OASFactory.createAPIResponses().addAPIResponse("202", OASFactory.createAPIResponse()
                                .description("The job, queued; follow it at the Location.")
                                .content(OASFactory.createContent().addMediaType("application/json", OASFactory.createMediaType()
                                        .schema(OASFactory.createSchema().ref("JobView")))))))));
    }

    private static Parameter query(String name, boolean required, String... values) {
        Schema schema = OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING));
        if (values.length > 0) {
            schema.enumeration(List.of((Object[]) values));
        }
        return OASFactory.createParameter().name(name).in(Parameter.In.QUERY).required(required).schema(schema);
    }
}
