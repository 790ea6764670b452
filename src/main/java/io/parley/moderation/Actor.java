package io.parley.moderation;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who changed a comment's status, as the audit trail records it. */
public record Actor(String name, Kind kind) {

    public enum Kind { SYSTEM, AUTHOR, MODERATOR }

    public static final Actor SYSTEM = new Actor("system", Kind.SYSTEM);

    /** An identity attribute with the person's name, set by sign-ins that know it (the console's). */
    public static final String DISPLAY_NAME = "parley.display-name";

    /** The kind as the audit trail stores it ({@code system}, {@code author}, {@code moderator}). */
    public String kindName() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Actor author(long commenterId) {
        return new Actor("commenter:" + commenterId, Kind.AUTHOR);
    }

    /** @param subject the moderator's JWT subject */
    public static Actor moderator(String subject) {
        return new Actor(subject, Kind.MODERATOR);
    }

    /**
     * The newsroom member an admin JWT names: its subject, or its principal name when it has none.
     * Read from the identity, because with quarkus-oidc present an injected JsonWebToken is OIDC's.
     */
    public static Actor moderator(SecurityIdentity caller) {
        String subject = caller.getPrincipal() instanceof JsonWebToken jwt ? jwt.getSubject() : null;
        return moderator(subject != null ? subject : caller.getPrincipal().getName());
    }

    /** The name other moderators see ("being reviewed by ..."): the sign-in's or the token's name, else the subject. */
    public static String displayName(SecurityIdentity caller) {
        String name = caller.getAttribute(DISPLAY_NAME);
        if (name == null && caller.getPrincipal() instanceof JsonWebToken jwt) {
            name = text(jwt.getClaim("name"));
            name = name != null ? name : text(jwt.getClaim("preferred_username"));
        }
        return name != null && !name.isBlank() ? name : moderator(caller).name();
    }

    private static String text(Object claim) {
        return claim instanceof JsonString json ? json.getString() : claim == null ? null : claim.toString();
    }
}
