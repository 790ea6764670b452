package io.parley.identity;

import io.parley.common.ParleyConfig;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The social networks readers can log in with, and how each one describes its user. */
public enum SocialProvider {

    TWITTER("twitter", "Twitter", List.of("users.read", "tweet.read")) {
        @Override
        Optional<Profile> profile(JsonObject userinfo) {
            // GET /2/users/me wraps the user in "data"
            JsonObject user = userinfo.get("data") instanceof JsonObject data ? data : userinfo;
            return Profile.of(text(user, "id"), Optional.ofNullable(text(user, "name")).orElse(text(user, "username")),
                    text(user, "profile_image_url"), null);
        }

        @Override
        ParleyConfig.Auth.Provider settings(ParleyConfig.Auth auth) {
            return auth.twitter();
        }
    },

    FACEBOOK("facebook", "Facebook", List.of("public_profile", "email")) {
        @Override
        Optional<Profile> profile(JsonObject me) {
            // the Graph API nests the picture as {"picture": {"data": {"url": ...}}}
            String picture = me.get("picture") instanceof JsonObject p && p.get("data") instanceof JsonObject d
                    ? text(d, "url") : text(me, "picture");
            return Profile.of(text(me, "id"), text(me, "name"), picture, text(me, "email"));
        }

        @Override
        ParleyConfig.Auth.Provider settings(ParleyConfig.Auth auth) {
            return auth.facebook();
        }
    };

    public final String id;
    public final String displayName;
    final List<String> scopes;

    SocialProvider(String id, String displayName, List<String> scopes) {
        this.id = id;
        this.displayName = displayName;
        this.scopes = scopes;
    }

    /** Who the provider says the user is; empty when it did not say (no id). */
    abstract Optional<Profile> profile(JsonObject userinfo);

    abstract ParleyConfig.Auth.Provider settings(ParleyConfig.Auth auth);

    public static Optional<SocialProvider> byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }

    private static String text(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value instanceof JsonString string) {
            return string.getString();
        }
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value.toString();
    }

    /** A provider account as Parley keeps it: the id is the identity, the rest is refreshed on each login. */
    public record Profile(String userId, String name, String avatarUrl, String email) {

        private static final int MAX_NAME = 100;

        static Optional<Profile> of(String userId, String name, String avatarUrl, String email) {
            if (userId == null || userId.isBlank()) {
                return Optional.empty();
            }
            String shown = name == null || name.isBlank() ? userId : name.strip().replaceAll("\\p{Cntrl}", "");
            if (shown.length() > MAX_NAME) {
                shown = shown.substring(0, MAX_NAME);
            }
            // avatars end up in <img src>: only absolute web addresses
            String avatar = avatarUrl != null && avatarUrl.matches("https?://[^\\s\"'<>]+") ? avatarUrl : null;
            return Optional.of(new Profile(userId, shown, avatar, email));
        }
    }
}
