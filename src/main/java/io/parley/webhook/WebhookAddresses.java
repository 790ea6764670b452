package io.parley.webhook;

import io.parley.common.ParleyConfig;
import io.parley.common.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where webhooks may go. A URL an admin enters could point at the service's own network (a
 * database, a cloud's metadata endpoint at 169.254.169.254): unless private networks are allowed,
 * a URL must be https and every address its host resolves to must be public, checked when it is
 * registered and again before every delivery, which then connects to the address that was checked
 * (a name that resolves differently the second time, DNS rebinding, gains nothing).
 */
@ApplicationScoped
class WebhookAddresses {

    /** A delivery that may not go where its URL points. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final boolean allowPrivate;

    WebhookAddresses(ParleyConfig config) {
        this.allowPrivate = config.webhooks().allowPrivateNetworks();
    }

    /** Checks a URL being registered; a 422 naming the field {@code url} when it may not be used. */
    URI checked(String url) {
        try {
            URI uri = parse(url);
            resolve(uri);
            return uri;
        } catch (Refused e) {
            throw ProblemException.invalid("Invalid webhook", "url", e.getMessage());
        }
    }

    /** The address a delivery to {@code uri} connects to. */
    InetAddress resolve(URI uri) throws Refused {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new Refused("the host " + uri.getHost() + " does not resolve");
        }
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                if (!isPublic(address)) {
                    throw new Refused("the host " + uri.getHost() + " resolves to " + address.getHostAddress()
                            + ", which is not a public address");
                }
            }
        }
        return addresses[0];
    }

    private URI parse(String url) throws Refused {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Refused("must be an absolute https:// URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowPrivate && scheme.equals("http"))) {
            throw new Refused(allowPrivate ? "must be an http:// or https:// URL" : "must be an https:// URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new Refused("must be an absolute URL with a host, and neither user information nor a fragment");
        }
        return uri;
    }

    /** Neither this machine, nor a private, shared, link-local (metadata), multicast or reserved network. */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] a = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = a[0] & 0xff;
            int second = a[1] & 0xff;
            return first != 0                                      // "this network"
                    && !(first == 100 && (second & 0xc0) == 64)    // 100.64.0.0/10, carrier-grade NAT
                    && !(first == 192 && second == 0 && a[2] == 0) // 192.0.0.0/24, protocol assignments
                    && !(first == 198 && (second & 0xfe) == 18)    // 198.18.0.0/15, benchmarking
                    && first < 240;                                // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            if ((a[0] & 0xfe) == 0xfc) {
                return false; // fc00::/7, unique local (fd00:ec2::254 is a metadata endpoint)
            }
            if (a[0] == 0x00 && a[1] == 0x64 && a[2] == (byte) 0xff && a[3] == (byte) 0x9b) {
                return isPublic(v4(Arrays.copyOfRange(a, 12, 16))); // 64:ff9b::/96 carries an IPv4 address
            }
            if ((a[0] & 0xff) == 0x20 && a[1] == 0x01 && a[2] == 0x0d && (a[3] & 0xff) == 0xb8) {
                return false; // 2001:db8::/32, documentation
            }
            boolean compatible = true; // ::a.b.c.d, the deprecated IPv4-compatible form
            for (int i = 0; i < 12; i++) {
                compatible &= a[i] == 0;
            }
            return !compatible || isPublic(v4(Arrays.copyOfRange(a, 12, 16)));
        }
        return false;
    }

    private static InetAddress v4(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }
}
