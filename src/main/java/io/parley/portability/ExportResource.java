package io.parley.portability;

import io.parley.article.ArticleService;
import io.parley.common.paging.Keyset;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Every comment (or one article's) out, as WXR or JSON, streamed. */
@Path("/admin/v1/exports")
@RolesAllowed("admin")
public class ExportResource {

    private final Exporter exporter;

    ExportResource(Exporter exporter) {
        this.exporter = exporter;
    }

    @GET
    @APIResponse(responseCode = "200", description = "The export, streamed as it is read (WXR 1.2 or JSON).")
    public Response export(@QueryParam("format") String format,
            @QueryParam("articleId") @Pattern(regexp = ArticleService.ARTICLE_ID) String articleId) {
        boolean wxr = "wxr".equals(format);
        if (!wxr && !"json".equals(format)) {
            throw Keyset.badParameter("format", "must be wxr or json");
        }
        StreamingOutput body = out -> {
            if (wxr) {
                exporter.wxr(articleId, out);
            } else {
                exporter.json(articleId, out);
            }
        };
        String name = "parley-comments" + (articleId == null ? "" : "-" + articleId) + (wxr ? ".xml" : ".json");
        return Response.ok(body, wxr ? "application/rss+xml; charset=utf-8" : "application/json")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }
}
