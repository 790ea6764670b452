package io.parley.moderation.rules;

import io.parley.common.paging.Keyset;
import io.parley.moderation.Actor;
import io.parley.moderation.SettingsDryRun;
import io.parley.moderation.AdminEvent;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import io.quarkus.security.identity.SecurityIdentity;

/** The moderation rules; admins only. */
@Path("/admin/v1/settings")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {

    private final ModerationRules rules;
    private final SettingsDryRun dryRun;
    private final SecurityIdentity caller;

    SettingsResource(ModerationRules rules, SettingsDryRun dryRun, SecurityIdentity caller) {
        this.rules = rules;
        this.dryRun = dryRun;
        this.caller = caller;
    }

    @GET
    public ModerationSettings get() {
        return rules.current().values();
    }

    /** Changes to settings, bans and the spam filter, newest first: who changed the rules, and when. */
    @GET
    @Path("/history")
    public List<AdminEvent.RuleChange> history(@QueryParam("limit") String limit) {
        return AdminEvent.latest(Keyset.limit(limit, 50, 200));
    }

    /** What the proposed settings would have done to the latest comments, before anyone saves them. */
    @POST
    @Path("/dry-run")
    @Consumes(MediaType.APPLICATION_JSON)
    public SettingsDryRun.DryRunResult dryRun(@Valid @NotNull SettingsDryRun.DryRunRequest request) {
        return dryRun.run(request.settings(), request.last() == null ? SettingsDryRun.DEFAULT_SAMPLE : request.last());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public ModerationSettings put(@Valid @NotNull ModerationSettings request) {
        return rules.update(request, Actor.moderator(caller).name());
    }
}
