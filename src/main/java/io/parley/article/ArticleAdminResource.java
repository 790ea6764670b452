package io.parley.article;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Admins register articles ahead of their first comment, close them, or put them under pre-moderation. */
@Path("/admin/v1/articles")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ArticleAdminResource {

    private final ArticleService articles;

    ArticleAdminResource(ArticleService articles) {
        this.articles = articles;
    }

    @PUT
    @Path("/{articleId}")
    public ArticleView put(@PathParam("articleId") @Pattern(regexp = ArticleService.ARTICLE_ID) String articleId,
            @Valid @NotNull ArticleSettings request) {
        return ArticleView.of(articles.register(articleId, request));
    }
}
