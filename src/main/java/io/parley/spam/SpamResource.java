package io.parley.spam;

import io.parley.moderation.Actor;
import io.parley.moderation.AdminEvent;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.Map;
import io.quarkus.security.identity.SecurityIdentity;

/** Rebuilds the spam filter's model from moderators' decisions; admins only. */
@Path("/admin/v1/spam/rebuild")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class SpamResource {

    /** How many decided comments the rebuilt model learnt from. */
    public record Rebuilt(int learnt) {
    }

    private final SpamFilter filter;
    private final SecurityIdentity caller;
    private final Clock clock;

    SpamResource(SpamFilter filter, SecurityIdentity caller, Clock clock) {
        this.filter = filter;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @Transactional
    public Rebuilt rebuild() {
        int learnt = filter.rebuild();
        AdminEvent.record(Actor.moderator(caller).name(), "spam.rebuild", Map.of("learnt", learnt), clock.instant());
        return new Rebuilt(learnt);
    }
}
