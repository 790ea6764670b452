package io.parley.comment;

/** WordPress's field limits, so content moved between the two systems fits both. */
final class CommentLimits {

    static final int NAME = 245;
    static final int EMAIL = 100;
    static final int WEBSITE = 200;
    static final int BODY = 65_525;
    static final int URL = 2_000;

    private CommentLimits() {
    }
}
