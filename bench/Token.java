/**
 * Prints a bearer token signed with the test key, for wrk and curl (java bench/Token.java [admin] on
 * the test classpath): a moderator's, or an admin's when asked.
 */
public class Token {
    public static void main(String[] args) {
        boolean admin = args.length > 0 && args[0].equals("admin");
        System.out.println(admin ? io.parley.testing.AdminTokens.admin() : io.parley.testing.AdminTokens.moderator());
    }
}
