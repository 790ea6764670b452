package io.parley.moderation;

/** Who changed a comment's status, as the audit trail records it. */
public record Actor(String name, Kind kind) {

    public enum Kind { SYSTEM, AUTHOR, MODERATOR }

    public static final Actor SYSTEM = new Actor("system", Kind.SYSTEM);

    public static Actor author(long commenterId) {
        return new Actor("commenter:" + commenterId, Kind.AUTHOR);
    }

    /** @param subject the moderator's JWT subject */
    public static Actor moderator(String subject) {
        return new Actor(subject, Kind.MODERATOR);
    }
}
