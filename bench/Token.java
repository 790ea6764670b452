/** Prints a moderator's bearer token signed with the test key, for wrk (java bench/Token.java on the test classpath). */
public class Token {
    public static void main(String[] args) {
        System.out.println(io.parley.testing.AdminTokens.moderator());
    }
}
